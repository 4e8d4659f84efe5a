// Words and formats the console shows staff: level and status names, dates as 2025年9月1日.
import type { Role } from '../../store/types.ts';

export { LEVEL_ORDER } from '../../shared/vocabulary.ts';
import { endOfLocalDay, localDay, localParts } from '../../shared/time.ts';

export { ACTION_LABEL, LEVEL_LABEL, levelText, STATUS_LABEL } from '../../analysis/alerts/labels.ts';

export const ROLE_LABEL: Record<Role, string> = { duty: '舆情值班', publicity: '宣传', admin: '管理员' };

/** Wall-clock parts in the region's time zone (shared/time.ts). */
function chinaParts(d: Date) {
  const p = localParts(d);
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2025年9月1日 */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '时间不详';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '时间不详';
  const p = chinaParts(d);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2025年9月1日 14:05 (北京时间) */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '时间不详';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '时间不详';
  const p = chinaParts(d);
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`;
}

/** The end of the calendar day (24:00 local time) that contains `at`. */
export const endOfChinaDay = (at: Date): Date => endOfLocalDay(at);

/** The local calendar day of `at` as YYYY-MM-DD (for per-day charts). */
export const chinaDay = (at: Date): string => localDay(at);

/** “3 小时 20 分”, “2 小时”, “1 天 4 小时”, “不到 1 分”. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '不到 1 分';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins ? `${hours} 小时 ${mins} 分` : `${hours} 小时`;
  return `${mins} 分`;
}
