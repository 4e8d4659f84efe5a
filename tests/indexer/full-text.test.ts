// The embedded index ranks only the newest matches when a query matches very many posts; the
// total still counts all of them, and a page reaching past the window ranks everything.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/sqlite/database.ts';
import { SqliteFullText } from '../../store/sqlite/full-text.ts';

describe('ranking window', () => {
  it('ranks within the newest matches but counts every match', async () => {
    const ft = new SqliteFullText(openDatabase(':memory:'), 3);
    // Oldest first, as updateIndex sends them; the oldest post matches best (word in the title).
    // Posts 10–29 do not match; the newest three matches are p7–p9.
    await ft.upsert(
      Array.from({ length: 30 }, (_, i) => ({
        id: `p${i}`,
        titleTokens: i === 0 ? '社保 社保' : '其他',
        // Only the first ten mention 社保 (a word in every post would carry no weight in bm25).
        bodyTokens: i < 10 ? '社保 问题 很多 很多 很多' : '别的 事情',
        source: 'board',
        district: null,
        topic: null,
        sentiment: null,
        severity: null,
        publishedAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString(),
        clusterId: null,
        clusterSize: 1,
      })),
    );
    const base = { match: '"社保"', filters: {}, facets: [] as never[] };
    const windowed = await ft.search({ ...base, limit: 3, offset: 0 });
    expect(windowed.total).toBe(10);
    expect(windowed.hits.map((h) => h.id).sort()).toEqual(['p7', 'p8', 'p9']);
    // A page reaching past the window ranks all matches: the best (oldest) post comes first.
    const deep = await ft.search({ ...base, limit: 5, offset: 0 });
    expect(deep.hits[0]!.id).toBe('p0');
  });
});
