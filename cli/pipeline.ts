// One scheduled run: crawl → index → analyze, then index again so the new scores and clusters
// are searchable. The stages meet only through the store.
import type { Store } from '../store/index.ts';
import type { SourcesFile } from '../crawler/sources.ts';
import type { Region } from '../config/region.ts';
import { crawlSources } from '../crawler/index.ts';
import { openSearchEngine, updateIndex } from '../indexer/index.ts';
import { analyzeStore } from '../analysis/pipeline.ts';
import { TOPIC_WORDS_NAME } from '../analysis/weights.ts';
import { notifierFromConfig } from '../analysis/notify/index.ts';
import { openSecondOpinion } from '../analysis/second-opinion/index.ts';
import { healthNotifier } from './source-notices.ts';
import { parseEnv, type Env } from '../config/env.ts';
import { runOncePerTick, tickOf } from '../shared/cluster-tick.ts';
import { sendDailyDigest } from '../analysis/pipeline.ts';
import { localDay, regionTimeZone, startOfLocalDay } from '../shared/time.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron from 'node-cron';

/** Nothing configured: the embedded search, no pushes, no LLM. */
const NO_ENV = parseEnv({});

export interface PipelineOptions {
  sourceId?: string;
  refresh?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** The parsed environment (channels, Meilisearch, LLM, Chromium); default: nothing configured. */
  env?: Env;
}

export async function runPipeline(store: Store, sources: SourcesFile, region: Region, options: PipelineOptions = {}) {
  const log = options.log ?? (() => {});
  const crawl = await crawlSources(store, sources, {
    sourceId: options.sourceId,
    refresh: options.refresh,
    signal: options.signal,
    chromiumPath: options.env?.chromium,
    onHealthChange: healthNotifier(options.env?.notify, log),
  });
  for (const s of crawl.sources) {
    log(`抓取 ${s.name}：${s.pages} 页，新帖 ${s.newPosts}，跳过 ${s.skipped}，错误 ${s.errors}${s.failed ? '【失败】' : ''}`);
  }
  const after = await processStoreWhenFree(store, region, { log, env: options.env });
  return { crawl, ...after };
}

/**
 * Everything after a crawl: index the new posts, score and cluster them, raise alerts, then
 * index again so the new scores and clusters are searchable. Also drops posts older than the
 * region's retention period (personal data is kept no longer than configured).
 */
export async function processStore(store: Store, region: Region, log: (line: string) => void = () => {}, env: Env = NO_ENV) {
  if (region.retentionDays > 0) {
    const cutoff = new Date(Date.now() - region.retentionDays * 86_400_000).toISOString();
    const removed = await store.posts.deleteFetchedBefore(cutoff);
    if (removed) log(`按保留期限（${region.retentionDays} 天）删除旧帖 ${removed} 条`);
  }
  const engine = openSearchEngine(store, env.meili);
  const firstIndex = await updateIndex(store, engine);
  log(`索引：新增或更新 ${firstIndex.indexed} 条（${engine.name}）`);
  // Pushes go to the channels configured in the environment; with none, they are only logged.
  // With OLLAMA_HOST set, uncertain or severe posts also get the local LLM's second opinion.
  const review = env.llm ? openSecondOpinion(env.llm) : undefined;
  const analysis = await analyzeStore(store, { region, notify: notifierFromConfig(env.notify, { log }), review });
  const weights = analysis.reloaded.filter((name) => name !== TOPIC_WORDS_NAME);
  if (weights.length) log(`已换用数据目录里新训练的权重：${weights.join('、')}`);
  if (analysis.reloaded.includes(TOPIC_WORDS_NAME)) log('已换用改过的主题词表，新评分按它判主题');
  if (analysis.topicWordsError) log(analysis.topicWordsError);
  log(`分析：评分 ${analysis.scored} 条；预警 新增 ${analysis.alerts.raised}，升级 ${analysis.alerts.escalated}，更新 ${analysis.alerts.updated}`);
  const secondIndex = await updateIndex(store, engine);
  if (secondIndex.indexed) log(`索引：按评分与聚类更新 ${secondIndex.indexed} 条`);
  return { index: { indexed: firstIndex.indexed + secondIndex.indexed, removed: firstIndex.removed + secondIndex.removed }, analysis };
}

/** The cluster tick's job name for retention → index → analyze and alert → index. */
export const ANALYZE_JOB = 'analyze';
/** The cluster tick's job name for the daily digest of 蓝 alerts. */
export const DIGEST_JOB = 'digest';

/** This process's name in the cluster tick (and in crawl leases). */
export const processName = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface InTurnOptions {
  log?: (line: string) => void;
  env?: Env;
  /** Who claims the tick (default: this process). */
  holder?: string;
  clock?: () => number;
  /** How often to look again while another process is at it. */
  pollMs?: number;
}

type Processed = Awaited<ReturnType<typeof processStore>>;

/**
 * processStore for `run` and `watch`, whose new posts just came in: never at the same time as
 * another process's on the same store (store.clusterTicks, shared/cluster-tick.ts). While another
 * process is at it we wait and then go, because its run may have started before our posts were in.
 */
export async function processStoreWhenFree(store: Store, region: Region, options: InTurnOptions = {}): Promise<Processed> {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? Date.now;
  const holder = options.holder ?? processName();
  let told = false;
  for (;;) {
    // The tick is now: a later time than any tick already claimed (clocks agreeing), so only a live holder stops us.
    const tick = new Date(clock()).toISOString();
    const outcome = await runOncePerTick(store.clusterTicks, ANALYZE_JOB, tick, holder, () => processStore(store, region, log, options.env), { clock, log });
    if (outcome.ran) return outcome.result;
    if (!told) log(`索引与分析：进程 ${outcome.by ?? '？'} 正在做，等它做完再做`);
    told = true;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
}

/**
 * processStore for a scheduled tick (`worker --tick`): done by the one process of the cluster that
 * claims `tick`, skipped (null) by the others and by anyone while an earlier tick is still running.
 */
export async function processStoreOnTick(store: Store, region: Region, tick: string, options: InTurnOptions = {}): Promise<Processed | null> {
  const log = options.log ?? (() => {});
  const holder = options.holder ?? processName();
  const outcome = await runOncePerTick(
    store.clusterTicks,
    ANALYZE_JOB,
    tick,
    holder,
    async () => {
      log(`索引与分析（${tick}）：由本进程做`);
      return processStore(store, region, log, options.env);
    },
    { clock: options.clock, log },
  );
  if (outcome.ran) return outcome.result;
  log(`索引与分析（${tick}）：${outcome.skip === 'done' ? '已由' : '正由'}进程 ${outcome.by ?? '？'} ${outcome.skip === 'done' ? '做完' : '在做'}，本进程跳过`);
  return null;
}

/**
 * The daily digest of 蓝 alerts, sent once per local day across every process on the store (workers
 * with `--digest-at`, `watch`), whatever schedule each was given: the tick is the region's day, so
 * a second process, a restart or a different time of day finds it done. Returns null when skipped.
 */
export async function sendDigestOnce(store: Store, options: InTurnOptions = {}): Promise<{ count: number } | null> {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? Date.now;
  const now = new Date(clock());
  const day = startOfLocalDay(now).toISOString();
  const outcome = await runOncePerTick(
    store.clusterTicks,
    DIGEST_JOB,
    day,
    options.holder ?? processName(),
    async () => {
      const { count, outcome: sent } = await sendDailyDigest(store, notifierFromConfig(options.env?.notify ?? { admin: {} }, { log }), {
        now,
        timeZone: regionTimeZone(),
      });
      log(`每日汇总：${count} 条蓝色预警（${sent === 'pushed' ? '已推送' : '已记录'}）`);
      return { count };
    },
    { clock, log },
  );
  if (outcome.ran) return outcome.result;
  log(
    `每日汇总（${localDay(now)}）：${outcome.skip === 'done' ? '已由' : '正由'}进程 ${outcome.by ?? '？'} ${outcome.skip === 'done' ? '发过' : '在发'}，本进程跳过`,
  );
  return null;
}

export interface ClusterTickOptions {
  /** Seconds between ticks of index → analyze and alert → index. */
  everySeconds: number;
  /** The daily digest of 蓝 alerts (cron, Beijing time); none when absent. */
  digestAt?: string;
  holder?: string;
  env?: Env;
  log?: (line: string) => void;
  clock?: () => number;
}

/**
 * The scheduled part of a cluster (worker --tick): every `everySeconds` (on the epoch's grid, so
 * every process computes the same tick) and once a day for the digest, the process that claims
 * the tick does the job and the others skip it. Stop waits for a job in progress.
 */
export function startClusterTicks(store: Store, region: Region, options: ClusterTickOptions): { stop(): Promise<void> } {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? Date.now;
  const holder = options.holder ?? processName();
  const periodMs = options.everySeconds * 1000;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    if (stopped) return;
    const now = clock();
    // Fire just after the boundary: every process's tick of the same boundary names the same tick.
    timer = setTimeout(fire, Math.floor(now / periodMs) * periodMs + periodMs - now + 50);
  };
  const fire = () => {
    const tick = tickOf(clock(), periodMs);
    running = running
      .then(() => processStoreOnTick(store, region, tick, { log, env: options.env, holder, clock }))
      .catch((err: Error) => log(`索引与分析出错（下一轮重试）：${err.message}`))
      .finally(next);
  };
  next();
  const digest = options.digestAt
    ? cron.schedule(
        options.digestAt,
        () => {
          running = running.then(() =>
            sendDigestOnce(store, { log, env: options.env, holder, clock }).catch((err: Error) => log(`每日汇总出错：${err.message}`)),
          );
        },
        { timezone: regionTimeZone(), name: 'cluster-digest' },
      )
    : null;
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await digest?.destroy();
      await running.catch(() => {});
    },
  };
}
