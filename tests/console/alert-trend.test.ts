import { describe, expect, it } from 'vitest';
import type { Post, Score } from '../../store/types.ts';
import { alertTrend, MAX_BUCKETS } from '../../site/server/alert-trend.ts';

const post = (id: string, publishedAt: string): Post => ({ id, publishedAt, fetchedAt: publishedAt }) as Post;
const negative = (postId: string) => [postId, { postId, sentiment: 'negative' } as Score] as const;

describe("an alert's trend", () => {
  it('counts posts per Beijing hour, negative apart, with empty hours filled', () => {
    const posts = [post('a', '2025-09-01T01:10:00Z'), post('b', '2025-09-01T01:50:00Z'), post('c', '2025-09-01T04:05:00Z')];
    const t = alertTrend(posts, new Map([negative('a'), negative('c')]));
    expect(t.unit).toBe('hour');
    expect(t.labels).toEqual(['9月1日 9时', '9月1日 10时', '9月1日 11时', '9月1日 12时']);
    expect(t.negative).toEqual([1, 0, 0, 1]);
    expect(t.other).toEqual([1, 0, 0, 0]);
  });

  it('switches to Beijing days when the alert spans more than three days', () => {
    const posts = [post('a', '2025-09-01T15:30:00Z'), post('b', '2025-09-01T16:30:00Z'), post('c', '2025-09-05T02:00:00Z')];
    const t = alertTrend(posts, new Map());
    expect(t.unit).toBe('day');
    expect(t.labels).toEqual(['9月1日', '9月2日', '9月3日', '9月4日', '9月5日']); // 16:30 UTC is already the 2nd in Beijing
    expect(t.other).toEqual([1, 1, 0, 0, 1]);
  });

  it('keeps only the newest buckets of a long alert, and is empty without posts', () => {
    const t = alertTrend([post('a', '2025-01-01T00:00:00Z'), post('b', '2025-12-31T00:00:00Z')], new Map());
    expect(t.labels).toHaveLength(MAX_BUCKETS);
    expect(t.labels.at(-1)).toBe('12月31日');
    expect(t.dropped).toBeGreaterThan(0);
    expect(alertTrend([], new Map()).labels).toEqual([]);
  });
});
