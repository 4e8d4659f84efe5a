// The per-text memo a long-running process keeps between ticks (analysis/text-memo.ts): a value is
// reused only for the same text under the same settings, the least recently used go first, and
// the clustering and event features read through it are the ones computed afresh.
import { describe, expect, it } from 'vitest';
import { clearTextMemos, memoFor, TextMemo } from '../../analysis/text-memo.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { openStore } from '../../store/index.ts';
import { LARGE_FEED } from './fixtures/incident-feed-large.ts';
import { feedPosts } from './fixtures/incident-feeds.ts';
import { computeFeatures, DEFAULT_DEDUPE_CONFIG, documentWords, featuresOf } from '../../analysis/dedupe/cluster.ts';
import { DEFAULT_EVENT_CONFIG, eventFeatures, regionNamePairs } from '../../analysis/dedupe/events.ts';
import { newTermWeights, regionPlaceNames } from '../../analysis/dedupe/features.ts';
import { loadRegion } from '../../config/region.ts';

describe('TextMemo', () => {
  it('computes a text once and drops the least recently used text past its capacity', () => {
    const computed: string[] = [];
    const memo = new TextMemo<number>(2);
    const length = (t: string) => (computed.push(t), t.length);
    expect(memo.get('工资', length)).toBe(2);
    expect(memo.get('社保卡', length)).toBe(3);
    expect(memo.get('工资', length)).toBe(2); // a hit, and now the most recently used
    expect(memo.get('养老金停发', length)).toBe(5); // over capacity: 社保卡 goes
    expect(memo.size).toBe(2);
    expect(memo.get('工资', length)).toBe(2);
    expect(memo.get('社保卡', length)).toBe(3);
    expect(computed).toEqual(['工资', '社保卡', '养老金停发', '社保卡']);
  });

  it('refuses a capacity that is not a positive integer, in Chinese', () => {
    expect(() => new TextMemo(0)).toThrow(/文本缓存容量应为正整数/);
  });

  it('keeps one memo per computation and settings', () => {
    expect(memoFor('a', { x: 1 })).toBe(memoFor('a', { x: 1 }));
    expect(memoFor('a', { x: 1 })).not.toBe(memoFor('a', { x: 2 }));
    expect(memoFor('a', { x: 1 })).not.toBe(memoFor('b', { x: 1 }));
  });
});

const region = loadRegion();
const posts = [
  { title: '宣汉县某建筑工地拖欠农民工工资', body: '我们在宣汉县东乡镇的城南安置房工地干了半年，老板一直拖欠工资不发。' },
  { title: '达川区社保卡补办', body: '达川区社保卡丢了去哪里补办，窗口说要本人带身份证去。' },
];

describe('features read through the memo', () => {
  it('are the features computed afresh, on a second run too', () => {
    const weights = newTermWeights(regionPlaceNames(region));
    const fresh = posts.map((p) => featuresOf(p, documentWords(p), weights, DEFAULT_DEDUPE_CONFIG, regionNamePairs(region)));
    for (let run = 0; run < 2; run++) {
      const got = computeFeatures(posts, DEFAULT_DEDUPE_CONFIG, region);
      got.forEach((f, i) => expect({ ...f, districts: undefined, namePairs: undefined, proper: undefined }).toEqual({ ...fresh[i] }));
      expect([...got[0]!.districts!]).toEqual(['宣汉县']);
      expect([...got[1]!.districts!]).toEqual(['达川区']);
    }
    const events = eventFeatures(posts, DEFAULT_EVENT_CONFIG, region);
    expect(eventFeatures(posts, DEFAULT_EVENT_CONFIG, region)).toEqual(events);
    expect(eventFeatures(posts, DEFAULT_EVENT_CONFIG, region, weights)).toEqual(events);
  });

  it('follow a changed config instead of reusing what the default computed', () => {
    const before = computeFeatures(posts, DEFAULT_DEDUPE_CONFIG, region);
    expect(before[0]!.signature).toHaveLength(DEFAULT_DEDUPE_CONFIG.numPerm);
    const after = computeFeatures(posts, { ...DEFAULT_DEDUPE_CONFIG, numPerm: 32, rowsPerBand: 4 }, region);
    expect(after[0]!.signature).toHaveLength(32);
  });
});

describe("a worker's next tick", () => {
  it('raises the same alerts with the memo kept from its last tick as a fresh process does', async () => {
    const now = new Date('2026-06-10T12:00:00+08:00');
    const posts = feedPosts(LARGE_FEED).map(({ post }, n) => ({
      source: n % 2 ? 'forum' : 'board',
      url: `http://127.0.0.1/board/${n}`,
      canonicalUrl: `http://127.0.0.1/board/${n}`,
      contentHash: `hash-${n}`,
      title: post.t,
      body: post.b,
      author: post.a,
      publishedAt: new Date(now.getTime() - post.h * 3600_000).toISOString(),
      fetchedAt: now.toISOString(),
      district: null,
    }));
    // Two ticks: the older posts first, then the newer ones (half of each incident arrives later).
    const older = posts.filter((p) => p.publishedAt < new Date(now.getTime() - 24 * 3600_000).toISOString());
    const newer = posts.filter((p) => !older.includes(p));
    expect(older.length).toBeGreaterThan(50);
    expect(newer.length).toBeGreaterThan(50);
    const alertsAfterTwoTicks = async (fresh: boolean) => {
      const store = openStore(':memory:');
      try {
        clearTextMemos();
        for (const batch of [older, newer]) {
          await store.posts.upsertMany(batch);
          if (fresh) clearTextMemos();
          await analyzeStore(store, { region, now });
        }
        return (await store.alerts.list({ limit: 10_000 }))
          .map((a) => ({ id: a.id, level: a.level, title: a.title, postIds: [...a.postIds].sort() }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
      } finally {
        await store.close();
      }
    };
    const warm = await alertsAfterTwoTicks(false);
    expect(warm.length).toBeGreaterThan(3);
    expect(warm).toEqual(await alertsAfterTwoTicks(true));
  }, 120_000);
});
