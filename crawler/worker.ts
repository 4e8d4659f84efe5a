// One crawl worker of many on one store (`minsheng worker`). Workers share everything through the
// store: a source's crawl round is started by whichever worker gets there first (the others join
// it), each queued page is leased to one worker at a time with an expiry (a worker killed with
// kill -9 leaves leases that lapse, and another worker takes the pages over), and each host's
// politeness slot is one row every worker compare-and-sets, so a host's rate limit holds for the
// whole cluster. Pages are handled by the same SourceCrawl code as `minsheng crawl`, so storing is
// idempotent exactly as there (canonical URL + content hash).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron from 'node-cron';
import type { Store } from '../store/store.ts';
import type { Source, SourcesFile } from './sources.ts';
import { DEFAULT_TUNING, Fetcher, type FetchTuning } from './fetcher.ts';
import { AbortedError, nodeTransport, type Transport } from './http.ts';
import { SourceCrawl, startRequestOf, type SourceCounters, type SourceProgress } from './crawl-source.ts';
import { DEFAULT_USER_AGENT, definedOnly } from './index.ts';
import { SharedHostGate } from './shared-gate.ts';
import { hostOf, iso, leaseUntil, pickHead, renewEveryMs, roundOver, roundStep, type Head } from './leases.ts';
import { sleep } from './politeness.ts';
import type { BrowserPool } from './sources/browser.ts';
import { regionTimeZone } from '../shared/time.ts';
import { mergeTallies, recordHealth, type HealthChange, type RunTally } from './health.ts';

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_LANES = 4;

export interface WorkerOptions {
  /** Crawl every source once (joining rounds already running), then return. */
  once?: boolean;
  /** Without `once`: start a round of every source now rather than at its next scheduled time. */
  startNow?: boolean;
  /** This worker's name in leases (default host:pid:random). */
  workerId?: string;
  /** Pages handled at the same time by this worker (each on a different host). */
  lanes?: number;
  /** How long a leased page stays this worker's without renewal. */
  leaseMs?: number;
  signal?: AbortSignal;
  /** The clock for leases and host slots (epoch ms). */
  clock?: () => number;
  log?: (line: string) => void;
  onProgress?: (p: SourceProgress) => void;
  fetchImpl?: Transport;
  tuning?: Partial<FetchTuning>;
  chromiumPath?: string;
  /** How often an idle worker looks at the queue again. */
  idlePollMs?: number;
  /**
   * Told once per change of a source's health state. A source's run is one crawl round, whichever
   * workers shared it: the worker that ends the round adds up every worker's part and records it.
   */
  onHealthChange?: (change: HealthChange) => Promise<void> | void;
}

export interface WorkerSourceSummary extends SourceCounters {
  id: string;
  name: string;
  problems: string[];
}

export interface WorkerSummary {
  workerId: string;
  sources: WorkerSourceSummary[];
  totals: SourceCounters;
  /** Rounds this worker started (the others it joined). */
  roundsStarted: number;
  /** Health changes of the rounds this worker ended (recorded once for the whole cluster). */
  healthChanges: HealthChange[];
  aborted: boolean;
  startedAt: string;
  finishedAt: string;
}

/** A lane that finds every host busy looks again this soon. */
const BUSY_POLL_MS = 50;

export async function runWorker(store: Store, file: SourcesFile, options: WorkerOptions = {}): Promise<WorkerSummary> {
  const clock = options.clock ?? Date.now;
  const startedAtMs = clock();
  const owner = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const tuning: FetchTuning = { ...DEFAULT_TUNING, ...definedOnly(file.http), ...definedOnly(options.tuning) };
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idlePollMs = options.idlePollMs ?? (options.once ? 100 : 1000);
  const signal = options.signal ?? new AbortController().signal;
  const log = options.log ?? (() => {});
  const repo = store.crawlLeases;
  const userAgent = file.userAgent ?? DEFAULT_USER_AGENT;
  const fetcher = new Fetcher(
    options.fetchImpl ?? nodeTransport,
    store.crawl,
    userAgent,
    tuning,
    true,
    new SharedHostGate(repo, owner, tuning.timeoutMs, clock),
  );
  const sources = new Map(file.sources.map((s) => [s.id, s]));
  const summaries = new Map<string, WorkerSourceSummary>(
    file.sources.map((s) => [s.id, { id: s.id, name: s.name, pages: 0, newPosts: 0, skipped: 0, errors: 0, problems: [] }]),
  );

  let browser: BrowserPool | undefined;
  const active = new Set(sources.keys());
  if (file.sources.some((s) => s.type === 'browser')) {
    const { BrowserPool } = await import('./sources/browser.ts');
    browser = new BrowserPool({ userAgent, executablePath: options.chromiumPath });
    for (const s of file.sources.filter((x) => x.type === 'browser')) {
      try {
        await browser.ensure();
      } catch (err) {
        // Its pages stay queued for a worker that has Chromium; this one leaves the source alone.
        active.delete(s.id);
        const summary = summaries.get(s.id)!;
        summary.errors++;
        summary.problems.push(`错误 ${s.start}：${(err as Error).message}`);
      }
    }
  }

  // One SourceCrawl per source and round: it carries the round's API session and page-loop guard.
  const crawls = new Map<string, { round: number; crawl: SourceCrawl }>();
  const retire = (id: string) => {
    const old = crawls.get(id);
    if (!old) return;
    const r = old.crawl.report();
    const s = summaries.get(id)!;
    s.pages += r.pages;
    s.newPosts += r.newPosts;
    s.skipped += r.skipped;
    s.errors += r.errors;
    s.problems.push(...r.problems.slice(0, Math.max(0, 8 - s.problems.length)));
    crawls.delete(id);
  };
  // Each page's part of the round is written before its lease is given back, and a round ends only
  // when no page of it is leased (finishRoundIfIdle), so whoever ends the round sees every part.
  // The writes of one worker go one after another, each with the crawl's totals at that moment, so
  // a late write never replaces a newer one.
  let noting: Promise<void> = Promise.resolve();
  const noteWork = (sourceId: string): Promise<void> => {
    noting = noting.then(async () => {
      const current = crawls.get(sourceId);
      if (!current) return;
      const r = current.crawl.report();
      await repo.noteRoundWork({
        sourceId,
        round: current.round,
        worker: owner,
        pagesFetched: r.pages,
        newPosts: r.newPosts,
        tally: JSON.stringify(r.tally),
        updatedAt: iso(clock()),
      });
    });
    return noting;
  };
  const healthChanges: HealthChange[] = [];
  const recordRound = async (source: Source, round: number, startedAt: string) => {
    try {
      const parts = await repo.roundWork(source.id, round);
      const change = await recordHealth(
        store,
        source,
        {
          pagesFetched: parts.reduce((n, p) => n + p.pagesFetched, 0),
          newPosts: parts.reduce((n, p) => n + p.newPosts, 0),
          tally: mergeTallies(parts.map((p) => ({ tally: JSON.parse(p.tally) as RunTally, updatedAt: p.updatedAt }))),
          startedAt,
        },
        new Date(clock()),
      );
      if (!change) return;
      healthChanges.push(change);
      await options.onHealthChange?.(change);
    } catch (err) {
      log(`[${source.id}] 记录来源状态失败：${(err as Error).message ?? String(err)}`);
    }
  };
  const lastSuccess = new Map<string, string | null>();
  for (const id of active) lastSuccess.set(id, (await store.sourceHealth.get(id))?.lastSuccessAt ?? null);
  const crawlFor = async (source: Source): Promise<SourceCrawl> => {
    const round = (await repo.round(source.id))?.round ?? 0;
    // No await from here on: two lanes asking at once must get the same crawl.
    const current = crawls.get(source.id);
    if (current && current.round === round) return current.crawl;
    retire(source.id);
    const lastSuccessAt = lastSuccess.get(source.id) ?? null;
    const crawl = new SourceCrawl({
      store,
      source,
      fetcher,
      tuning,
      refresh: false,
      signal,
      browser,
      lastSuccessAt,
      onProgress: options.onProgress ?? (() => {}),
      log,
    });
    crawls.set(source.id, { round, crawl });
    return crawl;
  };

  let roundsStarted = 0;
  /** The round each source is at for this worker: the one it started or joined. */
  const targets = new Map<string, number>();
  const ensureRound = async (source: Source, dueAt: string): Promise<void> => {
    for (;;) {
      const step = roundStep(await repo.round(source.id), dueAt);
      if (step.action !== 'start') {
        if (step.action === 'join' && !options.once) log(`[${source.id}] 上一轮还没结束，本次并入上一轮`);
        targets.set(source.id, step.round);
        return;
      }
      if (await repo.startRound(source.id, step.expected, startRequestOf(source), owner, iso(clock()))) {
        roundsStarted++;
        targets.set(source.id, step.expected + 1);
        log(`[${source.id}] 开始第 ${step.expected + 1} 轮`);
        return;
      }
    }
  };

  /** Ends the rounds nothing is left of; with `once`, a source whose round is over is done here. */
  const settleRounds = async () => {
    for (const id of [...active]) {
      // Any worker may end a round nothing is left of, also one it never joined (its starter died).
      let round = await repo.round(id);
      if (round && round.finishedAt === null && (await repo.finishRoundIfIdle(id, round.round, iso(clock())))) {
        // Only one worker's finish succeeds: the round's health is recorded once for the cluster.
        await recordRound(sources.get(id)!, round.round, round.startedAt);
        round = await repo.round(id);
      }
      const target = targets.get(id);
      if (options.once && target !== undefined && roundOver(round, target)) active.delete(id);
    }
  };

  const busyHere = new Map<string, number>();
  let rotation = 0;
  const lane = async (): Promise<void> => {
    while (!signal.aborted && active.size > 0) {
      // Rotating the order keeps one source from always winning ties.
      const ids = [...active];
      const r = rotation++ % ids.length;
      const order = [...ids.slice(r), ...ids.slice(0, r)];
      const nowMs = clock();
      const heads: Head[] = [];
      for (const request of await repo.heads(order, iso(nowMs))) {
        try {
          heads.push({ request, host: hostOf(request.url) });
        } catch {
          heads.push({ request, host: '' });
        }
      }
      if (heads.length === 0) {
        await settleRounds();
        if (active.size === 0) return;
        await sleep(idlePollMs, signal).catch(() => {});
        continue;
      }
      const slots = new Map((await repo.hosts([...new Set(heads.map((h) => h.host))])).map((slot) => [slot.host, slot]));
      const pick = pickHead(heads, slots, new Set(busyHere.keys()), nowMs);
      if (!pick) {
        await sleep(BUSY_POLL_MS, signal).catch(() => {});
        continue;
      }
      const [leased] = await repo.lease(pick.request.sourceId, owner, iso(nowMs), leaseUntil(nowMs, leaseMs), 1);
      if (!leased) continue; // another worker took it first
      const source = sources.get(leased.sourceId)!;
      const host = pick.request.url === leased.url ? pick.host : hostOf(leased.url);
      busyHere.set(host, (busyHere.get(host) ?? 0) + 1);
      try {
        await (await crawlFor(source)).handle(leased);
      } catch (err) {
        if (err instanceof AbortedError || signal.aborted) return;
        // Not the page's fault (SourceCrawl records those itself): give it up with the reason rather
        // than lease it again and again.
        const reason = `抓取中断：${(err as Error).message ?? String(err)}`.slice(0, 500);
        log(`[${source.id}] ${reason}`);
        await store.crawl.markFailed(source.id, leased.url, reason, null);
      } finally {
        const n = busyHere.get(host)! - 1;
        if (n > 0) busyHere.set(host, n);
        else busyHere.delete(host);
        await noteWork(source.id).catch((err: Error) => log(`[${source.id}] 记录本轮进度失败：${err.message}`));
        await repo.release(leased.sourceId, leased.url, owner);
      }
    }
  };

  const renewal = setInterval(
    () => void repo.renew(owner, leaseUntil(clock(), leaseMs)).catch((err: Error) => log(`续租失败：${err.message}`)),
    renewEveryMs(leaseMs),
  );
  const ticks: ReturnType<typeof cron.schedule>[] = [];
  try {
    if (options.once || options.startNow) {
      for (const id of active) await ensureRound(sources.get(id)!, iso(startedAtMs));
    }
    if (!options.once) {
      for (const id of active) {
        const source = sources.get(id)!;
        // The tick's second is the due time: every worker's tick of the same schedule agrees on it.
        const tick = () =>
          void ensureRound(source, iso(Math.floor(clock() / 1000) * 1000)).catch((err: Error) => log(`[${id}] 开始新一轮失败：${err.message}`));
        ticks.push(cron.schedule(source.schedule, tick, { timezone: regionTimeZone(), name: `worker:${id}` }));
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, options.lanes ?? DEFAULT_LANES) }, lane));
  } finally {
    clearInterval(renewal);
    await Promise.all(ticks.map(async (t) => t.destroy()));
    // Stopped early: what we held is free for the other workers at once, not after the lease.
    await repo.releaseAll(owner);
    await browser?.close();
  }
  for (const id of [...crawls.keys()]) retire(id);
  const list = [...summaries.values()];
  const totals: SourceCounters = { pages: 0, newPosts: 0, skipped: 0, errors: 0 };
  for (const s of list) {
    totals.pages += s.pages;
    totals.newPosts += s.newPosts;
    totals.skipped += s.skipped;
    totals.errors += s.errors;
  }
  return {
    workerId: owner,
    sources: list,
    totals,
    roundsStarted,
    healthChanges,
    aborted: signal.aborted,
    startedAt: iso(startedAtMs),
    finishedAt: iso(clock()),
  };
}
