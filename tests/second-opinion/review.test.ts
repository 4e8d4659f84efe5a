// The LLM review's handling: which posts are sent, bounded concurrency, the cache by text hash, and
// that the default score stands when the LLM is down, slow or answers badly. The failing LLM is a
// local server this test starts on 127.0.0.1 — it tests our handling, not Ollama's answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scoreText } from '../../analysis/index.ts';
import { reasonText } from '../../analysis/reasons.ts';
import { needsReview, OllamaSecondOpinion, ReviewCache, reviewScores, type Judgement, type SecondOpinion } from '../../analysis/second-opinion/index.ts';

const SEVERE = '再不给钱就只能去县政府了，我们三十多个工人都等着';
const CALM_QUESTION = '请问社保卡丢了怎么补办？';
const item = (text: string) => ({ text, score: scoreText(text) });

/** How the local server misbehaves for the current test. */
let behaviour = 'bad';
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (behaviour === 'slow') {
      // Far beyond the client's timeout, so only the timeout can end the wait, however busy the machine.
      setTimeout(() => res.end('{}'), 60_000).unref();
      return;
    }
    if (behaviour === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'model not loaded' }));
      return;
    }
    // A well-formed chat reply whose content is not the JSON we asked for.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ model: 'x', created_at: new Date().toISOString(), message: { role: 'assistant', content: '我觉得这条帖子很严重' }, done: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

// A generous timeout for the answers that do come (a busy machine must not turn them into
// timeouts); a short one only where the timeout itself is under test.
async function reviewWith(mode: string, host = base, timeoutMs = mode === 'slow' ? 500 : 20_000) {
  behaviour = mode;
  return reviewScores([item(SEVERE), item(CALM_QUESTION)], new OllamaSecondOpinion(host, 'qwen2.5:3b', timeoutMs));
}

describe('LLM review falls back to the default score', () => {
  it.each([
    ['answers badly', 'bad', /不是 JSON/],
    ['answers with an error', 'error', /无法从 Ollama/],
    ['is too slow', 'slow', /毫秒内没有回答/],
  ])('when the LLM %s', async (_name, mode, message) => {
    const started = Date.now();
    const [severe, calm] = await reviewWith(mode);
    expect(Date.now() - started).toBeLessThan(30_000); // never waits for the slow server's minute
    const original = scoreText(SEVERE);
    expect(severe!.outcome).toBe('failed');
    expect(severe!.score).toMatchObject({ sentiment: original.sentiment, severity: original.severity, negative: original.negative });
    const last = reasonText(severe!.score.reasons.at(-1)!);
    expect(last).toContain('大模型复核失败，沿用默认评分');
    expect(last).toMatch(message);
    // A calm, certain post is never sent.
    expect(calm!.outcome).toBe('kept');
    expect(calm!.score).toEqual(scoreText(CALM_QUESTION));
  });

  it('when nothing listens at OLLAMA_HOST', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const [severe] = await reviewWith('bad', `http://127.0.0.1:${port}`);
    expect(severe!.outcome).toBe('failed');
    expect(severe!.score.severity).toBe(scoreText(SEVERE).severity);
  });
});

describe('review batching', () => {
  function countingOpinion(answer: Partial<Judgement> = {}) {
    const state = { calls: 0, running: 0, maxRunning: 0 };
    const opinion: SecondOpinion = {
      name: 'counting',
      async judge(text) {
        state.calls += 1;
        state.running += 1;
        state.maxRunning = Math.max(state.maxRunning, state.running);
        await new Promise((r) => setTimeout(r, 20));
        state.running -= 1;
        return {
          sentiment: 'negative',
          negative: 0.9,
          severity: 1,
          rationale: '测试',
          quotes: [text.slice(0, 2)],
          inventedQuotes: 0,
          by: 'counting',
          ...answer,
        };
      },
    };
    return { opinion, state };
  }

  it('sends only uncertain or severe posts, at most `concurrency` at once, each text once', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => `工友们准备联名上书到市里，第${i % 4}批`);
    const items = [...texts, CALM_QUESTION].map(item);
    expect(items.filter((it) => needsReview(it.score)).length).toBe(8);
    const { opinion, state } = countingOpinion();
    const cache = new ReviewCache();
    const out = await reviewScores(items, opinion, { concurrency: 2, cache });
    expect(state.maxRunning).toBeLessThanOrEqual(2);
    expect(state.calls).toBe(4);
    expect(cache.size).toBe(4);
    expect(out.at(-1)!.outcome).toBe('kept');
    // Crisis found by the rules stays 3 even if the LLM says 1; the reason says who reviewed.
    expect(out[0]!.score.severity).toBe(3);
    expect(reasonText(out[0]!.score.reasons.at(-1)!)).toMatch(/^大模型复核（counting）/);

    const again = await reviewScores(items, opinion, { concurrency: 2, cache });
    expect(state.calls).toBe(4);
    expect(again.slice(0, 8).every((r) => r.outcome === 'cached')).toBe(true);
  });
});
