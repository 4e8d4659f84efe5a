// The embedded engine over its FTS5 storage: the ranking window, in-memory filters and facets, and a search
// process seeing what another process (the pipeline) wrote to the index.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../store/sqlite/database.ts';
import { SqliteFullText } from '../../store/sqlite/full-text.ts';
import type { FullTextDocument } from '../../store/full-text.ts';
import { FullTextEngine } from '../../indexer/full-text-engine.ts';

/** The store's rows (SqliteFullText) with the indexer's engine searching them. */
function fullText(db: Db, options: { rankWindow?: number; commonMin?: number } = {}) {
  const repo = new SqliteFullText(db);
  const engine = new FullTextEngine(repo, options);
  return { upsert: repo.upsert.bind(repo), remove: repo.remove.bind(repo), search: engine.search.bind(engine) };
}

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

describe('ranking window', () => {
  it('ranks within the newest matches but counts every match', async () => {
    const ft = fullText(openDatabase(':memory:'), { rankWindow: 3 });
    // Oldest first, as updateIndex sends them; the oldest post matches best (word in the title).
    // Posts 10–29 do not match; the newest three matches are p7–p9.
    await ft.upsert(
      Array.from({ length: 30 }, (_, i) =>
        doc(`p${i}`, {
          titleTokens: i === 0 ? '社保 社保' : '其他',
          // Only the first ten mention 社保 (a word in every post would carry no weight in bm25).
          bodyTokens: i < 10 ? '社保 问题 很多 很多 很多' : '别的 事情',
          publishedAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString(),
        }),
      ),
    );
    const windowed = await ft.search({ ...base, match: '"社保"', limit: 3 });
    expect(windowed.total).toBe(10);
    expect(windowed.hits.map((h) => h.id).sort()).toEqual(['p7', 'p8', 'p9']);
    // A page reaching past the window ranks all matches: the best (oldest) post comes first.
    const deep = await ft.search({ ...base, match: '"社保"', limit: 5 });
    expect(deep.hits[0]!.id).toBe('p0');
  });

  it('ranks the newest matches that pass the filters, not the newest matches overall', async () => {
    const ft = fullText(openDatabase(':memory:'), { rankWindow: 2 });
    await ft.upsert(
      Array.from({ length: 12 }, (_, i) =>
        doc(`p${i}`, {
          bodyTokens: '欠薪 工地',
          district: i % 3 === 0 ? '渠县' : '通川区',
          publishedAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString(),
        }),
      ),
    );
    const r = await ft.search({ ...base, match: '"欠薪"', filters: { district: ['渠县'] }, limit: 2 });
    expect(r.total).toBe(4);
    expect(r.hits.map((h) => h.id).sort()).toEqual(['p6', 'p9']);
  });
});

describe('ranking', () => {
  it('ranks the same when a word found in most posts is left out of bm25', async () => {
    const ft = fullText(openDatabase(':memory:'), { commonMin: 0 });
    await ft.upsert(
      Array.from({ length: 40 }, (_, i) =>
        doc(`p${i}`, {
          // 镇 is in every post; 社保 and 补办 in a few, some several times, at several lengths.
          titleTokens: `镇 ${i % 7 === 0 ? '社保' : '其他'}`,
          bodyTokens: ['镇', ...Array.from({ length: i % 5 === 0 ? 1 + (i % 4) : 0 }, () => '补办'), ...Array.from({ length: i % 3 }, () => '问题')].join(' '),
          publishedAt: new Date(Date.UTC(2025, 5, 1, i)).toISOString(),
        }),
      ),
    );
    const query = { ...base, match: '"镇" AND ("社保" OR "补办")', limit: 40 };
    const full = await ft.search(query);
    const selective = await ft.search({ ...query, words: [[['"镇"']], [['"社保"'], ['"补办"']]] });
    expect(full.total).toBe(12);
    expect(selective.hits.map((h) => h.id)).toEqual(full.hits.map((h) => h.id));
    expect(selective.hits[0]!.id).toBe(full.hits[0]!.id);
  });
});

describe('filters and facets', () => {
  it('treats a missing value as matching no filter, leaves it out of facets, and counts all matches', async () => {
    const ft = fullText(openDatabase(':memory:'));
    await ft.upsert([
      doc('a', { bodyTokens: '社保', district: '渠县', severity: 2, sentiment: 'negative', publishedAt: '2025-06-01T00:00:00.000Z' }),
      doc('b', { bodyTokens: '社保', district: '渠县', severity: 0, sentiment: 'neutral', publishedAt: '2025-06-03T00:00:00.000Z' }),
      doc('c', { bodyTokens: '社保', district: '达川区', severity: null, publishedAt: null }),
      doc('d', { bodyTokens: '别的' }),
    ]);
    const all = await ft.search({ ...base, match: '"社保"', facets: ['district', 'severity', 'sentiment'] });
    expect(all.total).toBe(3);
    expect(all.facets).toEqual({ district: { 渠县: 2, 达川区: 1 }, severity: { '0': 1, '2': 1 }, sentiment: { negative: 1, neutral: 1 } });
    expect((await ft.search({ ...base, match: '"社保"', filters: { severityAtLeast: 0 } })).total).toBe(2);
    expect((await ft.search({ ...base, match: '"社保"', filters: { since: '2025-06-02T00:00:00.000Z' } })).hits.map((h) => h.id)).toEqual(['b']);
    expect((await ft.search({ ...base, match: '', filters: { until: '2025-06-02T00:00:00.000Z' } })).hits.map((h) => h.id)).toEqual(['a']);
    expect((await ft.search({ ...base, match: '"社保"', filters: { district: ['没有这个县'] } })).total).toBe(0);
    // Listing without words: newest first, undated last.
    expect((await ft.search({ ...base, match: '' })).hits.map((h) => h.id)).toEqual(['b', 'a', 'd', 'c']);
  });
});

describe('two processes on one database', () => {
  let dir: string | undefined;
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a searching connection sees what another connection indexed, changed and removed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsheng-fulltext-'));
    const file = join(dir, 'minsheng.sqlite');
    const writerDb = openDatabase(file);
    const readerDb = openDatabase(file);
    dbs.push(writerDb, readerDb);
    const writer = fullText(writerDb);
    const reader = fullText(readerDb);
    await writer.upsert([doc('a', { bodyTokens: '欠薪', sentiment: 'neutral' }), doc('b', { bodyTokens: '欠薪', sentiment: 'neutral' })]);
    const negative = { ...base, match: '"欠薪"', filters: { sentiment: ['negative'] } };
    expect((await reader.search(negative)).total).toBe(0);
    await writer.upsert([doc('a', { bodyTokens: '欠薪', sentiment: 'negative' })]);
    expect((await reader.search(negative)).hits.map((h) => h.id)).toEqual(['a']);
    await writer.remove(['a']);
    expect((await reader.search(negative)).total).toBe(0);
    expect((await reader.search({ ...base, match: '"欠薪"' })).hits.map((h) => h.id)).toEqual(['b']);
  });
});
