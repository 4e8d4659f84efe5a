// Calendar arithmetic on ISO dates ("2025-09-01") without time zones: the calculators reason in
// whole days and months as the law does, so a Date object's hours must never leak in.

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function parseISODate(iso: string): YMD {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y!, m: m!, d: d ?? 1 };
}

export function isValidISODate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toISO({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function toISOMonth({ y, m }: { y: number; m: number }): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Adds months, clamping the day to the month's end (1月31日 + 1个月 = 2月28/29日). */
export function addMonths(date: YMD, months: number): YMD {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

export function compareYMD(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** Whole years, then whole months, then days from start to end (end not counted). */
export function elapsed(start: YMD, end: YMD): { years: number; months: number; days: number } {
  let totalMonths = (end.y - start.y) * 12 + (end.m - start.m);
  if (compareYMD(addMonths(start, totalMonths), end) > 0) totalMonths -= 1;
  const anchor = addMonths(start, totalMonths);
  const days = Math.round((Date.UTC(end.y, end.m - 1, end.d) - Date.UTC(anchor.y, anchor.m - 1, anchor.d)) / 86_400_000);
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12, days };
}

/** Months from one calendar month to another (1965-01 → 1965-05 is 4). */
export function monthsBetween(from: { y: number; m: number }, to: { y: number; m: number }): number {
  return (to.y - from.y) * 12 + (to.m - from.m);
}

/** The next or previous calendar day(s): 2024-12-31 + 1 = 2025-01-01. */
export function addDays(date: YMD, days: number): YMD {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
