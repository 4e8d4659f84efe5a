// The search contract every backend must keep, as a suite that takes a backend factory. The
// embedded engine runs it always; Meilisearch runs it when MEILI_URL is set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import type { PostInput, Score } from '../../store/types.ts';
import type { SearchEngine } from '../../indexer/search-engine.ts';
import { updateIndex } from '../../indexer/index.ts';

export type EngineFactory = (store: Store) => Promise<SearchEngine> | SearchEngine;

interface Seed {
  key: string;
  title: string;
  body: string;
  source?: string;
  district?: string | null;
  publishedAt: string;
  score?: Pick<Score, 'sentiment' | 'severity' | 'topic'>;
}

const SEEDS: Seed[] = [
  {
    key: 'wage',
    title: '工地老板拖欠工资三个月',
    body: '我们在通川区一个工地干活，老板拖欠工资三个月，找了好几次都不给。',
    district: '通川区',
    publishedAt: '2025-05-02T09:00:00+08:00',
    score: { sentiment: 'negative', severity: 2, topic: '欠薪/劳动关系' },
  },
  {
    key: 'wage2',
    title: '讨薪无门',
    body: '在达川区做装修，讨薪讨了半年，包工头一直躲着。',
    district: '达川区',
    source: 'forum',
    publishedAt: '2025-05-03T10:00:00+08:00',
    score: { sentiment: 'negative', severity: 1, topic: '欠薪/劳动关系' },
  },
  {
    key: 'card',
    title: '社会保险卡怎么补办',
    body: '社会保险卡丢了，想问问在哪里补办，要带身份证吗？',
    district: '达川区',
    publishedAt: '2025-05-04T11:00:00+08:00',
    score: { sentiment: 'neutral', severity: 0, topic: '社保卡' },
  },
  {
    key: 'pension',
    title: '退休工资什么时候调整',
    body: '请问今年的退休工资什么时候调整？能涨多少？',
    district: '万源市',
    publishedAt: '2025-05-20T08:00:00+08:00',
    score: { sentiment: 'neutral', severity: 0, topic: '养老保险' },
  },
  {
    key: 'flex',
    title: '灵活就业人员参保',
    body: '我是灵活就业，在宣汉县，想交城乡居保还是职工养老？',
    district: '宣汉县',
    publishedAt: '2025-05-21T08:00:00+08:00',
    score: { sentiment: 'neutral', severity: 0, topic: '养老保险' },
  },
  {
    key: 'xss',
    title: '<script>alert("x")</script>社保局回复',
    body: '社保局说 <b>马上</b> 处理 & 回复 "很快"',
    district: null,
    publishedAt: '2025-05-22T08:00:00+08:00',
  },
];

/** `openTestStore`: where the posts live (default an in-memory SQLite store; the store tier passes PostgreSQL). */
export function searchContract(name: string, factory: EngineFactory, openTestStore: () => Store | Promise<Store> = () => openStore(':memory:')) {
  describe(`search contract: ${name}`, () => {
    let store: Store;
    let engine: SearchEngine;
    const ids = new Map<string, string>();

    async function seed(s: Seed) {
      const url = `http://127.0.0.1/t/${s.key}`;
      const input: PostInput = {
        source: s.source ?? 'board',
        url,
        canonicalUrl: url,
        contentHash: `hash-${s.key}`,
        title: s.title,
        body: s.body,
        author: null,
        publishedAt: s.publishedAt,
        fetchedAt: s.publishedAt,
        district: s.district ?? null,
      };
      const { id } = await store.posts.upsert(input);
      ids.set(s.key, id);
      if (s.score) {
        await store.scores.save({
          ...s.score,
          postId: id,
          negative: s.score.sentiment === 'negative' ? 0.9 : 0.1,
          reasons: [],
          model: 'test',
          scoredAt: s.publishedAt,
        });
      }
      return id;
    }

    const keysOf = (hits: { id: string }[]) => hits.map((h) => [...ids].find(([, id]) => id === h.id)?.[0]).sort();

    beforeEach(async () => {
      store = await openTestStore();
      ids.clear();
      for (const s of SEEDS) await seed(s);
      engine = await factory(store);
      await updateIndex(store, engine, { rebuild: true });
    });

    afterEach(async () => {
      await engine?.clear();
      await store.close();
    });

    it('finds posts by segmented words and ranks title matches first', async () => {
      const r = await engine.search({ q: '补办' });
      expect(keysOf(r.hits)).toEqual(['card']);
      expect(r.engine).toBe(name);
    });

    it('expands synonyms: 欠薪 finds 拖欠工资 and 讨薪, 社保卡 finds 社会保险卡 wording, 养老金 finds 退休工资', async () => {
      expect(keysOf((await engine.search({ q: '欠薪' })).hits)).toEqual(['wage', 'wage2']);
      expect(keysOf((await engine.search({ q: '拖欠工资' })).hits)).toEqual(['wage', 'wage2']);
      expect(keysOf((await engine.search({ q: '养老金' })).hits)).toEqual(['pension']);
      expect(keysOf((await engine.search({ q: '社会保险' })).hits)).toContain('card');
    });

    it('does not let a word match posts that only share a part of it (社保卡 is not 社保局)', async () => {
      expect(keysOf((await engine.search({ q: '社保卡' })).hits)).toEqual(['card']);
      expect(keysOf((await engine.search({ q: '社保局' })).hits)).toEqual(['xss']);
    });

    it('requires every word of the query', async () => {
      expect(keysOf((await engine.search({ q: '拖欠工资 通川区' })).hits)).toEqual(['wage']);
      expect((await engine.search({ q: '拖欠工资 渠县' })).total).toBe(0);
    });

    it('filters by source, district, topic, sentiment, severity and time, and counts facets', async () => {
      expect(keysOf((await engine.search({ q: '', source: ['forum'] })).hits)).toEqual(['wage2']);
      expect(keysOf((await engine.search({ q: '', district: ['达川区'] })).hits)).toEqual(['card', 'wage2']);
      expect(keysOf((await engine.search({ q: '', topic: ['养老保险'] })).hits)).toEqual(['flex', 'pension']);
      expect(keysOf((await engine.search({ q: '', sentiment: ['negative'], severityAtLeast: 2 })).hits)).toEqual(['wage']);
      expect(keysOf((await engine.search({ q: '', since: '2025-05-20', until: '2025-05-21' })).hits)).toEqual(['flex', 'pension']);
      const r = await engine.search({ q: '', facets: ['district', 'sentiment', 'topic'] });
      expect(r.total).toBe(SEEDS.length);
      expect(r.facets.district).toEqual({ 达川区: 2, 通川区: 1, 万源市: 1, 宣汉县: 1 });
      expect(r.facets.sentiment).toEqual({ negative: 2, neutral: 3 });
      expect(r.facets.topic?.['欠薪/劳动关系']).toBe(2);
    });

    it('lists newest first without words, and pages', async () => {
      const all = await engine.search({ q: '', limit: 2 });
      expect(all.hits.map((h) => h.id)).toEqual([ids.get('xss'), ids.get('flex')]);
      const next = await engine.search({ q: '', limit: 2, offset: 2 });
      expect(next.hits[0]!.id).toBe(ids.get('pension'));
    });

    it('highlights with <mark> and escapes every crawled character', async () => {
      const r = await engine.search({ q: '社保局' });
      expect(r.hits).toHaveLength(1);
      const hit = r.hits[0]!;
      expect(hit.titleHtml).not.toContain('<script>');
      expect(hit.titleHtml).toContain('&#60;script&#62;');
      expect(hit.titleHtml).toContain('<mark>社保局</mark>');
      expect(hit.snippetHtml).toContain('&#60;b&#62;');
      expect(hit.snippetHtml).toContain('&#38;');
      expect(hit.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
    });

    it('follows the store on update: edited scores, new clusters and deleted posts', async () => {
      const wage = ids.get('wage')!;
      const wage2 = ids.get('wage2')!;
      await store.clusters.assign([
        { postId: wage, clusterId: wage },
        { postId: wage2, clusterId: wage },
      ]);
      await store.scores.save({
        postId: ids.get('card')!,
        sentiment: 'negative',
        negative: 0.8,
        severity: 1,
        topic: '社保卡',
        reasons: [],
        model: 'test',
        scoredAt: '2025-06-01T00:00:00Z',
      });
      const first = await updateIndex(store, engine);
      expect(first.indexed).toBe(3);
      expect(await updateIndex(store, engine)).toEqual({ indexed: 0, removed: 0 });
      const r = await engine.search({ q: '欠薪' });
      expect(r.hits.every((h) => h.clusterId === wage && h.clusterSize === 2)).toBe(true);
      expect(keysOf((await engine.search({ q: '', sentiment: ['negative'] })).hits)).toEqual(['card', 'wage', 'wage2']);

      await store.posts.deleteFetchedBefore('2025-05-03T00:00:00Z');
      const after = await updateIndex(store, engine);
      expect(after.removed).toBe(1);
      expect(await engine.count()).toBe(SEEDS.length - 1);
      expect(keysOf((await engine.search({ q: '欠薪' })).hits)).toEqual(['wage2']);
    });

    it('rebuilds from scratch to the same result', async () => {
      const before = await engine.search({ q: '社保', facets: ['district'] });
      const rebuilt = await updateIndex(store, engine, { rebuild: true });
      expect(rebuilt.indexed).toBe(SEEDS.length);
      const after = await engine.search({ q: '社保', facets: ['district'] });
      expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
      expect(after.facets).toEqual(before.facets);
    });
  });
}
