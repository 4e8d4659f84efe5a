// Dates in queries and documents. Duty officers type dates (2025-06-01) meaning Beijing days; the
// index compares UTC ISO strings, so everything is converted here.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The region's clock for date-only input (China Standard Time, no daylight saving). */
const LOCAL_OFFSET = '+08:00';

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
  const t = Date.parse(dateOnly ? `${trimmed}T00:00:00${LOCAL_OFFSET}` : trimmed);
  if (!Number.isFinite(t)) {
    throw new RangeError(`${field === 'since' ? '起始时间' : '截止时间'}（${field}）应为日期，例如 2025-06-01，收到 “${value}”`);
  }
  return new Date(dateOnly && field === 'until' ? t + 86_400_000 : t).toISOString();
}
