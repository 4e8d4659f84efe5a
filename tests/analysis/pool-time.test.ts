// The real pool's times (analysis/corpus/real/pool-time.ts) are the board's wall clock, read in the
// region's time zone: the same instants the scripts used to get by subtracting eight hours by hand,
// and other instants when the region is elsewhere.
import { describe, expect, it } from 'vitest';
import { poolTime } from '../../analysis/corpus/real/pool-time.ts';

describe('pool times', () => {
  it('reads written dates and Excel day numbers as the region’s wall clock', () => {
    expect(poolTime('2019/8/23 10:23:23')?.toISOString()).toBe('2019-08-23T02:23:23.000Z');
    expect(poolTime('2019/8/23 9:05')?.toISOString()).toBe('2019-08-23T01:05:00.000Z');
    // 43700 days after 1899-12-30 is 2019-08-23; the fraction is 10:23:23 (a float, rounded to the second).
    expect(poolTime('43700.432905092603')?.toISOString()).toBe('2019-08-23T02:23:23.000Z');
    expect(poolTime(43701)?.toISOString()).toBe('2019-08-23T16:00:00.000Z');
    // A date without a time is noon.
    expect(poolTime('2019/8/23')?.toISOString()).toBe('2019-08-23T04:00:00.000Z');
  });

  it('follows the time zone it is given, daylight saving included', () => {
    expect(poolTime('2019/8/23 10:23:23', 'Europe/Berlin')?.toISOString()).toBe('2019-08-23T08:23:23.000Z');
    expect(poolTime('2019/12/23 10:23:23', 'Europe/Berlin')?.toISOString()).toBe('2019-12-23T09:23:23.000Z');
  });

  it('answers null for a time in neither form', () => {
    expect(poolTime('昨天')).toBeNull();
    expect(poolTime('')).toBeNull();
  });
});
