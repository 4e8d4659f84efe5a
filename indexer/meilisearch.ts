// The Meilisearch backend (production), through the official client. Settings are applied once
// per engine before the first write: searchable/filterable/sortable attributes, the synonyms of
// config/synonyms.yaml, Chinese as the language of title and body, and typo tolerance OFF.
//
// Why no typo tolerance for Chinese: Meilisearch counts typos as character edits and only allows
// them on words of 5+ (one typo) / 9+ (two typos) characters. Chinese words are 2–4 characters,
// so it would rarely apply, and where it does (long terms such as 人力资源和社会保障局 or
// 城乡居民养老保险) one changed character is a different word, not a slip: 养老保险 vs 医疗保险.
// Chinese input errors are wrong homophones picked from the IME, which edit distance does not
// model; synonyms cover the real variants instead.
import { Meilisearch, MeilisearchApiError, type Index, type Task } from 'meilisearch';
import type { Env } from '../config/env.ts';
import type { IndexDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from './search-engine.ts';
import { FACETS } from './search-engine.ts';
import { escapeHtml } from './highlight.ts';
import { queryBound, toUtcIso } from './dates.ts';
import { pageOf } from './embedded.ts';
import { loadSynonyms, meilisearchSynonyms, type Synonyms } from './synonyms.ts';
import type { FullTextRepo } from '../store/full-text.ts';

export interface MeilisearchConfig {
  host: string;
  apiKey?: string;
  /** Index uid; default `posts` (MEILI_INDEX). */
  index: string;
  /** Documents per addition task. */
  batchSize: number;
  /** Milliseconds to wait for one task. */
  taskTimeoutMs: number;
}

/** The parsed environment's MEILI_URL with MEILI_MASTER_KEY or MEILI_API_KEY (and optional MEILI_INDEX); null when unset. */
export function meilisearchConfig(meili: Env['meili']): MeilisearchConfig | null {
  if (!meili) return null;
  return {
    host: meili.url,
    apiKey: meili.masterKey ?? meili.apiKey,
    index: meili.index ?? 'posts',
    batchSize: 1000,
    taskTimeoutMs: 120_000,
  };
}

/** The document Meilisearch stores for a post. */
export interface MeiliPost {
  id: string;
  title: string;
  body: string;
  source: string;
  url: string;
  publishedAt: string | null;
  /** Milliseconds, for range filters and sorting. */
  publishedTs: number | null;
  district: string | null;
  topic: string | null;
  sentiment: string | null;
  severity: number | null;
  clusterId: string | null;
  clusterSize: number;
}

// Private-use characters as highlight tags: the formatted text is escaped as a whole afterwards,
// then only these become <mark>, so nothing from a post can become markup.
const PRE = '\uE000';
const POST = '\uE001';
const stripTags = (s: string) => s.replace(/[\uE000\uE001]/g, '');

export function toMeiliPost(doc: IndexDocument): MeiliPost {
  const { post, score } = doc;
  const published = toUtcIso(post.publishedAt ?? post.fetchedAt);
  return {
    id: post.id,
    title: stripTags(post.title),
    body: stripTags(post.body),
    source: post.source,
    url: post.url,
    publishedAt: post.publishedAt,
    publishedTs: published ? Date.parse(published) : null,
    district: post.district,
    topic: score?.topic ?? null,
    sentiment: score?.sentiment ?? null,
    severity: score?.severity ?? null,
    clusterId: post.clusterId,
    clusterSize: doc.clusterSize,
  };
}

export function markedHtml(formatted: string): string {
  return escapeHtml(formatted).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

const filterValue = (v: string) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Meilisearch filter expressions for a query (all must hold). */
export function meiliFilters(query: SearchQuery): string[] {
  const out: string[] = [];
  for (const key of ['source', 'district', 'topic', 'sentiment'] as const) {
    const values = query[key];
    if (values?.length) out.push(`${key} IN [${values.map(filterValue).join(', ')}]`);
  }
  if (query.severityAtLeast !== undefined) out.push(`severity >= ${Number(query.severityAtLeast)}`);
  const since = queryBound(query.since, 'since');
  const until = queryBound(query.until, 'until');
  if (since) out.push(`publishedTs >= ${Date.parse(since)}`);
  if (until) out.push(`publishedTs < ${Date.parse(until)}`);
  return out;
}

export function indexSettings(synonyms: Synonyms) {
  return {
    searchableAttributes: ['title', 'body'],
    displayedAttributes: ['*'],
    filterableAttributes: ['source', 'district', 'topic', 'sentiment', 'severity', 'publishedTs', 'clusterId'],
    sortableAttributes: ['publishedTs', 'severity', 'clusterSize'],
    synonyms: meilisearchSynonyms(synonyms),
    typoTolerance: { enabled: false },
    localizedAttributes: [{ attributePatterns: ['title', 'body'], locales: ['cmn'] }],
    pagination: { maxTotalHits: 10_000 },
  };
}

/** Thrown when Meilisearch reports a task as failed or canceled. */
export class MeilisearchTaskError extends Error {
  constructor(what: string, task: Task) {
    super(`Meilisearch ${what}失败（任务 ${task.uid}，状态 ${task.status}）：${task.error?.message ?? '未知原因'}`);
    this.name = 'MeilisearchTaskError';
  }
}

function checked(what: string, task: Task): Task {
  if (task.status !== 'succeeded') throw new MeilisearchTaskError(what, task);
  return task;
}

const isNotFound = (err: unknown) => err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found';

/** Where the indexer records what each backend last received (the store's search_sync table). */
export type SyncRecords = Pick<FullTextRepo, 'syncState' | 'markSynced' | 'forgetSynced'>;

/** Uid prefix of the index a rebuild fills before it is swapped in: `posts-rebuild-<time>`. */
export const rebuildPrefix = (index: string) => `${index}-rebuild-`;

export class MeilisearchEngine implements SearchEngine {
  readonly name: string;
  private readonly client: Meilisearch;
  private readonly index_: Index<MeiliPost>;
  private settingsApplied = false;

  constructor(
    private readonly config: MeilisearchConfig,
    private readonly synonyms: Synonyms = loadSynonyms(),
  ) {
    this.client = new Meilisearch({ host: config.host, apiKey: config.apiKey });
    this.index_ = this.client.index<MeiliPost>(config.index);
    // Sync state is kept per server and index, so pointing at another server re-sends everything.
    this.name = `meilisearch:${config.host.replace(/\/+$/, '')}/${config.index}`;
  }

  private wait(what: string, p: ReturnType<Meilisearch['swapIndexes']>) {
    return p.waitTask({ timeout: this.config.taskTimeoutMs }).then((t) => checked(what, t));
  }

  /** Creates the index if needed and applies the settings (idempotent on the server). */
  private async ensureSettings() {
    if (this.settingsApplied) return;
    try {
      await this.client.getIndex(this.config.index);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.wait('创建索引', this.client.createIndex(this.config.index, { primaryKey: 'id' }));
    }
    await this.wait('更新索引设置', this.index_.updateSettings(indexSettings(this.synonyms)));
    this.settingsApplied = true;
  }

  async index(docs: IndexDocument[]) {
    if (docs.length === 0) return;
    await this.ensureSettings();
    // Batches go in one after another; the first failure stops the run with its reason.
    for (let i = 0; i < docs.length; i += this.config.batchSize) {
      const batch = docs.slice(i, i + this.config.batchSize).map(toMeiliPost);
      await this.wait(`写入 ${batch.length} 条文档`, this.index_.addDocuments(batch, { primaryKey: 'id' }));
    }
  }

  async remove(ids: string[]) {
    if (ids.length === 0) return;
    await this.ensureSettings();
    await this.wait(`删除 ${ids.length} 条文档`, this.index_.deleteDocuments(ids));
  }

  async clear() {
    await this.ensureSettings();
    await this.wait('清空索引', this.index_.deleteAllDocuments());
  }

  /**
   * `minsheng index --rebuild` without a gap in search: `fill` writes everything into a new index
   * (same settings) while searches keep answering from the live one; then Meilisearch swaps the
   * two in one atomic task (`POST /swap-indexes`) and the old documents, now under the new
   * index's uid, are deleted. If anything fails before the swap, the new index is deleted and the
   * live one is exactly as it was.
   *
   * The new index keeps its own sync records while it fills, so a pipeline run indexing the live
   * index meanwhile still sees consistent records; after the swap they become the live index's.
   * A post that changed during the rebuild has a stale record and is sent again on the next run.
   */
  async rebuildBySwap<T>(records: SyncRecords, fill: (staging: MeilisearchEngine) => Promise<T>): Promise<T> {
    // A rebuild that died (kill, lost connection) leaves its half-filled index behind.
    const prefix = rebuildPrefix(this.config.index);
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    for (const { uid } of results.filter((i) => i.uid.startsWith(prefix))) {
      await this.wait('删除上次未完成的重建索引', this.client.deleteIndex(uid));
      await records.forgetSynced(this.stagingEngine(uid).name);
    }

    const staging = this.stagingEngine(`${prefix}${Date.now()}`);
    let result: T;
    try {
      await staging.ensureSettings();
      result = await fill(staging);
      // The live index must exist to be swapped with (first rebuild on a new server).
      await this.ensureSettings();
      await this.wait('切换到新索引', this.client.swapIndexes([{ indexes: [this.config.index, staging.config.index], rename: false }]));
    } catch (err) {
      await this.client
        .deleteIndex(staging.config.index)
        .waitTask({ timeout: this.config.taskTimeoutMs })
        .catch(() => undefined);
      await records.forgetSynced(staging.name);
      throw err;
    }

    const state = await records.syncState(staging.name);
    await records.forgetSynced(this.name);
    await records.markSynced(
      this.name,
      [...state].map(([postId, fingerprint]) => ({ postId, fingerprint })),
    );
    await records.forgetSynced(staging.name);
    await this.wait('删除替换下来的旧索引', this.client.deleteIndex(staging.config.index));
    return result;
  }

  private stagingEngine(uid: string) {
    return new MeilisearchEngine({ ...this.config, index: uid }, this.synonyms);
  }

  async count() {
    try {
      return (await this.index_.getStats()).numberOfDocuments;
    } catch (err) {
      if (isNotFound(err)) return 0;
      throw err;
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const { limit, offset } = pageOf(query);
    const facets = (query.facets ?? []).filter((f) => (FACETS as readonly string[]).includes(f));
    let response;
    try {
      response = await this.index_.search(query.q ?? '', {
        limit,
        offset,
        filter: meiliFilters(query),
        facets: facets.length ? facets : undefined,
        sort: query.q?.trim() ? undefined : ['publishedTs:desc'],
        matchingStrategy: 'all',
        locales: ['cmn'],
        attributesToHighlight: ['title'],
        attributesToCrop: ['body'],
        cropLength: 40,
        cropMarker: '…',
        highlightPreTag: PRE,
        highlightPostTag: POST,
      });
    } catch (err) {
      if (isNotFound(err)) return { hits: [], total: 0, facets: {}, engine: 'meilisearch' };
      throw err;
    }
    const hits: SearchHit[] = response.hits.map((h) => ({
      id: h.id,
      titleHtml: markedHtml(h._formatted?.title ?? h.title),
      snippetHtml: markedHtml(h._formatted?.body ?? h.body),
      source: h.source,
      url: h.url,
      publishedAt: h.publishedAt,
      district: h.district,
      topic: h.topic,
      sentiment: h.sentiment,
      severity: h.severity,
      clusterId: h.clusterId,
      clusterSize: h.clusterSize,
    }));
    const facetCounts: SearchResult['facets'] = {};
    for (const f of facets) facetCounts[f] = response.facetDistribution?.[f] ?? {};
    return { hits, total: response.estimatedTotalHits ?? hits.length, facets: facetCounts, engine: 'meilisearch' };
  }
}

/**
 * A key that can only search the posts index, for the staff console's browser side (the master
 * or admin key never leaves the server). Reuses the key of the same name when it exists.
 * Needs MEILI_MASTER_KEY (or a key allowed to manage keys).
 */
export async function createSearchOnlyKey(config: MeilisearchConfig): Promise<string> {
  const client = new Meilisearch({ host: config.host, apiKey: config.apiKey });
  const name = `minsheng-console-search-${config.index}`;
  const existing = (await client.getKeys({ limit: 1000 })).results.find((k) => k.name === name);
  if (existing) return existing.key;
  const key = await client.createKey({
    name,
    description: '民声值班台：只能搜索帖子索引',
    actions: ['search'],
    indexes: [config.index],
    expiresAt: null,
  });
  return key.key;
}

/**
 * The console's search-only key for the deployment's Meilisearch (MEILI_URL with
 * MEILI_MASTER_KEY), created on first use and reused after; null when search runs embedded.
 */
export async function searchOnlyKey(meili: Env['meili']): Promise<string | null> {
  const config = meilisearchConfig(meili);
  return config ? createSearchOnlyKey(config) : null;
}
