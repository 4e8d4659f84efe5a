// Crawl workers in this process (crawler/worker.ts): two workers on two handles of one file share a
// board's pages and its rate limit; a continuous worker starts a round with --now, and when stopped
// hands its leases back at once.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../store/index.ts';
import { main } from '../../cli/main.ts';
import { writeFileSync } from 'node:fs';
import { runWorker } from '../../crawler/worker.ts';
import type { SourcesFile } from '../../crawler/sources.ts';
import type { HealthChange } from '../../crawler/health.ts';
import { boardRoutes, boardSource, closedAfterEach } from './fixture-server.ts';

const { serve } = closedAfterEach();
const dir = mkdtempSync(join(tmpdir(), 'minsheng-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sourcesFile = (base: string): SourcesFile => ({
  userAgent: 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)',
  // The timeout is a ceiling no fixture answer comes near, however busy the machine.
  http: { timeoutMs: 10_000, retries: 1, backoffMs: 20 },
  sources: [{ ...boardSource(base, { rateLimit: { perSecond: 10 } }), schedule: '0 0 1 1 *' }] as SourcesFile['sources'],
});

async function withStores<T>(name: string, n: number, run: (stores: Store[]) => Promise<T>): Promise<T> {
  const stores = Array.from({ length: n }, () => openStore(join(dir, name)));
  try {
    return await run(stores);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

describe('crawl workers in one process', () => {
  it('two workers share one round: every page fetched once, requests to the host spaced by its interval', async () => {
    const board = boardRoutes({ count: 16, perPage: 8 });
    const site = await serve(board.routes, board.detail);
    const file = sourcesFile(site.url);
    await withStores('two', 2, async ([a, b]) => {
      const [ra, rb] = await Promise.all([runWorker(a!, file, { once: true, workerId: 'wa' }), runWorker(b!, file, { once: true, workerId: 'wb' })]);
      expect(ra.roundsStarted + rb.roundsStarted).toBe(1);
      expect(ra.totals.newPosts + rb.totals.newPosts).toBe(16);
      expect(await a!.posts.count()).toBe(16);
      expect((await a!.crawl.counts('board')).pending).toBe(0);
      expect(await a!.crawlLeases.round('board')).toMatchObject({ round: 1, finishedAt: expect.any(String) });
    });
    const pages = site.requests.filter((r) => r.path.startsWith('/board/'));
    expect(pages.length).toBe(16 + 2);
    expect(new Set(pages.map((r) => r.path)).size).toBe(18);
    const arrivals = site.requests.map((r) => r.at);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(100);
  });

  it('a second --once worker after the round ended starts a new round and fetches only the list again', async () => {
    const board = boardRoutes({ count: 5, perPage: 10 });
    const site = await serve(board.routes, board.detail);
    const file = sourcesFile(site.url);
    await withStores('again', 1, async ([store]) => {
      await runWorker(store!, file, { once: true, workerId: 'first' });
      const second = await runWorker(store!, file, { once: true, workerId: 'second' });
      expect(second.roundsStarted).toBe(1);
      expect(second.totals.newPosts).toBe(0);
      expect((await store!.crawlLeases.round('board'))?.round).toBe(2);
    });
    expect(site.requests.filter((r) => r.path.startsWith('/board/post/')).length).toBe(5);
    expect(site.requests.filter((r) => r.path.startsWith('/board/list')).length).toBe(2);
  });

  it('a continuous worker started with --now crawls a round, and gives its leases back when stopped', async () => {
    const board = boardRoutes({ count: 30, perPage: 10, detailDelayMs: 20 });
    const site = await serve(board.routes, board.detail);
    const file = sourcesFile(site.url);
    await withStores('continuous', 1, async ([store]) => {
      const controller = new AbortController();
      const running = runWorker(store!, file, { startNow: true, workerId: 'steady', signal: controller.signal, leaseMs: 600_000 });
      // Stop it mid-round: once some posts are in.
      while ((await store!.posts.count()) < 5) await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      const summary = await running;
      expect(summary.aborted).toBe(true);
      expect(summary.roundsStarted).toBe(1);
      // Nothing is left leased to it (the lease was ten minutes): another worker can go on at once.
      expect(await store!.crawlLeases.leased('board', new Date().toISOString())).toBe(0);
      const rest = await runWorker(store!, file, { once: true, workerId: 'heir' });
      expect(rest.roundsStarted).toBe(0);
      expect(await store!.posts.count()).toBe(30);
    });
  });

  it('records a round shared by two workers as one run of the source, counted across both', async () => {
    const board = boardRoutes({ count: 16, perPage: 8 });
    const site = await serve(board.routes, board.detail);
    const file = sourcesFile(site.url);
    await withStores('health-shared', 2, async ([a, b]) => {
      const changes: HealthChange[] = [];
      const [ra, rb] = await Promise.all(
        [a!, b!].map((store, i) => runWorker(store, file, { once: true, workerId: `w${i}`, onHealthChange: (c) => void changes.push(c) })),
      );
      // Both fetched part of the round (list pages and posts spread over the two).
      expect(ra!.totals.pages).toBeGreaterThan(0);
      expect(rb!.totals.pages).toBeGreaterThan(0);
      const health = await a!.sourceHealth.get('board');
      expect(health).toMatchObject({ state: 'ok', pagesLastRun: 18, newPostsLastRun: 16, itemsLastRun: 16 });
      // One run in the log, not one per worker; a first run that is ok is no change to tell.
      expect(await a!.sourceHealth.newPostTimes('board', 10)).toHaveLength(1);
      expect(changes).toEqual([]);
    });
  });

  it('a failing source is recorded once per round and told to the admins once, whichever worker ends the round', async () => {
    // Every page answers 404: nothing read, every request an error.
    const site = await serve({});
    const file = sourcesFile(site.url);
    await withStores('health-failing', 3, async (stores) => {
      const changes: HealthChange[] = [];
      await Promise.all(stores.map((store, i) => runWorker(store, file, { once: true, workerId: `f${i}`, onHealthChange: (c) => void changes.push(c) })));
      expect(changes.map((c) => [c.sourceId, c.from, c.to])).toEqual([['board', null, 'failing']]);
      expect(await stores[0]!.sourceHealth.get('board')).toMatchObject({ state: 'failing', pagesLastRun: 0 });
      // The next round, started by another worker, is one more run: still failing, so no new notice.
      await runWorker(stores[1]!, file, { once: true, workerId: 'later', onHealthChange: (c) => void changes.push(c) });
      expect(changes).toHaveLength(1);
      expect((await stores[0]!.crawlLeases.round('board'))?.round).toBe(2);
    });
  });

  it('refuses --tick with --once and a --digest-at that is not a schedule, saying why in Chinese', async () => {
    const file = join(dir, 'usage.yaml');
    writeFileSync(file, 'sources: []\n');
    const run = async (args: string[]) => {
      let err = '';
      const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((err += s), true) } } as unknown as Parameters<typeof main>[1];
      return { code: await main(['worker', '--sources', file, '--data', join(dir, 'usage'), ...args], io), err };
    };
    expect(await run(['--once', '--tick', '60'])).toMatchObject({ code: 2, err: expect.stringContaining('不能与 --once 同用') });
    expect(await run(['--tick', '60', '--digest-at', '8:30'])).toMatchObject({ code: 2, err: expect.stringContaining('不是有效的 cron 表达式') });
    expect(await run(['--digest-at', '30 8 * * *'])).toMatchObject({ code: 2, err: expect.stringContaining('要与 --tick 一起用') });
  });
});
