// The one clock (shared/time.ts): the region's zone from config/region.yaml, and conversions that
// stay right for a city in another zone or with daylight saving.
import { describe, expect, it } from 'vitest';
import { endOfLocalDay, fromLocalTime, localDay, localIso, regionTimeZone, startOfLocalDay, utcOffsetMinutes } from '../../shared/time.ts';
import { ALERT_LEVELS, LEVEL_ORDER, levelRank, OPEN_STATUSES, SENTIMENT_LABEL, SENTIMENTS } from '../../shared/vocabulary.ts';
import { regionSchema } from '../../config/region.ts';

describe('the region clock', () => {
  it('comes from config/region.yaml and writes times the way residents read them', () => {
    expect(regionTimeZone()).toBe('Asia/Shanghai');
    const at = new Date('2025-09-01T02:30:00Z');
    expect(localIso(at)).toBe('2025-09-01T10:30:00+08:00');
    expect(utcOffsetMinutes(at)).toBe(480);
    expect(fromLocalTime(2025, 9, 1, 10, 30).toISOString()).toBe('2025-09-01T02:30:00.000Z');
  });

  it('puts an instant just after local midnight on the new local day, not the UTC one', () => {
    const justAfter = new Date('2025-08-31T16:05:00Z'); // 00:05 on 1 September in 达州
    expect(localDay(justAfter)).toBe('2025-09-01');
    expect(startOfLocalDay(justAfter).toISOString()).toBe('2025-08-31T16:00:00.000Z');
    expect(endOfLocalDay(justAfter).toISOString()).toBe('2025-09-01T16:00:00.000Z');
  });

  it('works for another zone, including a 23-hour day when the clocks go forward', () => {
    const ny = 'America/New_York';
    expect(localIso(new Date('2025-01-15T17:00:00Z'), ny)).toBe('2025-01-15T12:00:00-05:00');
    expect(localIso(new Date('2025-07-15T16:00:00Z'), ny)).toBe('2025-07-15T12:00:00-04:00');
    const springForward = new Date('2025-03-09T12:00:00Z');
    expect(endOfLocalDay(springForward, ny).getTime() - startOfLocalDay(springForward, ny).getTime()).toBe(23 * 3600_000);
    expect(localIso(new Date('2025-09-01T02:30:00Z'), 'Asia/Kolkata')).toBe('2025-09-01T08:00:00+05:30');
  });

  it('refuses a time zone that does not exist, in Chinese', () => {
    const base = { city: '某市', province: '某省', bureau: '某市人社局', districts: [{ name: '甲区' }] };
    expect(regionSchema.safeParse({ ...base, timeZone: 'Asia/Dazhou' }).error?.issues[0]?.message).toBe('不是有效的时区名称，例如 Asia/Shanghai');
    expect(regionSchema.parse(base).timeZone).toBe('Asia/Shanghai');
  });
});

describe('the shared vocabulary', () => {
  it('orders levels once: blue lowest, red highest, lists most serious first', () => {
    expect(ALERT_LEVELS.map(levelRank)).toEqual([0, 1, 2, 3]);
    expect(LEVEL_ORDER).toEqual(['red', 'orange', 'yellow', 'blue']);
    expect(levelRank('orange')).toBeGreaterThan(levelRank('yellow'));
  });

  it('counts every status as open until it is closed or a false positive, and names every sentiment', () => {
    expect(OPEN_STATUSES).toEqual(['new', 'acknowledged', 'assigned', 'in_progress', 'responded']);
    expect(SENTIMENTS.map((s) => SENTIMENT_LABEL[s])).toEqual(['负面', '中性', '正面']);
  });
});
