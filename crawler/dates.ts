// Publication times as pages write them, turned into ISO 8601. A time without an offset on a
// local site is the region's time (config/region.yaml, through shared/time.ts), not the crawler
// machine's zone.
import { fromLocalTime, localIso } from '../shared/time.ts';

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function beijing(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  if (!valid(y, mo, d, h, mi, s)) return null;
  return localIso(fromLocalTime(y, mo, d, h, mi, s));
}

// 2025年9月1日 10:30 / 2025年09月01日10时30分 / 2025-09-01 10:30:15 / 2025/9/1 / 2025.9.1
const CHINESE_FORM =
  /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*(?:日|号)?(?:\s*(?:T\s*)?(上午|下午|晚上)?\s*(\d{1,2})\s*(?::|：|时|点)\s*(\d{1,2})(?:\s*(?::|：|分)\s*(\d{1,2})?)?\s*秒?)?/;
const FULL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * ISO 8601 with offset for a page's publication time, or null when nothing recognisable is there.
 * Accepts full ISO (kept with its own offset, normalised), RFC 822 dates of RSS feeds, Unix
 * seconds/milliseconds, and the common Chinese forms (read as Beijing time).
 */
export function parsePublishedAt(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' || /^\d{10}(\d{3})?$/.test(String(raw).trim())) {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) return null;
    return toBeijingIso(new Date(n < 1e12 ? n * 1000 : n));
  }
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (FULL_ISO.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : toBeijingIso(d);
  }
  const m = CHINESE_FORM.exec(text);
  if (m) {
    let hour = m[5] ? Number(m[5]) : 0;
    if ((m[4] === '下午' || m[4] === '晚上') && hour < 12) hour += 12;
    return beijing(Number(m[1]), Number(m[2]), Number(m[3]), hour, m[6] ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0);
  }
  // RFC 822 / RFC 1123 as RSS writes them ("Mon, 01 Sep 2025 02:30:00 GMT"): they carry a zone.
  if (/[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}/.test(text) || /\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : toBeijingIso(d);
  }
  return null;
}

/** The instant written in the region's time, so every stored date reads the way residents saw it. */
export function toBeijingIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return localIso(d);
}
