// One scheduled run: crawl → index → analyze, then index again so the new scores and clusters
// are searchable. The stages meet only through the store.
import type { Store } from '../store/index.ts';
import type { SourcesFile } from '../crawler/sources.ts';
import type { Region } from '../config/region.ts';
import { crawlSources } from '../crawler/index.ts';
import { openSearchEngine, updateIndex } from '../indexer/index.ts';
import { analyzeStore } from '../analysis/pipeline.ts';
import { notifierFromConfig } from '../analysis/notify/index.ts';
import { openSecondOpinion } from '../analysis/second-opinion/index.ts';
import { healthNotifier } from './source-notices.ts';
import { parseEnv, type Env } from '../config/env.ts';

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
  const after = await processStore(store, region, log, options.env);
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
  log(`分析：评分 ${analysis.scored} 条；预警 新增 ${analysis.alerts.raised}，升级 ${analysis.alerts.escalated}，更新 ${analysis.alerts.updated}`);
  const secondIndex = await updateIndex(store, engine);
  if (secondIndex.indexed) log(`索引：按评分与聚类更新 ${secondIndex.indexed} 条`);
  return { index: { indexed: firstIndex.indexed + secondIndex.indexed, removed: firstIndex.removed + secondIndex.removed }, analysis };
}
