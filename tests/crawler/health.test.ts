// Source health, never silent: a board that is redesigned (selectors find nothing), one that
// starts answering 503 and one that stops posting each change state once, and the administrators
// hear about each change once, on their own channel.
import { describe, expect, it } from 'vitest';
import { crawlSources, type CrawlOptions, type HealthChange } from '../../crawler/index.ts';
import { judge, newTally, usualGapMs } from '../../crawler/health.ts';
import type { Source, SourcesFile } from '../../crawler/sources.ts';
import { healthNotifier } from '../../cli/source-notices.ts';
import { parseEnv } from '../../config/env.ts';
import { boardRoutes, boardSource, html, closedAfterEach, type Handler } from './fixture-server.ts';

// No fixture here is slow on purpose: the timeout is a ceiling well above a busy machine.
const FAST: CrawlOptions['tuning'] = { timeoutMs: 30_000, retries: 1, backoffMs: 10, maxBackoffMs: 40, maxRetryAfterMs: 3000 };
const UA = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';
const HOUR = 3600_000;

const { serve, memoryStore } = closedAfterEach();
const file = (...sources: unknown[]): SourcesFile => ({ userAgent: UA, sources: sources as Source[] });

/** A board whose posts, layout and answer the test changes between runs. */
async function changingBoard() {
  const state = { count: 5, layout: 'old' as 'old' | 'new', status: 200 };
  const board = boardRoutes({ count: 1000, perPage: 10 });
  const list: Handler = (_q, res) => {
    if (state.status !== 200) return html(res, 'busy', {}, state.status);
    const items = Array.from({ length: Math.min(10, state.count) }, (_, k) => state.count - k);
    // The redesign: same posts, new class names.
    html(
      res,
      state.layout === 'old'
        ? `<ul class="threads">${items.map((i) => `<li><a class="title" href="/board/post/${i}">帖 ${i}</a></li>`).join('')}</ul>`
        : `<div class="msg-list">${items.map((i) => `<div class="msg"><a class="msg-title" href="/board/post/${i}">帖 ${i}</a></div>`).join('')}</div>`,
    );
  };
  const site = await serve({ ...board.routes, '/board/list': list }, board.detail);
  return { state, site };
}

/** A webhook receiver standing in for the admins' robot. */
async function adminWebhook() {
  const received: Record<string, unknown>[] = [];
  const site = await serve({
    '/hook': async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  });
  return { received, url: `${site.url}/hook` };
}

describe('source health across runs', () => {
  it('turns empty when the layout changes, tells the admins once, and ok again when fixed', async () => {
    const { state, site } = await changingBoard();
    const hook = await adminWebhook();
    const store = memoryStore();
    const notify = healthNotifier(
      parseEnv({ MINSHENG_ADMIN_WEBHOOK_URL: hook.url, MINSHENG_WEBHOOK_URL: 'http://127.0.0.1:9/duty-must-not-hear' }).notify,
      () => {},
    );
    const run = () => crawlSources(store, file(boardSource(site.url)), { tuning: FAST, onHealthChange: notify });

    const first = await run();
    expect(first.healthChanges).toEqual([]); // a healthy first run is not news
    expect(await store.sourceHealth.get('board')).toMatchObject({ state: 'ok', itemsLastRun: 5, newPostsLastRun: 5 });

    state.layout = 'new';
    state.count = 8;
    const broken = await run();
    expect(broken.sources[0]!.errors).toBe(0); // nothing "failed": without health this would pass unnoticed
    expect(broken.healthChanges.map((c) => [c.from, c.to])).toEqual([['ok', 'empty']]);
    const health = (await store.sourceHealth.get('board'))!;
    expect(health).toMatchObject({ state: 'empty', itemsLastRun: 0 });
    expect(health.detail).toContain('网站可能改版了');
    await run();
    await run();
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]).toMatchObject({ type: 'minsheng.notice', sourceId: 'board', from: 'ok', to: 'empty' });
    expect(String(hook.received[0]!.title)).toContain('抓不到内容');

    state.layout = 'old';
    const fixed = await run();
    expect(fixed.healthChanges.map((c) => c.to)).toEqual(['ok']);
    expect(fixed.sources[0]!.newPosts).toBe(3);
    expect(hook.received.map((m) => m.to)).toEqual(['empty', 'ok']);
  });

  it('turns failing when the board answers 503 on every try, recording the HTTP error', async () => {
    const { state, site } = await changingBoard();
    const store = memoryStore();
    const changes: HealthChange[] = [];
    // retryLaterMs 0: each run tries the list page again instead of waiting out the back-off.
    const run = () => crawlSources(store, file(boardSource(site.url)), { tuning: { ...FAST, retryLaterMs: 0 }, onHealthChange: (c) => void changes.push(c) });
    await run();
    const okAt = (await store.sourceHealth.get('board'))!.lastSuccessAt;
    state.status = 503;
    await run();
    await run();
    expect(site.hits.get('/board/list')).toBe(1 + 2 * 2); // one good read, then two tries in each failing run
    expect(changes.map((c) => c.to)).toEqual(['failing']);
    const health = (await store.sourceHealth.get('board'))!;
    expect(health).toMatchObject({ state: 'failing', lastSuccessAt: okAt, errorsLastRun: { http: 1, network: 0, robots: 0, parse: 0 } });
    expect(health.lastError).toContain('HTTP 503');
  });

  it('turns silent when a board that posted every hour has had nothing for many hours', async () => {
    const { state, site } = await changingBoard();
    const store = memoryStore();
    const changes: HealthChange[] = [];
    let clock = Date.parse('2026-03-02T00:00:00Z');
    const run = () =>
      crawlSources(store, file(boardSource(site.url)), { tuning: FAST, now: () => new Date(clock), onHealthChange: (c) => void changes.push(c) });
    for (let h = 0; h < 5; h++) {
      state.count += 1; // a new post every hour
      await run();
      clock += HOUR;
    }
    // The board stops posting. Usual gap 1 h, so silent after max(4 × 1 h, 6 h) = 6 h of nothing.
    for (let h = 0; h < 5; h++) {
      await run();
      clock += HOUR;
    }
    expect(changes).toEqual([]);
    expect((await store.sourceHealth.get('board'))!.state).toBe('ok');
    clock += 2 * HOUR;
    await run();
    expect(changes.map((c) => c.to)).toEqual(['silent']);
    expect(changes[0]!.detail).toMatch(/已经 8 小时没有新帖（平时约每 1 小时有新帖）/);
    clock += HOUR;
    await run();
    expect(changes).toHaveLength(1);
    state.count += 1;
    await run();
    expect(changes.map((c) => c.to)).toEqual(['silent', 'ok']);
  });
});

describe('health rules', () => {
  const facts = (over: Partial<ReturnType<typeof newTally>> = {}, pagesFetched = 1, newPosts = 0) => ({
    pagesFetched,
    newPosts,
    tally: { ...newTally(), ...over },
  });
  it('needs three gaps before it calls a source silent on its own, unless silentAfterHours is set', () => {
    const at = (h: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + h * HOUR).toISOString();
    expect(usualGapMs([at(3), at(2), at(1)])).toBeNull();
    expect(usualGapMs([at(10), at(4), at(2), at(1)])).toBe(2 * HOUR);
    const ok = facts({ pagesRead: 1, listPagesRead: 1, itemsFound: 3 });
    const now = new Date(at(100));
    expect(judge(ok, at(0), null, now).state).toBe('ok');
    expect(judge(ok, at(0), null, now, { silentAfterHours: 48 }).state).toBe('silent');
    // Usual gap 1 h: silent after max(4 × 1 h, 6 h) = 6 h.
    expect(judge(ok, at(95), HOUR, now).state).toBe('ok');
    expect(judge(ok, at(93), HOUR, now).state).toBe('silent');
  });
  it('a 304 answer is reachable, not failing; a run reaching nothing with errors is failing', () => {
    expect(judge(facts({ notModified: 1, errors: { network: 1, http: 0, robots: 0, parse: 0 } }), null, null, new Date()).state).toBe('ok');
    expect(judge(facts({ errors: { network: 2, http: 0, robots: 0, parse: 0 }, lastError: '网络错误 ECONNREFUSED' }), null, null, new Date())).toMatchObject({
      state: 'failing',
      detail: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('admin notices on the robots', () => {
  it('sends one markdown message per change to 企业微信 and 钉钉, escaping the crawled source name', async () => {
    const { adminNotices } = await import('../../analysis/notify/index.ts');
    const { healthNotice } = await import('../../cli/source-notices.ts');
    const sent: { url: string; body: Record<string, unknown> }[] = [];
    const fetch = async (url: string, init: { body: string }) => {
      sent.push({ url, body: JSON.parse(init.body) });
      return { ok: true, status: 200, text: async () => '{"errcode":0,"errmsg":"ok"}' };
    };
    const send = adminNotices(
      parseEnv({
        MINSHENG_ADMIN_WECOM_WEBHOOK: 'https://qyapi.example/hook',
        MINSHENG_ADMIN_DINGTALK_WEBHOOK: 'https://oapi.example/robot',
        MINSHENG_WECOM_WEBHOOK: 'https://duty.example/hook',
      }).notify.admin,
      { fetch, log: () => {} },
    );
    const change: HealthChange = {
      sourceId: 'bbs',
      sourceName: '论坛[置顶](http://x)',
      from: 'ok',
      to: 'empty',
      detail: '读到 1 个列表页，但选择器一个条目也没找到，网站可能改版了',
      at: '2026-03-01T00:00:00Z',
    };
    expect(await send(healthNotice(change, 'https://minsheng.example.gov.cn/'))).toBe('pushed');
    expect(sent.map((s) => s.url)).toEqual(['https://qyapi.example/hook', 'https://oapi.example/robot']); // never the duty group's robot
    const wecom = String((sent[0]!.body.markdown as { content: string }).content);
    expect(wecom).toContain('来源异常：抓不到内容（论坛［置顶］（http://x））');
    expect(wecom).not.toContain('](http');
    expect(wecom).toContain('https://minsheng.example.gov.cn/console/sources');
    expect((sent[1]!.body.markdown as { title: string }).title).toContain('抓不到内容');
  });
});
