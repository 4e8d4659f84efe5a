// A large backlog in one clustering run: the bookkeeping of which candidate pairs were judged must
// not grow with the number of pairs (one set of every pair tried stopped at 2^24 entries, about
// 100,000 new posts). Cheap here: thousands of copies of one post (same fingerprint, so every pair
// is a candidate), spaced so that almost no pair is inside the time window and needs scoring.
import { describe, expect, it } from 'vitest';
import {
  bucketsOfDocuments,
  clusterDocuments,
  computeFeatures,
  DEFAULT_DEDUPE_CONFIG,
  type DedupeDocument,
  type DocFeatures,
} from '../../analysis/dedupe/cluster.ts';

const DAY = 86_400_000;

describe('clustering a backlog', () => {
  it('judges more than 2^24 candidate pairs in one run and still joins the posts within the window', () => {
    const text = { title: '宣汉县某建筑工地拖欠农民工工资', body: '我们在宣汉县东乡镇的工地干了半年，老板一直拖欠工资不发，请劳动监察大队帮忙处理。' };
    const [one] = computeFeatures([text], DEFAULT_DEDUPE_CONFIG);
    // Only the exact-copy bucket is shared: the copies' other buckets (bands, terms) would multiply
    // the pairs without testing anything more.
    const features = (i: number): DocFeatures => ({ ...one!, signature: one!.signature.map((x) => x ^ (i + 1)), terms: new Map() });
    // 6,000 copies, each 15 days after the last (outside the 14-day window): 18 million candidate pairs.
    const n = 6000;
    const docs: DedupeDocument[] = Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(5, '0')}`, ...text, at: i * 15 * DAY, clusterId: null }));
    // A repost a day after the first one belongs with it.
    docs.push({ id: 'repost', ...text, at: DAY / 2, clusterId: null });
    const clusters = clusterDocuments(
      docs,
      DEFAULT_DEDUPE_CONFIG,
      docs.map((_, i) => features(i)),
    );
    expect(clusters.get('repost')).toBe('p00000');
    expect(clusters.get('p00001')).toBe('p00001');
    expect(new Set(clusters.values()).size).toBe(n);
  });

  it('keeps a clustered backlog as it was while new posts join it', () => {
    const text = { title: '达川区社保卡补办', body: '达川区社保卡丢了去哪里补办，窗口说要本人带身份证去，请问能不能网上办理。' };
    const [features] = computeFeatures([text], DEFAULT_DEDUPE_CONFIG);
    const docs: DedupeDocument[] = [
      { id: 'a', ...text, at: 0, clusterId: 'a' },
      { id: 'b', ...text, at: DAY, clusterId: 'a' },
      { id: 'c', ...text, at: 2 * DAY, clusterId: null },
    ];
    expect([...clusterDocuments(docs, DEFAULT_DEDUPE_CONFIG, Array(3).fill(features)).values()]).toEqual(['a', 'a', 'a']);
  });
});

describe('bucketsOfDocuments', () => {
  // Buckets 0..3 in visiting order; documents 0..3.
  const memberships = bucketsOfDocuments(
    [
      [0, 1],
      [1, 2],
      [0, 1, 3],
      [2, 3],
    ],
    4,
  );

  it('tells whether two documents met in an earlier bucket', () => {
    expect(memberships.shareBefore(0, 1, 0)).toBe(false);
    expect(memberships.shareBefore(0, 1, 2)).toBe(true);
    expect(memberships.shareBefore(1, 3, 2)).toBe(false);
    expect(memberships.shareBefore(2, 3, 3)).toBe(false);
    expect(memberships.shareBefore(1, 2, 3)).toBe(true);
    expect(memberships.shareBefore(0, 2, 4)).toBe(false);
  });
});
