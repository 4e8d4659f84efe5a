// The alert clock in the console's words. The rules and the verdict are in
// analysis/alerts/deadline.ts; this adds “剩 3 小时 20 分”, “已超时 2 小时”, “已按时完成”….
import type { Alert, AlertEvent } from '../../store/types.ts';
import {
  alertClock as verdict,
  responseRecord as record,
  type AlertClock as Verdict,
  type AlertResponseRecord as Record_,
} from '../../analysis/alerts/deadline.ts';
import { formatDuration } from './labels.ts';

export { clockStart, LEVEL_RULES, percentile, responseReport } from '../../analysis/alerts/deadline.ts';
export type { ClockState, LevelResponseStats, MilestoneState } from '../../analysis/alerts/deadline.ts';

export interface AlertClock extends Verdict {
  text: string;
}

export interface AlertResponseRecord extends Record_ {
  /** Clock text as the console shows it (“已按时完成”, “已超时 2 小时”, “误报，不计时”…). */
  clockText: string;
}

export function clockText(c: Verdict): string {
  switch (c.state) {
    case 'stopped':
      return '误报，不计时';
    case 'done':
      return '已按时完成';
    case 'done_late':
      return '超时完成';
    case 'running':
      return `剩 ${formatDuration(c.remainingMs ?? 0)}`;
    case 'overdue':
      return `已超时 ${formatDuration(c.remainingMs ?? 0)}`;
  }
}

export function alertClock(alert: Alert, events: AlertEvent[], now: Date): AlertClock {
  const c = verdict(alert, events, now);
  return { ...c, text: clockText(c) };
}

export function responseRecord(alert: Alert, events: AlertEvent[], now: Date): AlertResponseRecord {
  const r = record(alert, events, now);
  return { ...r, clockText: clockText(r.clock) };
}
