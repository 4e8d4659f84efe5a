// Alerts as the console and API present them: filtered, ordered (open before ended, then by
// level, then most recent), each with its deadline clock.
import { ALERT_LEVELS, type Alert, type AlertEvent, type AlertLevel, type AlertStatus, type Post, type Store } from '../../store/index.ts';
import { alertClock, type AlertClock } from './deadline.ts';
import { LEVEL_ORDER, STATUS_LABEL } from './labels.ts';

export const ALL_STATUSES = Object.keys(STATUS_LABEL) as AlertStatus[];
export const OPEN_STATUSES: AlertStatus[] = ['new', 'acknowledged', 'assigned', 'responded'];

export interface AlertFilter {
  levels: AlertLevel[];
  /** Empty = every status. */
  statuses: AlertStatus[];
}

/** `level=red,orange&status=open|all|new,…` → a filter; unknown values are ignored. Default: open alerts. */
export function filterFromParams(params: URLSearchParams): AlertFilter {
  const split = (name: string) => params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const levels = split('level').filter((l): l is AlertLevel => ALERT_LEVELS.includes(l as AlertLevel));
  const rawStatus = split('status');
  let statuses: AlertStatus[];
  if (rawStatus.length === 0 || rawStatus.includes('open')) statuses = OPEN_STATUSES;
  else if (rawStatus.includes('all')) statuses = [];
  else statuses = rawStatus.filter((s): s is AlertStatus => ALL_STATUSES.includes(s as AlertStatus));
  return { levels, statuses };
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
  const chosen = orderAlerts(alerts.filter((a) => filter.levels.length === 0 || filter.levels.includes(a.level))).slice(0, limit);
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

/** The JSON shape of an alert in /api/alerts (same field names as `minsheng alerts --json`, plus the clock). */
export function alertJson(row: AlertRow) {
  const { alert: a, clock } = row;
  return {
    id: a.id,
    level: a.level,
    status: a.status,
    title: a.title,
    postCount: a.postIds.length,
    sources: a.sources,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    reasons: a.reasons,
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
