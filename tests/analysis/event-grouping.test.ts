// Event grouping's measured figures (analysis/dedupe/README.md, events-evaluate-cli.ts) on the sets in
// the repository: the labelled rewrites and the written incident feeds, grouped as in the pipeline
// (near-duplicate clusters first, events over them). A change that splits an incident or joins a hard
// negative moves these numbers.
import { describe, expect, it } from 'vitest';
import { clusterDocuments } from '../../analysis/dedupe/cluster.ts';
import { groupEvents, type EventDocument } from '../../analysis/dedupe/events.ts';
import { groupingMetrics } from '../../analysis/dedupe/events-evaluate.ts';
import { LABELLED_POSTS } from '../../analysis/dedupe/labelled.ts';
import { loadRegion } from '../../config/region.ts';
import { ALL_FEEDS, feedPosts } from './fixtures/incident-feeds.ts';
import { LARGE_FEED } from './fixtures/incident-feed-large.ts';

const region = loadRegion();
function grouped(docs: EventDocument[]): Map<string, string> {
  const clusters = clusterDocuments(docs);
  return groupEvents(
    docs.map((d) => ({ ...d, clusterId: clusters.get(d.id) ?? null })),
    region,
  );
}

describe('event grouping on the labelled sets', () => {
  it('joins 27 of the 28 same-incident pairs of the labelled rewrites and no other pair', () => {
    const docs = LABELLED_POSTS.map((p, i) => ({ id: `l${i}`, title: p.title, body: p.body, at: i * 3_600_000, clusterId: null }));
    const m = groupingMetrics(new Map(LABELLED_POSTS.map((p, i) => [`l${i}`, p.group])), grouped(docs));
    expect([m.truePairs, m.falsePairs, m.missedPairs]).toEqual([27, 0, 1]);
    // Real work: jieba's dictionaries and the character-pair table load on first use.
  }, 120_000);

  it('groups the three written feeds together exactly, and the incidents of the 460-post feed at P ≥ 0.95 and R ≥ 0.85', () => {
    const feedDocs = (posts: ReturnType<typeof feedPosts>) =>
      posts.map((p, i) => ({ id: `f${i}`, title: p.post.t, body: p.post.b, at: -p.post.h * 3_600_000, clusterId: null }));
    const all = feedPosts(ALL_FEEDS);
    const m = groupingMetrics(new Map(all.map((p, i) => [`f${i}`, p.label])), grouped(feedDocs(all)));
    expect([m.truePairs, m.falsePairs, m.missedPairs]).toEqual([405, 0, 0]);
    // The large feed's incident side (incident posts and their reposts, hard negatives, severe posts),
    // grouped among all 469 posts; posts about two incidents belong to neither alone.
    const large = feedPosts(LARGE_FEED);
    const truth = new Map(
      large.flatMap((p, i) => (p.label.startsWith('background') || p.label.startsWith('mixed') ? [] : [[`f${i}`, p.label.replace(/^repost-/, '')] as const])),
    );
    const side = groupingMetrics(truth, grouped(feedDocs(large)));
    expect(side.pairPrecision).toBeGreaterThanOrEqual(0.95);
    expect(side.pairRecall).toBeGreaterThanOrEqual(0.85);
    expect([side.truePairs, side.falsePairs, side.missedPairs]).toEqual([191, 9, 29]);
  }, 120_000);
});
