// The `minsheng score` contract through the CLI (in process): JSON lines in, one line out per input,
// errors in Chinese for bad lines, exit code 1 when any line was bad.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../helpers/cli.ts';

const runCli = (args: string[], stdin: string) => cli(args, { stdin });

describe('minsheng score', () => {
  it('scores each line, reports a malformed line in Chinese and carries on, exit 1', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '公司拖欠工资三个月，投诉无门' }),
      '{"id": "b", "text": 没有引号}',
      JSON.stringify({ id: 'c', text: '请问社保卡丢了怎么补办？' }),
      JSON.stringify({ id: 'd' }),
    ].join('\n');
    const { code, stdout } = await runCli(['score'], input);
    expect(code).toBe(1);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(Object.keys(out[0]).sort()).toEqual(['id', 'negative', 'reasons', 'sentiment', 'severity', 'topic']);
    expect(out[0]).toMatchObject({ id: 'a', sentiment: 'negative' });
    expect(out[1].error).toMatch(/第 2 行不是合法的 JSON/);
    expect(out[2]).toMatchObject({ id: 'c', sentiment: 'neutral', topic: 'social_security_card' });
    expect(out[3]).toMatchObject({ id: 'd', error: expect.stringContaining('text') });
  });

  it('reads --input FILE and exits 0 when every line is good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-score-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 1, text: '感谢人社局帮我们讨回了工资' })}\n\n`);
    const { code, stdout } = await runCli(['score', '--input', file], '');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, sentiment: 'positive' });
  });
});

describe('minsheng score --review', () => {
  const runWithEnv = (args: string[], stdin: string, env: Record<string, string | undefined>) => cli(args, { stdin, env });
  const input = [
    JSON.stringify({ id: 's', text: '再不给钱就只能去县政府了，三十多个工人都等着' }),
    JSON.stringify({ id: 'q', text: '请问社保卡丢了怎么补办？' }),
  ].join('\n');

  it('keeps the default scores, saying why, when the LLM at OLLAMA_HOST answers badly', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ model: 'x', message: { role: 'assistant', content: '不是JSON' }, done: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const plain = (await runWithEnv(['score'], input, { OLLAMA_HOST: undefined })).stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const { code, stdout } = await runWithEnv(['score', '--review'], input, { OLLAMA_HOST: `http://127.0.0.1:${port}` });
      expect(code).toBe(0);
      const reviewed = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(reviewed.map((r) => r.id)).toEqual(['s', 'q']);
      expect(reviewed[0]).toMatchObject({ sentiment: plain[0].sentiment, severity: plain[0].severity, negative: plain[0].negative });
      expect(reviewed[0].reasons.at(-1)).toMatch(/^大模型复核失败，沿用默认评分/);
      expect(reviewed[1]).toEqual(plain[1]);
    } finally {
      server.close();
    }
  });
});
