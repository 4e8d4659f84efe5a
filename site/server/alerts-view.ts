// Alerts as the console and API present them: filtered, ordered (open before ended, then by
// level, then most recent), each with its deadline clock.
import { ALERT_LEVELS, type Alert, type AlertEvent, type AlertLevel, type AlertStatus, type Post, type Score, type Store } from '../../store/index.ts';
import { alertClock, type AlertClock } from './deadline.ts';
import { alertToJson, type PostUrls } from '../../analysis/alerts/json.ts';
import { LEVEL_ORDER, STATUS_LABEL } from './labels.ts';
import { OPEN_STATUSES } from '../../shared/vocabulary.ts';
import { fromLocalTime, localIso } from '../../shared/time.ts';

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
  return new Date(utc).toISOString().slice(0, 10) === day
    ? fromLocalTime(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))).getTime()
    : NaN;
};

/** The levels the console list shows when none is chosen: 蓝 (一般) goes to the daily digest. */
export const LIST_LEVELS: readonly AlertLevel[] = ALERT_LEVELS.filter((l) => l !== 'blue');

/**
 * The console list's filter: like filterFromParams, but with no level chosen it shows 红/橙/黄 only —
 * blue alerts belong in the daily digest — unless `blue=1` (「含蓝色」) asks for them too.
 */
export function consoleFilterFromParams(params: URLSearchParams): AlertFilter & { withBlue: boolean } {
  const filter = filterFromParams(params);
  const withBlue = params.get('blue') === '1';
  return { ...filter, withBlue, levels: filter.levels.length || withBlue ? filter.levels : [...LIST_LEVELS] };
}

/** `level=red,orange&status=open|all|new,…` → a filter; unknown values are ignored. Default: open alerts. */
export function filterFromParams(params: URLSearchParams): AlertFilter {
  const split = (name: string) =>
    params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
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
      statusRank(a.status) - statusRank(b.status) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || b.lastSeen.localeCompare(a.lastSeen),
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

/** An alert's deadline clock as the API gives it beside the alert. */
export function clockJson(clock: AlertClock) {
  return {
    state: clock.state,
    text: clock.text,
    start: clock.start.toISOString(),
    milestones: clock.milestones.map((m) => ({ label: m.label, deadline: m.deadline.toISOString(), metAt: m.metAt?.toISOString() ?? null, late: m.late })),
  };
}

/** An alert in /api/alerts: the one alert object (`minsheng alerts --json`, the webhook) wrapped with
 *  its clock, which only the console needs. `urls` maps post ids to their original addresses. */
export function alertJson(row: AlertRow, urls: PostUrls) {
  return { alert: alertToJson(row.alert, urls), clock: clockJson(row.clock) };
}

/** What the alert actions (transition, merge, move-out) answer: the alert as it now is, with its clock; nulls if it is gone. */
export function alertDetailJson(detail: AlertDetail | null) {
  return detail ? alertJson(detail, new Map(detail.posts.map((p) => [p.id, p.url]))) : { alert: null, clock: null };
}

/** One line of an incident's timeline, oldest first. */
export interface TimelineEntry {
  at: string;
  kind: 'first' | 'growth' | 'level' | 'action';
  text: string;
  /** Who acted (actions only; null = the system). */
  actor?: string | null;
  /** What was done (actions only), for the page's label. */
  action?: AlertEvent['action'];
}

export interface IncidentTimeline {
  entries: TimelineEntry[];
  /** Distinct authors (posts without one count one each). */
  people: number;
  /** Posts per source, most first. */
  sources: { source: string; posts: number }[];
  /** Names (sites, employers, apps) that two or more of the posts give: what ties them together. */
  ties: string[];
}

const LEVEL_CHANGE = new Set<AlertEvent['action']>(['raised', 'escalated', 'reopened', 'merged', 'post_moved_out']);
const SYSTEM_NOISE = new Set<AlertEvent['action']>(['updated', 'notified']);

/**
 * The incident's story for the alert page (issue 13): its first post, how it grew (new posts per
 * Beijing hour, or per day when it spans more than three days), level changes, what staff did, the
 * people and sources, and the names that tie the posts together. Pure.
 */
export function incidentTimeline(alert: Alert, events: AlertEvent[], posts: Post[], names: (texts: string[]) => string[]): IncidentTimeline {
  const at = (p: Post) => p.publishedAt ?? p.fetchedAt;
  const sorted = [...posts].sort((a, b) => at(a).localeCompare(at(b)) || a.id.localeCompare(b.id));
  const entries: TimelineEntry[] = [];
  const first = sorted[0];
  if (first) entries.push({ at: at(first), kind: 'first', text: `首帖：${first.title || '（无标题）'}（${first.source}）` });
  const span = sorted.length > 1 ? Date.parse(at(sorted[sorted.length - 1]!)) - Date.parse(at(first!)) : 0;
  const byDay = span > 3 * 86_400_000;
  const bucket = (iso: string) => {
    const c = localIso(new Date(iso));
    return byDay ? c.slice(0, 10) : c.slice(0, 13);
  };
  const buckets = new Map<string, { at: string; count: number }>();
  for (const p of sorted.slice(1)) {
    const key = bucket(at(p));
    const b = buckets.get(key) ?? { at: at(p), count: 0 };
    b.count += 1;
    buckets.set(key, b);
  }
  let total = 1;
  for (const b of buckets.values()) {
    total += b.count;
    entries.push({ at: b.at, kind: 'growth', text: `${byDay ? '当天' : '这一小时'}新增 ${b.count} 条，累计 ${total} 条` });
  }
  for (const e of events) {
    if (SYSTEM_NOISE.has(e.action)) continue;
    if (LEVEL_CHANGE.has(e.action) && e.actor === null) {
      const note =
        e.action === 'raised'
          ? `生成预警（${alert.ruleKey.startsWith('burst') ? '激增' : '事件'}）`
          : e.action === 'escalated'
            ? `级别升高：${(e.note ?? '').split('；')[0]}`
            : '重新打开';
      entries.push({ at: e.at, kind: 'level', text: note });
    } else {
      entries.push({ at: e.at, kind: 'action', text: e.note ?? '', actor: e.actor, action: e.action });
    }
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const authors = new Set<string>();
  let anonymous = 0;
  const perSource = new Map<string, number>();
  for (const p of posts) {
    if (p.author?.trim()) authors.add(p.author.trim());
    else anonymous += 1;
    perSource.set(p.source, (perSource.get(p.source) ?? 0) + 1);
  }
  return {
    entries,
    people: authors.size + anonymous,
    sources: [...perSource.entries()].map(([source, n]) => ({ source, posts: n })).sort((a, b) => b.posts - a.posts || a.source.localeCompare(b.source)),
    ties: names(posts.map((p) => `${p.title}\n${p.body}`)).slice(0, 8),
  };
}
