// The clock on every alert: what the level requires by when (national 政务舆情 rules, see
// reference/monitoring.md §3), whether it was met, and the response-time report built from the
// same rules. Pure functions: the alert, its events and "now" in, the verdict out. The console
// puts the verdict into words (site/server/deadline.ts).
import type { Alert, AlertAction, AlertEvent, AlertLevel } from '../../store/types.ts';
import { endOfLocalDay, regionTimeZone } from '../../shared/time.ts';
import { LEVEL_ORDER } from '../../shared/vocabulary.ts';

/** The end (24:00) of the calendar day in `timeZone` (the region's, config/region.yaml) that contains `at`. */
export function endOfDayIn(at: Date, timeZone = regionTimeZone()): Date {
  return endOfLocalDay(at, timeZone);
}

const HOUR = 3600_000;

interface MilestoneRule {
  label: string;
  deadline(start: Date): Date;
  /** When the events (after the clock started, oldest first) show the milestone met, else null. */
  metAt(events: AlertEvent[]): Date | null;
}

const HANDLED: AlertAction[] = ['acknowledged', 'assigned', 'in_progress', 'responded', 'closed'];
const RESPONDED: AlertAction[] = ['responded', 'closed'];

const firstOf = (actions: AlertAction[]) => (events: AlertEvent[]) => {
  const e = events.find((ev) => actions.includes(ev.action));
  return e ? new Date(e.at) : null;
};

/** Red's press conference: recorded as a second 已回应, or the alert closed. */
const secondResponseOrClose = (events: AlertEvent[]) => {
  const responses = events.filter((e) => e.action === 'responded');
  const closed = events.find((e) => e.action === 'closed');
  const candidates = [responses[1], closed].filter((e): e is AlertEvent => Boolean(e)).map((e) => new Date(e.at).getTime());
  return candidates.length ? new Date(Math.min(...candidates)) : null;
};

export const LEVEL_RULES: Record<AlertLevel, { summary: string; milestones: MilestoneRule[] }> = {
  blue: {
    summary: '纳入每日汇总，24 小时内查看处理',
    milestones: [{ label: '纳入每日汇总', deadline: (s) => new Date(s.getTime() + 24 * HOUR), metAt: firstOf(HANDLED) }],
  },
  yellow: {
    summary: '当日处置（北京时间当天 24 时前回应或办结）',
    milestones: [{ label: '当日处置', deadline: (s) => endOfDayIn(s), metAt: firstOf(RESPONDED) }],
  },
  orange: {
    summary: '立即推送并报告领导，48 小时内公开回应',
    milestones: [{ label: '公开回应', deadline: (s) => new Date(s.getTime() + 48 * HOUR), metAt: firstOf(RESPONDED) }],
  },
  red: {
    summary: '立即报告，5 小时内发布权威信息，24 小时内召开新闻发布会',
    milestones: [
      { label: '发布权威信息', deadline: (s) => new Date(s.getTime() + 5 * HOUR), metAt: firstOf(RESPONDED) },
      { label: '召开新闻发布会', deadline: (s) => new Date(s.getTime() + 24 * HOUR), metAt: secondResponseOrClose },
    ],
  },
};

/**
 * The clock runs from when the alert reached its current level: raised, escalated (levels only
 * rise, so the last escalation is to the current level) or reopened.
 */
export function clockStart(alert: Alert, events: AlertEvent[]): Date {
  let start = new Date(alert.createdAt);
  for (const e of events) {
    if ((e.action === 'escalated' || e.action === 'reopened') && new Date(e.at) > start) start = new Date(e.at);
  }
  return start;
}

export interface MilestoneState {
  label: string;
  deadline: Date;
  metAt: Date | null;
  /** Met after the deadline, or not met and the deadline has passed. */
  late: boolean;
}

export type ClockState = 'running' | 'overdue' | 'done' | 'done_late' | 'stopped';

export interface AlertClock {
  start: Date;
  summary: string;
  milestones: MilestoneState[];
  /** The first milestone not yet met, if any. */
  current: MilestoneState | null;
  state: ClockState;
  /** Time to the current milestone's deadline (negative once overdue); null when none is running. */
  remainingMs: number | null;
}

export function alertClock(alert: Alert, events: AlertEvent[], now: Date): AlertClock {
  const rule = LEVEL_RULES[alert.level];
  const start = clockStart(alert, events);
  const after = events.filter((e) => new Date(e.at) >= start).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  const milestones = rule.milestones.map((m): MilestoneState => {
    const deadline = m.deadline(start);
    const metAt = m.metAt(after);
    return { label: m.label, deadline, metAt, late: metAt ? metAt > deadline : now > deadline };
  });
  const current = milestones.find((m) => !m.metAt) ?? null;
  const base = { start, summary: rule.summary, milestones, current };
  if (alert.status === 'false_positive') return { ...base, current: null, state: 'stopped', remainingMs: null };
  if (!current) {
    const late = milestones.some((m) => m.late);
    return { ...base, state: late ? 'done_late' : 'done', remainingMs: null };
  }
  const left = current.deadline.getTime() - now.getTime();
  return { ...base, state: left >= 0 ? 'running' : 'overdue', remainingMs: left };
}

/** Nearest-rank percentile of sorted numbers; null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export interface LevelResponseStats {
  level: AlertLevel;
  alerts: number;
  acknowledged: number;
  ackMedianMs: number | null;
  ackP95Ms: number | null;
  responded: number;
  respondMedianMs: number | null;
  respondP95Ms: number | null;
  /** Alerts with a milestone met late or still open past its deadline (false positives excluded). */
  exceeded: number;
  falsePositives: number;
}

/** Per level: time from the clock start to first acknowledgement and to response/close, and deadline misses. */
export function responseReport(items: { alert: Alert; events: AlertEvent[] }[], now: Date): LevelResponseStats[] {
  return LEVEL_ORDER.map((level) => {
    const ack: number[] = [];
    const respond: number[] = [];
    let exceeded = 0;
    let falsePositives = 0;
    const ofLevel = items.filter((i) => i.alert.level === level);
    for (const { alert, events } of ofLevel) {
      const clock = alertClock(alert, events, now);
      if (clock.state === 'stopped') {
        falsePositives++;
        continue;
      }
      const after = events.filter((e) => new Date(e.at) >= clock.start);
      const ackAt = firstOf(HANDLED)(after);
      const respondedAt = firstOf(RESPONDED)(after);
      if (ackAt) ack.push(ackAt.getTime() - clock.start.getTime());
      if (respondedAt) respond.push(respondedAt.getTime() - clock.start.getTime());
      if (clock.milestones.some((m) => m.late)) exceeded++;
    }
    ack.sort((a, b) => a - b);
    respond.sort((a, b) => a - b);
    return {
      level,
      alerts: ofLevel.length,
      acknowledged: ack.length,
      ackMedianMs: percentile(ack, 50),
      ackP95Ms: percentile(ack, 95),
      responded: respond.length,
      respondMedianMs: percentile(respond, 50),
      respondP95Ms: percentile(respond, 95),
      exceeded,
      falsePositives,
    };
  });
}

/** One alert's line in the response-time report: when its clock started, was handled, and each deadline. */
export interface AlertResponseRecord {
  alert: Alert;
  start: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  milestones: MilestoneState[];
  clock: AlertClock;
  late: boolean;
}

export function responseRecord(alert: Alert, events: AlertEvent[], now: Date): AlertResponseRecord {
  const clock = alertClock(alert, events, now);
  const after = events.filter((e) => new Date(e.at) >= clock.start).sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return {
    alert,
    start: clock.start,
    acknowledgedAt: firstOf(HANDLED)(after),
    respondedAt: firstOf(RESPONDED)(after),
    milestones: clock.milestones,
    clock,
    late: clock.state !== 'stopped' && clock.milestones.some((m) => m.late),
  };
}
