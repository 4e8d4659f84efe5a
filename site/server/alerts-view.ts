// Alerts as the console and API present them: filtered, ordered (open before ended, then by
// level, then most recent), each with its deadline clock.
import { ALERT_LEVELS, type Alert, type AlertEvent, type AlertLevel, type AlertStatus, type Post, type Score, type Store } from '../../store/index.ts';
import { alertClock, type AlertClock } from './deadline.ts';
import { alertToJson } from '../../analysis/alerts/json.ts';
import { LEVEL_ORDER, STATUS_LABEL } from './labels.ts';
import { OPEN_STATUSES } from '../../shared/vocabulary.ts';
import { fromLocalTime } from '../../shared/time.ts';

export const ALL_STATUSES = Object.keys(STATUS_LABEL) as AlertStatus[];
export { OPEN_STATUSES };

export interface AlertFilter {
  levels: AlertLevel[];
  /** Empty = every status. */
  statuses: AlertStatus[];
  /** At least one of the alert's posts is scored with this topic (null = any). */
  topic: string | null;
  /** At least one of the alert's posts is from this district (null = any). */
  district: string | null;
  /** Beijing calendar days YYYY-MM-DD, inclusive: the alert was active (first to last post) on or after `since`, on or before `until`. */
  since: string | null;
  until: string | null;
}

const DAY_PARAM = /^\d{4}-\d{2}-\d{2}$/;
/** Local midnight that starts `day`, in ms; NaN for a date that does not exist. */
const chinaDayStart = (day: string) => {
  const utc = Date.parse(`${day}T00:00:00Z`);
  return new Date(utc).toISOString().slice(0, 10) === day ? fromLocalTime(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))).getTime() : NaN;
};

/** `level=red,orange&status=open|all|new,…` → a filter; unknown values are ignored. Default: open alerts. */
export function filterFromParams(params: URLSearchParams): AlertFilter {
  const split = (name: string) => params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const levels = split('level').filter((l): l is AlertLevel => ALERT_LEVELS.includes(l as AlertLevel));
  const rawStatus = split('status');
  let statuses: AlertStatus[];
  if (rawStatus.length === 0 || rawStatus.includes('open')) statuses = [...OPEN_STATUSES];
  else if (rawStatus.includes('all')) statuses = [];
  else statuses = rawStatus.filter((s): s is AlertStatus => ALL_STATUSES.includes(s as AlertStatus));
  const text = (name: string) => params.get(name)?.trim().slice(0, 50) || null;
  const day = (name: string) => {
    const v = text(name);
    return v && DAY_PARAM.test(v) && !Number.isNaN(chinaDayStart(v)) ? v : null;
  };
  return { levels, statuses, topic: text('topic'), district: text('district'), since: day('since'), until: day('until') };
}

/** Level, status and time: what can be decided from the alert alone. */
export function matchesAlert(alert: Alert, filter: AlertFilter): boolean {
  if (filter.levels.length && !filter.levels.includes(alert.level)) return false;
  if (filter.statuses.length && !filter.statuses.includes(alert.status)) return false;
  if (filter.since && Date.parse(alert.lastSeen) < chinaDayStart(filter.since)) return false;
  if (filter.until && Date.parse(alert.firstSeen) >= chinaDayStart(filter.until) + 86_400_000) return false;
  return true;
}

/** Topic and district: decided by the alert's posts (an alert spans posts, so any one of them counts). */
export function matchesPosts(posts: Post[], scores: Map<string, Score>, filter: AlertFilter): boolean {
  if (filter.district && !posts.some((p) => p.district === filter.district)) return false;
  if (filter.topic && !posts.some((p) => scores.get(p.id)?.topic === filter.topic)) return false;
  return true;
}

/** Open alerts before ended ones (only mixed when the filter asks for all statuses). */
const statusRank = (s: AlertStatus) => (OPEN_STATUSES.includes(s) ? 0 : 1);

/** Worst level first (红 橙 黄 蓝), then the most recent activity. */
export function orderAlerts(alerts: Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      statusRank(a.status) - statusRank(b.status) ||
      LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
      b.lastSeen.localeCompare(a.lastSeen),
  );
}

export interface AlertRow {
  alert: Alert;
  clock: AlertClock;
}

export async function listAlerts(store: Store, filter: AlertFilter, now: Date, limit = 500): Promise<AlertRow[]> {
  const alerts = await store.alerts.list({ status: filter.statuses.length ? filter.statuses : undefined, limit: 10_000 });
  let candidates = orderAlerts(alerts.filter((a) => matchesAlert(a, filter)));
  if (filter.topic || filter.district) {
    const kept: Alert[] = [];
    for (const alert of candidates) {
      if (kept.length >= limit) break;
      const posts = await store.posts.getMany(alert.postIds);
      const scores = filter.topic ? await store.scores.getMany(posts.map((p) => p.id)) : new Map<string, Score>();
      if (matchesPosts(posts, scores, filter)) kept.push(alert);
    }
    candidates = kept;
  }
  const chosen = candidates.slice(0, limit);
  return Promise.all(chosen.map(async (alert) => ({ alert, clock: alertClock(alert, await store.alerts.events(alert.id), now) })));
}

export interface AlertDetail {
  alert: Alert;
  events: AlertEvent[];
  clock: AlertClock;
  posts: Post[];
}

export async function alertDetail(store: Store, id: string, now: Date): Promise<AlertDetail | null> {
  const alert = await store.alerts.get(id);
  if (!alert) return null;
  const events = await store.alerts.events(id);
  const posts = await store.posts.getMany(alert.postIds);
  return { alert, events, clock: alertClock(alert, events, now), posts };
}

/** The JSON shape of an alert in /api/alerts: exactly `minsheng alerts --json`'s fields, plus who
 *  has it, when it changed, and its clock. `urls` maps post ids to their original addresses. */
export function alertJson(row: AlertRow, urls: Map<string, string>) {
  const { alert: a, clock } = row;
  return {
    ...alertToJson(a, urls),
    assignee: a.assignee,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    clock: {
      state: clock.state,
      text: clock.text,
      start: clock.start.toISOString(),
      milestones: clock.milestones.map((m) => ({ label: m.label, deadline: m.deadline.toISOString(), metAt: m.metAt?.toISOString() ?? null, late: m.late })),
    },
  };
}
