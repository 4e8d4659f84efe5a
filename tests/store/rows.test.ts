// The rule for storing a post again (store/rows.ts postEditStatements), which SQLite's upsert and
// PostgreSQL's upsert and batch upsert all follow: an edit rewrites the text and drops the score;
// the same text, or a text another post holds, writes nothing.
import { describe, expect, it } from 'vitest';
import { postEditStatements } from '../../store/rows.ts';
import type { PostInput } from '../../store/types.ts';

const NOW = '2026-12-06T06:00:00.000Z';
const input: PostInput = {
  source: 'board',
  url: 'http://127.0.0.1/t/1',
  canonicalUrl: 'http://127.0.0.1/t/1',
  contentHash: 'new',
  title: '标题',
  body: '已解决',
  author: null,
  publishedAt: '2026-12-01T10:00:00+08:00',
  fetchedAt: '2026-12-06T05:00:00Z',
  district: null,
};

describe('storing a stored post again', () => {
  it('rewrites an edited post (a new hash nobody holds) and drops its score', () => {
    const st = postEditStatements({ id: 'p1', contentHash: 'old' }, input, null, NOW);
    expect(st?.map((s) => s.sql.split(' ').slice(0, 3).join(' '))).toEqual(['UPDATE posts SET', 'DELETE FROM scores']);
    expect(st?.[0]!.params).toEqual(['标题', '已解决', null, '2026-12-01T10:00:00+08:00', 'new', '2026-12-06T05:00:00Z', NOW, 'p1']);
    expect(st?.[1]!.params).toEqual(['p1']);
  });

  it('writes nothing for the same text or a text another post holds', () => {
    expect(postEditStatements({ id: 'p1', contentHash: 'new' }, input, 'p1', NOW)).toBeNull();
    expect(postEditStatements({ id: 'p1', contentHash: 'old' }, input, 'p2', NOW)).toBeNull();
  });
});
