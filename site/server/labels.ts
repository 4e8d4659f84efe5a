// Words and formats the console shows staff: level and status names, dates as 2025年9月1日.
import type { AlertLevel, Role } from '../../store/types.ts';

export const LEVEL_ORDER: readonly AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];

export { ACTION_LABEL, LEVEL_LABEL, levelText, STATUS_LABEL } from '../../analysis/alerts/labels.ts';

export const ROLE_LABEL: Record<Role, string> = { duty: '舆情值班', publicity: '宣传', admin: '管理员' };

/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600_000;

function chinaParts(d: Date) {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  return { y: c.getUTCFullYear(), m: c.getUTCMonth() + 1, d: c.getUTCDate(), h: c.getUTCHours(), min: c.getUTCMinutes() };
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

/** The end of the calendar day (24:00 Beijing time) that contains `at`. */
export function endOfChinaDay(at: Date): Date {
  const shifted = at.getTime() + CHINA_OFFSET_MS;
  const dayStart = shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000);
  return new Date(dayStart + 86_400_000 - CHINA_OFFSET_MS);
}

/** The Beijing calendar day of `at` as YYYY-MM-DD (for per-day charts). */
export function chinaDay(at: Date): string {
  const p = chinaParts(at);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

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
