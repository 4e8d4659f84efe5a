import { describe, expect, it } from 'vitest';
import type { Alert, Post, Score } from '../../store/types.ts';
import { reportDay, shiftDay, splitAlerts, summarisePosts } from '../../site/server/daily-report.ts';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a',
  ruleKey: 'k',
  level: 'blue',
  status: 'new',
  title: 't',
  reasons: [],
  postIds: [],
  sources: [],
  firstSeen: '2025-09-01T00:00:00Z',
  lastSeen: '2025-09-01T00:00:00Z',
  assignee: null,
  createdAt: '2025-09-01T00:00:00Z',
  updatedAt: '2025-09-01T00:00:00Z',
  ...over,
});
const post = (id: string, district: string | null): Post =>
  ({
    id,
    source: 's',
    url: `http://x/${id}`,
    canonicalUrl: `http://x/${id}`,
    contentHash: id,
    title: '',
    body: '',
    author: null,
    publishedAt: null,
    fetchedAt: '2025-09-01T00:00:00Z',
    district,
  }) as Post;
const score = (postId: string, sentiment: Score['sentiment'], topic: string): Score =>
  ({ postId, sentiment, negative: 0, severity: 0, topic, reasons: [], model: 'm', scoredAt: '2025-09-01T00:00:00Z' }) as Score;

describe('the day a daily report covers', () => {
  it('is the Beijing calendar day: 16:00 UTC starts the next day', () => {
    const { day, invalid } = reportDay(null, new Date('2025-09-01T16:30:00Z'));
    expect(invalid).toBe(false);
    expect(day.day).toBe('2025-09-02');
    expect(day.start.toISOString()).toBe('2025-09-01T16:00:00.000Z');
    expect(day.end.toISOString()).toBe('2025-09-02T16:00:00.000Z');
  });

  it('falls back to today for dates that do not exist, and says so', () => {
    const now = new Date('2025-03-10T04:00:00Z');
    expect(reportDay('2025-02-30', now)).toMatchObject({ invalid: true, day: { day: '2025-03-10' } });
    expect(reportDay('昨天', now)).toMatchObject({ invalid: true, day: { day: '2025-03-10' } });
    expect(reportDay('2024-02-29', now)).toMatchObject({ invalid: false, day: { day: '2024-02-29' } });
    expect(shiftDay('2025-03-01', -1)).toBe('2025-02-28');
  });
});

describe('what goes in the report', () => {
  const { day } = reportDay('2025-09-02', new Date());
  it('lists alerts raised that Beijing day, and older ones only while still open, worst first', () => {
    const { raised, stillOpen } = splitAlerts(
      [
        alert({ id: 'late-evening', createdAt: '2025-09-02T15:59:00Z' }), // 23:59 on the 2nd
        alert({ id: 'next-day', createdAt: '2025-09-02T16:00:00Z' }),
        alert({ id: 'red-today', level: 'red', createdAt: '2025-09-02T01:00:00Z' }),
        alert({ id: 'old-open', status: 'in_progress', createdAt: '2025-08-30T01:00:00Z' }),
        alert({ id: 'old-closed', status: 'closed', createdAt: '2025-08-30T01:00:00Z' }),
      ],
      day,
    );
    expect(raised.map((a) => a.id)).toEqual(['red-today', 'late-evening']);
    expect(stillOpen.map((a) => a.id)).toEqual(['old-open']);
  });

  it('ranks topics and districts and gives the negative share of scored posts', () => {
    const posts = [post('1', '达川区'), post('2', '达川区'), post('3', '通川区'), post('4', null)];
    const scores = new Map([
      ['1', score('1', 'negative', '劳动关系')],
      ['2', score('2', 'negative', '劳动关系')],
      ['3', score('3', 'neutral', '社会保险')],
    ]);
    const s = summarisePosts(posts, scores);
    expect(s).toMatchObject({ total: 4, scored: 3, negative: 2 });
    expect(s.negativeShare).toBeCloseTo(2 / 3);
    expect(s.topTopics).toEqual([
      { key: '劳动关系', count: 2 },
      { key: '社会保险', count: 1 },
    ]);
    expect(s.topDistricts[0]).toEqual({ key: '达川区', count: 2 });
    expect(s.topDistricts).toContainEqual({ key: '未识别区县', count: 1 });
    expect(summarisePosts([], new Map()).negativeShare).toBeNull();
  });
});
