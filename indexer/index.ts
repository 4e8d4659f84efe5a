// The indexer: brings a search backend up to date with the store (posts, their scores and
// clusters), and opens the backend the deployment uses — Meilisearch when MEILI_URL is set,
// the embedded SQLite FTS5 engine otherwise.
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { Post, Score } from '../store/types.ts';
import type { IndexDocument, SearchEngine } from './search-engine.ts';
import { EmbeddedSearchEngine } from './embedded.ts';
import { MeilisearchEngine, meilisearchConfig } from './meilisearch.ts';
import type { Env } from '../config/env.ts';
import { toUtcIso } from './dates.ts';

export type { SearchEngine, SearchQuery, SearchResult, SearchHit, Facet, IndexDocument } from './search-engine.ts';
export { FACETS } from './search-engine.ts';
export { EmbeddedSearchEngine } from './embedded.ts';
export { MeilisearchEngine, MeilisearchTaskError, createSearchOnlyKey, searchOnlyKey, meilisearchConfig } from './meilisearch.ts';

/** Meilisearch when MEILI_URL is set (with MEILI_MASTER_KEY or MEILI_API_KEY), embedded otherwise. */
export function openSearchEngine(store: Store, meili?: Env['meili']): SearchEngine {
  const config = meilisearchConfig(meili);
  return config ? new MeilisearchEngine(config) : new EmbeddedSearchEngine(store);
}

const PAGE = 1000;
/** Documents written or removed in one run after which the backend is compacted. */
const COMPACT_AFTER = 5000;

/** What the index holds for a post, hashed: a change in any of it means the post is sent again. */
export function documentFingerprint(doc: IndexDocument): string {
  const { post, score } = doc;
  return createHash('sha1')
    .update(
      JSON.stringify([
        post.title,
        post.body,
        post.source,
        post.url,
        post.publishedAt,
        post.fetchedAt,
        post.district,
        post.clusterId,
        doc.clusterSize,
        score?.sentiment ?? null,
        score?.severity ?? null,
        score?.topic ?? null,
      ]),
    )
    .digest('base64url');
}

async function documentsFor(store: Store, posts: Post[], sizes: Map<string, number>): Promise<IndexDocument[]> {
  const scores: Map<string, Score> = await store.scores.getMany(posts.map((p) => p.id));
  return posts.map((post) => ({
    post,
    score: scores.get(post.id) ?? null,
    clusterSize: post.clusterId ? (sizes.get(post.clusterId) ?? 1) : 1,
  }));
}

/** Sizes of the clusters with two or more posts; every other cluster is a post alone. */
async function clusterSizes(store: Store): Promise<Map<string, number>> {
  return new Map((await store.clusters.list({ minSize: 2 })).map((c) => [c.id, c.size]));
}

/**
 * Sends the backend every post that is new or changed since it last received it (text, score,
 * cluster or cluster size), and removes posts the store no longer holds (retention). Idempotent:
 * a second run sends nothing. `rebuild` empties the backend first. A backend whose document count
 * disagrees with what was sent (emptied or replaced behind our back) is rebuilt too.
 */
export async function updateIndex(store: Store, engine: SearchEngine, options: { rebuild?: boolean } = {}): Promise<{ indexed: number; removed: number }> {
  let synced = await store.fullText.syncState(engine.name);
  const rebuild = options.rebuild || (await engine.count()) !== synced.size;
  if (rebuild) {
    await engine.clear();
    await store.fullText.forgetSynced(engine.name);
    synced = new Map();
  }

  // Pass 1: which posts changed (fingerprints differ from what the backend last received).
  const seen = new Set<string>();
  const sizes = await clusterSizes(store);
  const changed: { id: string; at: string }[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.posts.list({ limit: PAGE, afterId });
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    const docs = await documentsFor(store, page, sizes);
    for (const doc of docs) {
      seen.add(doc.post.id);
      if (synced.get(doc.post.id) !== documentFingerprint(doc))
        changed.push({ id: doc.post.id, at: toUtcIso(doc.post.publishedAt ?? doc.post.fetchedAt) ?? '' });
    }
  }

  // Pass 2: send them oldest first, so the embedded index's insertion order follows time (its
  // ranking window takes the newest matches by that order).
  changed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let indexed = 0;
  for (let i = 0; i < changed.length; i += PAGE) {
    const ids = changed.slice(i, i + PAGE).map((c) => c.id);
    const byId = new Map((await store.posts.getMany(ids)).map((p) => [p.id, p]));
    const posts = ids.map((id) => byId.get(id)).filter((p): p is Post => !!p);
    const docs = await documentsFor(store, posts, sizes);
    await engine.index(docs);
    await store.fullText.markSynced(
      engine.name,
      docs.map((d) => ({ postId: d.post.id, fingerprint: documentFingerprint(d) })),
    );
    indexed += docs.length;
  }

  const gone = [...synced.keys()].filter((id) => !seen.has(id));
  for (let i = 0; i < gone.length; i += PAGE) {
    const chunk = gone.slice(i, i + PAGE);
    await engine.remove(chunk);
    await store.fullText.forgetSynced(engine.name, chunk);
  }
  // Many small write batches leave FTS5 with many segments; merging them costs about a second
  // at 200,000 posts and makes searches two to three times faster. Small runs leave it to FTS5's
  // own automatic merging.
  if (engine.compact && (rebuild || indexed + gone.length >= COMPACT_AFTER)) await engine.compact();
  return { indexed, removed: gone.length };
}
