// The embedded engine's storage on both stores: the indexer's engine (ranking window, filters,
// facets, newest-first listing) over SQLite FTS5 and over PostgreSQL, two connections seeing each
// other's writes, and PostgreSQL's bm25 giving FTS5's numbers.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FullTextDocument, FullTextRepo } from '../../../store/full-text.ts';
import { FullTextEngine } from '../../../indexer/full-text-engine.ts';
import { openStore } from '../../../store/index.ts';
import { normaliseTokens, parseFtsExpression, toTsquery } from '../../../store/postgres/full-text.ts';
import { describeStores } from './stores.ts';
import { postgresSkipReason, freshSchemaUrl } from '../../helpers/postgres.ts';

const doc = (id: string, fields: Partial<FullTextDocument> = {}): FullTextDocument => ({
  id,
  titleTokens: '其他',
  bodyTokens: '别的 事情',
  source: 'board',
  district: null,
  topic: null,
  sentiment: null,
  severity: null,
  publishedAt: null,
  clusterId: null,
  clusterSize: 1,
  ...fields,
});
const base = { filters: {}, facets: [] as never[], limit: 20, offset: 0 };

describeStores('full-text storage', (kit) => {
  const engine = async (options: { rankWindow?: number; commonMin?: number } = {}) => {
    const repo = (await kit.open()).fullText;
    return { repo, engine: new FullTextEngine(repo, options) };
  };

  it('ranks within the newest matches but counts every match; a deeper page ranks them all', async () => {
    const { repo, engine: ft } = await engine({ rankWindow: 3 });
    await repo.upsert(
      Array.from({ length: 30 }, (_, i) =>
        doc(`p${i}`, {
          titleTokens: i === 0 ? '社保 社保' : '其他',
          bodyTokens: i < 10 ? '社保 问题 很多 很多 很多' : '别的 事情',
          publishedAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString(),
        }),
      ),
    );
    const windowed = await ft.search({ ...base, match: '"社保"', limit: 3 });
    expect(windowed.total).toBe(10);
    expect(windowed.hits.map((h) => h.id).sort()).toEqual(['p7', 'p8', 'p9']);
    expect((await ft.search({ ...base, match: '"社保"', limit: 5 })).hits[0]!.id).toBe('p0');
  });

  it('treats a missing value as matching no filter, leaves it out of facets, lists newest first and undated last', async () => {
    const { repo, engine: ft } = await engine();
    await repo.upsert([
      doc('a', { bodyTokens: '社保', district: '渠县', severity: 2, sentiment: 'negative', publishedAt: '2025-06-01T00:00:00.000Z' }),
      doc('b', { bodyTokens: '社保', district: '渠县', severity: 0, sentiment: 'neutral', publishedAt: '2025-06-03T00:00:00.000Z' }),
      doc('c', { bodyTokens: '社保', district: '达川区', severity: null, publishedAt: null }),
      doc('d', { bodyTokens: '别的' }),
    ]);
    const all = await ft.search({ ...base, match: '"社保"', facets: ['district', 'severity', 'sentiment'] });
    expect(all.total).toBe(3);
    expect(all.facets).toEqual({ district: { 渠县: 2, 达川区: 1 }, severity: { '0': 1, '2': 1 }, sentiment: { negative: 1, neutral: 1 } });
    expect((await ft.search({ ...base, match: '"社保"', filters: { since: '2025-06-02T00:00:00.000Z' } })).hits.map((h) => h.id)).toEqual(['b']);
    expect((await ft.search({ ...base, match: '' })).hits.map((h) => h.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(await repo.count()).toBe(4);
    expect(await repo.sizeBytes()).toBeGreaterThan(0);
  });

  it('matches case-insensitively, ORs alternatives, and an empty term matches nothing', async () => {
    const { repo, engine: ft } = await engine();
    await repo.upsert([doc('a', { titleTokens: 'App 下载' }), doc('b', { bodyTokens: '社保 卡' }), doc('c', { bodyTokens: '别的' })]);
    expect((await ft.search({ ...base, match: '"app"' })).hits.map((h) => h.id)).toEqual(['a']);
    expect((await ft.search({ ...base, match: '("下载") OR ("社保" AND "卡")' })).total).toBe(2);
    expect((await ft.search({ ...base, match: '""' })).total).toBe(0);
  });

  it('a second connection sees what the first indexed, changed and removed', async () => {
    const open = await kit.location();
    const writer = open().fullText;
    const reader = new FullTextEngine(open().fullText);
    await writer.upsert([doc('a', { bodyTokens: '欠薪', sentiment: 'neutral' }), doc('b', { bodyTokens: '欠薪', sentiment: 'neutral' })]);
    const negative = { ...base, match: '"欠薪"', filters: { sentiment: ['negative'] } };
    expect((await reader.search(negative)).total).toBe(0);
    await writer.upsert([doc('a', { bodyTokens: '欠薪', sentiment: 'negative' })]);
    expect((await reader.search(negative)).hits.map((h) => h.id)).toEqual(['a']);
    await writer.remove(['a']);
    expect((await reader.search(negative)).total).toBe(0);
    expect((await reader.search({ ...base, match: '"欠薪"' })).hits.map((h) => h.id)).toEqual(['b']);
  });

  it("keeps each term's document count right through insert, update, delete and rebuild", async () => {
    const repo = (await kit.open()).fullText;
    const counts = (terms: string[]) => repo.read((r) => terms.map((t) => r.countMatches(`"${t}"`)));
    const terms = ['欠薪', '社保', '工伤', '其他'];
    await repo.upsert([doc('a', { titleTokens: '欠薪 欠薪', bodyTokens: '社保' }), doc('b', { bodyTokens: '欠薪 工伤' }), doc('c')]);
    expect(await counts(terms)).toEqual([2, 1, 1, 2]);
    // A post changed (twice in one batch: the last copy wins) loses its old terms.
    await repo.upsert([doc('a', { titleTokens: '工伤' }), doc('a', { titleTokens: '工伤', bodyTokens: '社保 社保' }), doc('d', { bodyTokens: '欠薪' })]);
    expect(await counts(terms)).toEqual([2, 1, 2, 3]);
    await repo.remove(['b', 'missing']);
    expect(await counts(terms)).toEqual([1, 1, 1, 2]);
    await repo.remove(['d']);
    expect(await counts(terms)).toEqual([0, 1, 1, 1]);
    // What `index --rebuild` does: clear, then index everything again.
    await repo.clear();
    expect(await counts(terms)).toEqual([0, 0, 0, 0]);
    await repo.upsert([doc('a', { bodyTokens: '社保' }), doc('b', { bodyTokens: '社保 欠薪' })]);
    expect(await counts(terms)).toEqual([1, 2, 0, 2]);
  });

  it('remembers what each search backend received, per post', async () => {
    const repo = (await kit.open()).fullText;
    await repo.markSynced('meili', [
      { postId: 'a', fingerprint: '1' },
      { postId: 'b', fingerprint: '1' },
    ]);
    await repo.markSynced('meili', [{ postId: 'a', fingerprint: '2' }]);
    await repo.markSynced('embedded', [{ postId: 'a', fingerprint: 'x' }]);
    expect(await repo.syncState('meili')).toEqual(
      new Map([
        ['a', '2'],
        ['b', '1'],
      ]),
    );
    await repo.forgetSynced('meili', ['b']);
    expect([...(await repo.syncState('meili')).keys()]).toEqual(['a']);
    await repo.forgetSynced('meili');
    expect((await repo.syncState('meili')).size).toBe(0);
    expect((await repo.syncState('embedded')).size).toBe(1);
  });
});

describe('FTS5 expressions as tsquery', () => {
  it('keeps AND/OR structure and quotes each token verbatim, case-folded', () => {
    const e = parseFtsExpression(`("社保" AND "卡") AND (("App") OR ("it's"))`);
    expect(e).not.toBe(false);
    expect(toTsquery(e as Exclude<typeof e, false>)).toBe(`(('社保' & '卡') & ('app' | ('it' & 's')))`);
    expect(parseFtsExpression('""')).toBe(false);
    expect(parseFtsExpression('("" OR "a")')).toEqual({ term: 'a' });
    expect(normaliseTokens('3.5 万元 A-b')).toEqual(['3', '5', '万元', 'a-b']);
    expect(() => parseFtsExpression('("a"')).toThrow(/无法解析/);
  });
});

const skip = postgresSkipReason();
describe.skipIf(skip)(`bm25 on PostgreSQL${skip ? ` — 跳过：${skip}` : ''}`, () => {
  // On a freshly built index. After deletes the two differ a little, and PostgreSQL is the exact
  // one: a contentless FTS5 table cannot subtract a deleted row's tokens from its total (it no
  // longer knows them), so SQLite's average document length drifts until `index --rebuild`.
  it('gives the numbers SQLite FTS5 gives for the same documents and expression', async () => {
    const docs = Array.from({ length: 40 }, (_, i) =>
      doc(`p${i}`, {
        titleTokens: i % 7 === 0 ? '社保 社保' : '其他',
        bodyTokens: ['问题', ...Array.from({ length: i % 6 }, () => '补办'), i % 9 === 0 ? '社保' : '', '很多 很多'].join(' '),
      }),
    );
    const scores = async (repo: FullTextRepo) => {
      await repo.upsert(docs);
      const all = await repo.read((r) => r.bm25('("社保") AND (("补办") OR ("问题"))', 0, 1_000_000, { title: 3, body: 1 }));
      return new Map(all);
    };
    const sqlite = await scores(openStore(':memory:').fullText);
    const pgStore = openStore('unused', { databaseUrl: await freshSchemaUrl() });
    const postgres = await scores(pgStore.fullText);
    await pgStore.close();
    expect(sqlite.size).toBe(10);
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    for (const [rowid, score] of sqlite) expect(postgres.get(rowid)).toBeCloseTo(score, 9);
  });

  it('counts the terms of an index built before migration 014 when the migration runs', async () => {
    const url = await freshSchemaUrl();
    const before = openStore('unused', { databaseUrl: url });
    await before.fullText.upsert([doc('a', { bodyTokens: '欠薪 欠薪 社保' }), doc('b', { bodyTokens: '欠薪' }), doc('c')]);
    await before.fullText.remove(['c']);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The database as it was before 014.
      await client.query(`DROP TABLE search_terms; ALTER TABLE search_meta DROP COLUMN docs; DELETE FROM schema_migrations WHERE name = '014-search-terms'`);
      await before.close();
      const after = openStore('unused', { databaseUrl: url });
      try {
        expect(await after.fullText.read((r) => ['"欠薪"', '"社保"', '"其他"', '"别的"'].map((t) => r.countMatches(t)))).toEqual([2, 1, 2, 0]);
        expect((await client.query('SELECT docs, tokens FROM search_meta')).rows).toEqual([{ docs: 2, tokens: 6 }]);
      } finally {
        await after.close();
      }
    } finally {
      await client.end();
    }
  });

  it('keeps the counts bm25 reads equal to a recount of the rows after every kind of write', async () => {
    const url = await freshSchemaUrl();
    const store = openStore('unused', { databaseUrl: url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const kept = async () => {
        const meta = (await client.query('SELECT docs, tokens FROM search_meta WHERE id = 1')).rows[0];
        const recount = (
          await client.query('SELECT COUNT(*) AS docs, COALESCE(SUM(cardinality(title_tokens) + cardinality(body_tokens)), 0) AS tokens FROM search_docs')
        ).rows[0];
        const terms = await client.query('SELECT term, docs FROM search_terms WHERE docs <> 0 ORDER BY term');
        const recounted = await client.query(
          'SELECT t AS term, COUNT(*) AS docs FROM search_docs, unnest(tsvector_to_array(terms)) AS t GROUP BY t ORDER BY t',
        );
        return { meta, recount, terms: terms.rows, recounted: recounted.rows };
      };
      const same = async () => {
        const k = await kept();
        expect(k.meta).toEqual(k.recount);
        expect(k.terms).toEqual(k.recounted);
        return k;
      };
      const repo = store.fullText;
      await repo.upsert(Array.from({ length: 12 }, (_, i) => doc(`p${i}`, { bodyTokens: `社保 ${i % 3 ? '欠薪' : '工伤 工伤'} 第${i}号` })));
      expect((await same()).terms.length).toBe(16);
      await repo.upsert([doc('p1', { titleTokens: '新的', bodyTokens: '社保' }), doc('p40', { bodyTokens: '欠薪' })]);
      await same();
      await repo.remove(['p0', 'p2', 'nothing']);
      await same();
      await repo.clear();
      expect((await same()).terms).toEqual([]);
      await repo.upsert([doc('q', { bodyTokens: '欠薪' })]);
      expect((await same()).meta).toEqual({ docs: 1, tokens: 2 });
      // Two processes indexing the same new posts at the same moment count each post once.
      const other = openStore('unused', { databaseUrl: url });
      try {
        for (let round = 0; round < 5; round++) {
          const batch = Array.from({ length: 50 }, (_, i) => doc(`r${round}-${i}`, { bodyTokens: `欠薪 第${i % 5}号` }));
          await Promise.all([repo.upsert(batch), other.fullText.upsert(batch), other.fullText.upsert(batch.slice(10)), repo.upsert(batch.slice(20))]);
        }
        await repo.remove(['q']);
        expect((await same()).meta).toEqual({ docs: 250, tokens: 750 });
      } finally {
        await other.close();
      }
    } finally {
      await client.end();
      await store.close();
    }
  });
});
