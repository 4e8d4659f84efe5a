// The one clock: every conversion between an instant and the region's calendar goes through here,
// with the time zone from config/region.yaml (`timeZone`, an IANA name). Nothing else writes an
// offset such as +08:00 by hand: a city in another zone (or one with daylight saving) is configuration.
import { loadRegion } from '../config/region.ts';

let cachedZone: string | undefined;
/** The region's IANA time zone, read once from config/region.yaml. */
export function regionTimeZone(): string {
  return (cachedZone ??= loadRegion().timeZone);
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in the region at `at`. */
export function localParts(at: Date, timeZone = regionTimeZone()): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Minutes the region's clock is ahead of UTC at `at` (480 for China). */
export function utcOffsetMinutes(at: Date, timeZone = regionTimeZone()): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** `+08:00` for 480 minutes. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant at which the region's wall clock shows the given time (months 1–12). */
export function fromLocalTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, timeZone = regionTimeZone()): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Guess with the offset at the wall time read as UTC, then correct once for a change in between.
  let at = wall - utcOffsetMinutes(new Date(wall), timeZone) * 60_000;
  at = wall - utcOffsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}

/** ISO 8601 with the region's offset, e.g. 2025-09-01T10:30:00+08:00 (how posts' times are stored). */
export function localIso(at: Date, timeZone = regionTimeZone()): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offsetText(utcOffsetMinutes(at, timeZone))}`;
}

/** The region's calendar day of `at` as YYYY-MM-DD. */
export function localDay(at: Date, timeZone = regionTimeZone()): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Midnight at the start of the region's calendar day that contains `at`. */
export function startOfLocalDay(at: Date, timeZone = regionTimeZone()): Date {
  const p = localParts(at, timeZone);
  return fromLocalTime(p.year, p.month, p.day, 0, 0, 0, timeZone);
}

/** The end of the region's calendar day (24:00) that contains `at`. */
export function endOfLocalDay(at: Date, timeZone = regionTimeZone()): Date {
  const p = localParts(at, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return fromLocalTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, timeZone);
}
