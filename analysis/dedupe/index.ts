// Near-duplicate clustering over the store: every post gets a cluster id (a post alone is a
// cluster of one). Incremental: posts without a cluster are compared with each other and with
// the posts of the surrounding time window, and join, link or start clusters; clustered posts
// keep their ids, so reruns change nothing. The rules are pure (cluster.ts); this is the I/O.
import type { Store } from '../../store/store.ts';
import type { Post } from '../../store/types.ts';
import { clusterDocuments, DEFAULT_DEDUPE_CONFIG, type DedupeConfig, type DedupeDocument } from './cluster.ts';

export { DEFAULT_DEDUPE_CONFIG, type DedupeConfig } from './cluster.ts';

const PAGE = 1000;

export interface UpdateClustersOptions extends Partial<DedupeConfig> {
  /** Forget every assignment and cluster all posts afresh (after a threshold change). */
  rebuild?: boolean;
}

function postTime(p: Post): number {
  const t = Date.parse(p.publishedAt ?? p.fetchedAt);
  return Number.isFinite(t) ? t : 0;
}

function toDocument(p: Post, rebuild: boolean): DedupeDocument {
  return { id: p.id, title: p.title, body: p.body, at: postTime(p), clusterId: rebuild ? null : p.clusterId };
}

/**
 * Assigns a cluster to every post that has none (or to all with `rebuild`). Returns how many posts
 * got a new or changed cluster id, and how many clusters of two or more posts the store holds.
 */
export async function updateClusters(store: Store, options: UpdateClustersOptions = {}): Promise<{ postsAssigned: number; clusters: number }> {
  const { rebuild = false, ...overrides } = options;
  const config: DedupeConfig = { ...DEFAULT_DEDUPE_CONFIG, ...overrides };

  // Pass 1: which posts are new, and how far back their window reaches.
  let earliestNew = Infinity;
  let newCount = 0;
  let afterId: string | undefined;
  // Only the unclustered posts are read: a tick's few new posts, not the whole store.
  for (;;) {
    const page = await store.posts.list({ limit: PAGE, afterId, unclustered: !rebuild });
    if (page.length === 0) break;
    for (const p of page) {
      newCount++;
      earliestNew = Math.min(earliestNew, postTime(p));
    }
    afterId = page[page.length - 1]!.id;
  }
  if (newCount === 0) return { postsAssigned: 0, clusters: await multiPostClusters(store) };

  // Pass 2: the new posts and every post of their window (a day's margin for time-zone offsets
  // in stored timestamps, which the store compares as text).
  const since = new Date(earliestNew - (config.windowDays + 1) * 86_400_000).toISOString();
  const docs: DedupeDocument[] = [];
  const before = new Map<string, string | null>();
  afterId = undefined;
  for (;;) {
    const page = await store.posts.list({ since: earliestNew === 0 ? undefined : since, limit: PAGE, afterId });
    if (page.length === 0) break;
    const scores = await store.scores.getMany(page.map((p) => p.id));
    for (const p of page) {
      docs.push({ ...toDocument(p, rebuild), topic: scores.get(p.id)?.topic ?? null });
      before.set(p.id, p.clusterId);
    }
    afterId = page[page.length - 1]!.id;
  }

  const assigned = clusterDocuments(docs, config);
  const changes: { postId: string; clusterId: string }[] = [];
  for (const [postId, clusterId] of assigned) {
    if (before.get(postId) !== clusterId) changes.push({ postId, clusterId });
  }
  for (let i = 0; i < changes.length; i += PAGE) await store.clusters.assign(changes.slice(i, i + PAGE));
  return { postsAssigned: changes.length, clusters: await multiPostClusters(store) };
}

async function multiPostClusters(store: Store): Promise<number> {
  return (await store.clusters.list({ minSize: 2 })).length;
}
