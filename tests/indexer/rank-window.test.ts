// The embedded index ranks only the newest matches when a query matches very many posts; the
// total still counts all of them, and a page reaching past the window ranks everything.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/sqlite/database.ts';
import { SqliteFullText } from '../../store/sqlite/full-text.ts';

describe('ranking window', () => {
  it('ranks within the newest matches but counts every match', async () => {
    const ft = new SqliteFullText(openDatabase(':memory:'), 3);
    // Oldest first, as updateIndex sends them; the oldest post matches best (word in the title).
    await ft.upsert(
      Array.from({ length: 10 }, (_, i) => ({
        id: `p${i}`,
        titleTokens: i === 0 ? '社保 社保' : '其他',
        bodyTokens: '社保 问题 很多 很多 很多',
        source: 'board',
        district: null,
        topic: null,
        sentiment: null,
        severity: null,
        publishedAt: `2025-06-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
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
