// Dates in queries and documents. Duty officers type dates (2025-06-01) meaning Beijing days; the
// index compares UTC ISO strings, so everything is converted here.
import { endOfLocalDay, fromLocalTime } from '../shared/time.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight starting YYYY-MM-DD, in ms; NaN for a day that does not exist (2025-02-30). */
function localMidnight(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== day) return NaN;
  return fromLocalTime(y, m, d).getTime();
}

/** UTC ISO of a stored timestamp; null when missing or unreadable. */
export function toUtcIso(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/**
 * A query bound as UTC ISO. A date-only `until` means the whole day (exclusive end at the next
 * midnight). Throws a Chinese message naming the field for anything unreadable.
 */
export function queryBound(value: string | undefined, field: 'since' | 'until'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const trimmed = value.trim();
  const dateOnly = DATE_ONLY.test(trimmed);
  // A date-only bound is a day on the region's clock (shared/time.ts).
  const t = dateOnly ? localMidnight(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(t)) {
    throw new RangeError(`${field === 'since' ? '起始时间' : '截止时间'}（${field}）应为日期，例如 2025-06-01，收到 “${value}”`);
  }
  return new Date(dateOnly && field === 'until' ? endOfLocalDay(new Date(t)).getTime() : t).toISOString();
}
