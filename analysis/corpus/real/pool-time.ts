// When a message of the real pool was posted. The pool writes the board's wall clock either as an
// Excel day number (43700.4329…) or as 2019/8/23 10:23:23; both are read in the region's time zone
// through shared/time.ts, so no script here carries its own UTC offset.
import { fromLocalTime, regionTimeZone } from '../../../shared/time.ts';

const DAY_SECONDS = 86_400;
/** Excel's day 0 (its day numbers count from 1899-12-30). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The instant of a pool time, or null when it reads as neither form. A date without a time is noon. */
export function poolTime(value: string | number, timeZone = regionTimeZone()): Date | null {
  const s = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(s)) {
    // Whole seconds: the day fraction is a float, and the board recorded seconds.
    const wall = new Date(EXCEL_EPOCH + Math.round(Number(s) * DAY_SECONDS) * 1000);
    return fromLocalTime(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      timeZone,
    );
  }
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  return fromLocalTime(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 12), +(m[5] ?? 0), +(m[6] ?? 0), timeZone);
}
