// The contract every store's crawl leases must keep, written once for every implementation:
// `open()` returns a new handle on the SAME database each time it is called (two handles = two
// workers). Tests use their own source ids and hosts, so they share one database without a reset.
// tests/crawler/lease-contract.test.ts runs it on SQLite; a PostgreSQL store runs the same function.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { NewCrawlRequest } from '../../store/crawl-state.ts';
import type { CrawlLeaseRepo } from '../../store/crawl-leases.ts';
import { SharedHostGate } from '../../crawler/shared-gate.ts';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** Store calls that have not answered yet (see `settle`). */
let inflight = 0;

/** The repo with every call counted in `inflight` while it runs. */
function counted(repo: CrawlLeaseRepo): CrawlLeaseRepo {
  return new Proxy(repo, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        inflight++;
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          inflight--;
        }
      };
    },
  });
}

/**
 * Runs fake time until `work` settles (at most `limitMs` of it). A store that answers over a socket
 * (PostgreSQL) answers in real time, which advancing fake timers alone never waits for. So fake time
 * moves only while no store call is in flight (then `work` can only be waiting for a timer), in small
 * steps, and otherwise real turns of the event loop let the answers arrive: the fake clock reads
 * the same whichever store answers, and however slowly.
 */
async function settle<T>(work: Promise<T>, limitMs: number): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let t = 0; !settled;) {
    if (inflight > 0) {
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (t > limitMs) throw new Error(`${limitMs} ms（模拟时间）内没有完成`);
    await vi.advanceTimersByTimeAsync(5);
    t += 5;
    await new Promise((r) => setImmediate(r));
  }
  return work;
}

export function leaseContract(open: () => Store | Promise<Store>) {
  let opened: Store[] = [];
  const handle = async () => {
    const s = await open();
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(opened.map((s) => s.close()));
    opened = [];
  });
  const unique = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;
  // Worker names are new in every test: leases left by an earlier test must not count.
  let wa = '';
  let wb = '';
  let wc = '';
  beforeEach(() => {
    [wa, wb, wc] = [unique(wa), unique(wb), unique(wc)];
  });
  const requests = (sourceId: string, n: number): NewCrawlRequest[] =>
    Array.from({ length: n }, (_, i) => ({ sourceId, url: `http://${sourceId}.example/post/${i}`, kind: 'detail' as const, meta: null }));

  describe('crawl leases', () => {
    it('never hands one page to two workers, and hands out every page in queue order', async () => {
      const [a, b] = [await handle(), await handle()];
      const src = unique('src');
      await a.crawl.enqueue(requests(src, 25));
      const got: string[][] = [[], []];
      const firstRound: string[] = [];
      // Interleaved and concurrent calls from both handles until the queue is drained.
      for (let round = 0; round < 10; round++) {
        const [fromA, fromB] = await Promise.all([a.crawlLeases.lease(src, wa, at(0), at(60_000), 2), b.crawlLeases.lease(src, wb, at(0), at(60_000), 2)]);
        if (round === 0) firstRound.push(...fromA.map((r) => r.url), ...fromB.map((r) => r.url));
        got[0]!.push(...fromA.map((r) => r.url));
        got[1]!.push(...fromB.map((r) => r.url));
        for (const r of fromA) expect(r.leaseOwner).toBe(wa);
      }
      const all = [...got[0]!, ...got[1]!];
      expect(all.length).toBe(25);
      expect(new Set(all).size).toBe(25);
      expect(got[0]!.length).toBeGreaterThan(0);
      expect(got[1]!.length).toBeGreaterThan(0);
      expect(await a.crawlLeases.lease(src, wa, at(0), at(60_000), 1)).toEqual([]);
      // Each call takes the oldest pages still free.
      expect(firstRound.sort()).toEqual([0, 1, 2, 3].map((i) => `http://${src}.example/post/${i}`));
      expect(await a.crawlLeases.leased(src, at(1))).toBe(25);
    });

    it('gives an expired lease to another worker, and only the holder can release or renew it', async () => {
      const [a, b] = [await handle(), await handle()];
      const src = unique('src');
      await a.crawl.enqueue(requests(src, 1));
      const [mine] = await a.crawlLeases.lease(src, wa, at(0), at(10_000), 1);
      expect(mine).toBeDefined();
      expect(await b.crawlLeases.lease(src, wb, at(9_999), at(20_000), 1)).toEqual([]);
      expect(await b.crawlLeases.heads([src], at(9_999))).toEqual([]);
      // Renewed before it lapsed: still A's at the old expiry.
      expect(await a.crawlLeases.renew(wa, at(30_000))).toBe(1);
      expect(await b.crawlLeases.lease(src, wb, at(10_000), at(40_000), 1)).toEqual([]);
      // A dies: nobody renews, the lease lapses and B takes the page over.
      const [taken] = await b.crawlLeases.lease(src, wb, at(30_000), at(90_000), 1);
      expect(taken?.url).toBe(mine!.url);
      expect(taken?.leaseOwner).toBe(wb);
      // A's late release does not free B's page.
      await a.crawlLeases.release(src, mine!.url, wa);
      expect(await a.crawlLeases.lease(src, wc, at(30_001), at(90_000), 1)).toEqual([]);
      await b.crawlLeases.release(src, mine!.url, wb);
      expect((await a.crawlLeases.lease(src, wc, at(30_001), at(90_000), 1)).length).toBe(1);
      expect(await a.crawlLeases.releaseAll(wc)).toBe(1);
      expect((await b.crawlLeases.heads([src], at(30_002))).map((r) => r.url)).toEqual([mine!.url]);
    });

    it('shows one head per source: the oldest page that is free and not backed off', async () => {
      const [a, b] = [await handle(), await handle()];
      const [s1, s2, s3] = [unique('s1'), unique('s2'), unique('s3')];
      await a.crawl.enqueue([...requests(s1, 3), ...requests(s2, 2)]);
      await a.crawlLeases.lease(s1, wa, at(0), at(60_000), 1);
      await a.crawl.markFailed(s2, `http://${s2}.example/post/0`, 'HTTP 503', at(120_000));
      const heads = await b.crawlLeases.heads([s1, s2, s3], at(1_000));
      expect(heads.map((h) => h.url)).toEqual([`http://${s1}.example/post/1`, `http://${s2}.example/post/1`]);
      expect((await b.crawlLeases.heads([s2], at(120_000))).map((h) => h.url)).toEqual([`http://${s2}.example/post/0`]);
    });

    it('starts each round once however many workers try, and ends it only when nothing is pending', async () => {
      const [a, b] = [await handle(), await handle()];
      const src = unique('src');
      const start: NewCrawlRequest = { sourceId: src, url: `http://${src}.example/list?page=1`, kind: 'list', meta: '{"page":1}' };
      expect(await a.crawlLeases.round(src)).toBeNull();
      const first = await Promise.all([a.crawlLeases.startRound(src, 0, start, wa, at(0)), b.crawlLeases.startRound(src, 0, start, wb, at(1))]);
      expect(first.filter(Boolean).length).toBe(1);
      const round = await b.crawlLeases.round(src);
      expect(round).toMatchObject({ sourceId: src, round: 1, finishedAt: null });
      expect((await a.crawl.counts(src)).pending).toBe(1);
      // The start page is pending (and then leased): the round is not over.
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(10))).toBe(false);
      const [page] = await a.crawlLeases.lease(src, wa, at(10), at(60_000), 1);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(20))).toBe(false);
      // Its processing queued a detail page and finished: still not over until that one is done.
      await a.crawl.enqueue([{ sourceId: src, url: `http://${src}.example/post/1`, kind: 'detail', meta: null }]);
      await a.crawl.markDone(src, page!.url);
      await a.crawlLeases.release(src, page!.url, wa);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(30))).toBe(false);
      await a.crawl.markDone(src, `http://${src}.example/post/1`);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 2, at(40))).toBe(false);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(40))).toBe(true);
      expect(await a.crawlLeases.finishRoundIfIdle(src, 1, at(41))).toBe(false);
      expect((await a.crawlLeases.round(src))?.finishedAt).toBe(at(40));
      // The next round: again one winner, and the start page goes back to pending (once).
      const second = await Promise.all([a.crawlLeases.startRound(src, 1, start, wa, at(50)), b.crawlLeases.startRound(src, 1, start, wb, at(51))]);
      expect(second.filter(Boolean).length).toBe(1);
      expect(await a.crawlLeases.round(src)).toMatchObject({ round: 2, finishedAt: null });
      expect((await a.crawl.get(src, start.url))?.status).toBe('pending');
      expect((await a.crawl.counts(src)).pending).toBe(1);
    });

    it('keeps each worker’s part of a round, and ends the round only once no page of it is held', async () => {
      const [a, b] = [await handle(), await handle()];
      const src = unique('src');
      const start: NewCrawlRequest = { sourceId: src, url: `http://${src}.example/list`, kind: 'list', meta: null };
      expect(await a.crawlLeases.startRound(src, 0, start, wa, at(0))).toBe(true);
      const [page] = await a.crawlLeases.lease(src, wa, at(1), at(60_000), 1);
      await a.crawl.markDone(src, page!.url);
      // Done but still held (its worker has not written its part yet): the round is not over.
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(2))).toBe(false);
      const part = (worker: string, pages: number, updatedAt: string) => ({
        sourceId: src,
        round: 1,
        worker,
        pagesFetched: pages,
        newPosts: pages - 1,
        tally: `{"pages":${pages}}`,
        updatedAt,
      });
      await a.crawlLeases.noteRoundWork(part(wa, 1, at(3)));
      await a.crawlLeases.noteRoundWork(part(wa, 2, at(4)));
      await b.crawlLeases.noteRoundWork(part(wb, 5, at(4)));
      await a.crawlLeases.release(src, page!.url, wa);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 1, at(5))).toBe(true);
      // A worker's later totals replace its earlier ones; each worker has its own row.
      const byWorker = (x: { worker: string }, y: { worker: string }) => (x.worker < y.worker ? -1 : 1);
      expect((await b.crawlLeases.roundWork(src, 1)).sort(byWorker)).toEqual([part(wa, 2, at(4)), part(wb, 5, at(4))].sort(byWorker));
      expect(await b.crawlLeases.roundWork(src, 2)).toEqual([]);
      // A held page of a worker that died stops the round only until its lease lapses.
      expect(await a.crawlLeases.startRound(src, 1, start, wa, at(10))).toBe(true);
      const [again] = await a.crawlLeases.lease(src, wa, at(11), at(1_000), 1);
      await a.crawl.markDone(src, again!.url);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 2, at(500))).toBe(false);
      expect(await b.crawlLeases.finishRoundIfIdle(src, 2, at(1_000))).toBe(true);
    });

    it('a round ends with pages backed off to later; they wait for the next round', async () => {
      const a = await handle();
      const src = unique('src');
      const start: NewCrawlRequest = { sourceId: src, url: `http://${src}.example/list`, kind: 'list', meta: null };
      expect(await a.crawlLeases.startRound(src, 0, start, wa, at(0))).toBe(true);
      await a.crawl.markFailed(src, start.url, 'HTTP 429', at(600_000));
      expect(await a.crawlLeases.finishRoundIfIdle(src, 1, at(1_000))).toBe(true);
    });

    it('lets one worker at a time write a host slot (compare-and-set on its version)', async () => {
      const [a, b] = [await handle(), await handle()];
      const host = `${unique('h')}.example:80`;
      const slot = { host, nextAllowedAt: at(0), holder: null, busyUntil: null };
      const created = await Promise.all([a.crawlLeases.casHost({ ...slot, holder: 'a#1' }, 0), b.crawlLeases.casHost({ ...slot, holder: 'b#1' }, 0)]);
      expect(created.filter(Boolean).length).toBe(1);
      const stored = await a.crawlLeases.host(host);
      expect(stored?.version).toBe(1);
      expect(await b.crawlLeases.casHost({ ...slot, holder: 'b#2' }, 1)).toBe(true);
      expect(await a.crawlLeases.casHost({ ...slot, holder: 'a#2' }, 1)).toBe(false);
      expect(await a.crawlLeases.host(host)).toEqual({ ...slot, holder: 'b#2', version: 2 });
      expect(await b.crawlLeases.hosts([host, `${unique('none')}.example:80`])).toEqual([{ ...slot, holder: 'b#2', version: 2 }]);
    });

    it('spaces two workers’ requests to one host by the interval from the end of the previous request', async () => {
      vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const [a, b] = [await handle(), await handle()];
      const host = `${unique('h')}.example:80`;
      const gateA = new SharedHostGate(counted(a.crawlLeases), wa, 1_000);
      const gateB = new SharedHostGate(counted(b.crawlLeases), wb, 1_000);
      const starts: { who: string; at: number }[] = [];
      const ends: number[] = [];
      const request = async (gate: SharedHostGate, who: string, takesMs: number) => {
        const release = await gate.acquire(host, 500);
        starts.push({ who, at: Date.now() });
        await new Promise((r) => setTimeout(r, takesMs));
        ends.push(Date.now());
        await release();
      };
      await settle(Promise.all([request(gateA, 'a', 300), request(gateB, 'b', 100), request(gateA, 'a', 50), request(gateB, 'b', 10)]), 10_000);
      expect(starts.length).toBe(4);
      expect(new Set(starts.map((s) => s.who))).toEqual(new Set(['a', 'b']));
      // One at a time, and each start at least 500 ms after the previous request ended.
      for (let i = 1; i < starts.length; i++) expect(starts[i]!.at - ends[i - 1]!).toBeGreaterThanOrEqual(500);
      // Retry-After from the server pushes the host back for every worker.
      const release = await settle(gateA.acquire(host, 500), 1_000);
      const pushedAt = Date.now();
      await settle(release(pushedAt + 5_000), 1_000);
      const { r, at: grantedAt } = await settle(
        gateB.acquire(host, 500).then((r) => ({ r, at: Date.now() })),
        10_000,
      );
      expect(grantedAt - pushedAt).toBeGreaterThanOrEqual(5_000);
      await settle(r(), 1_000);
    });
  });
}
