// 舆情日报: one Beijing calendar day — the alerts raised that day, the alerts still open, how each
// is doing against its level's clock, and what that day's posts were about. Gathering is I/O;
// choosing the day and summarising posts are pure.
import type { Alert, Post, Score, SourceHealth, SourceState, Store } from '../../store/index.ts';
import { responseRecord, type AlertResponseRecord } from './deadline.ts';
import { OPEN_STATUSES, orderAlerts } from './alerts-view.ts';
import { chinaDay } from './labels.ts';
import { endOfLocalDay, fromLocalTime } from '../../shared/time.ts';

const DAY_MS = 86_400_000;

export interface ReportDay {
  /** YYYY-MM-DD, Beijing time. */
  day: string;
  start: Date;
  end: Date;
}

/** The Beijing calendar day asked for (`YYYY-MM-DD`), or today when missing or not a real date. */
export function reportDay(param: string | null, now: Date): { day: ReportDay; invalid: boolean } {
  const wanted = param?.trim() ?? '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wanted);
  let day = chinaDay(now);
  let invalid = wanted !== '';
  if (m) {
    const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2025-02-30 over to March; only accept dates that round-trip.
    if (new Date(utc).toISOString().slice(0, 10) === wanted) {
      day = wanted;
      invalid = false;
    }
  }
  const start = fromLocalTime(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
  return { day: { day, start, end: endOfLocalDay(start) }, invalid };
}

/** The day before / after, for the report's navigation links. */
export const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface Ranked {
  key: string;
  count: number;
}

export interface PostSummary {
  total: number;
  scored: number;
  negative: number;
  /** Share of scored posts that are negative, 0..1; null when none were scored. */
  negativeShare: number | null;
  topTopics: Ranked[];
  topDistricts: Ranked[];
}

const rank = (values: string[], top: number): Ranked[] => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'zh'))
    .slice(0, top);
};

export function summarisePosts(posts: Post[], scores: Map<string, Score>, top = 5): PostSummary {
  const scored = posts.map((p) => scores.get(p.id)).filter((s): s is Score => s !== undefined);
  const negative = scored.filter((s) => s.sentiment === 'negative').length;
  return {
    total: posts.length,
    scored: scored.length,
    negative,
    negativeShare: scored.length ? negative / scored.length : null,
    topTopics: rank(
      scored.map((s) => s.topic || '未分类'),
      top,
    ),
    topDistricts: rank(
      posts.map((p) => p.district ?? '未识别区县'),
      top,
    ),
  };
}

/** Alerts raised within the day, and alerts raised before it that are still open now. */
export function splitAlerts(alerts: Alert[], day: ReportDay): { raised: Alert[]; stillOpen: Alert[] } {
  const inDay = (iso: string) => {
    const t = Date.parse(iso);
    return t >= day.start.getTime() && t < day.end.getTime();
  };
  const raised = orderAlerts(alerts.filter((a) => inDay(a.createdAt)));
  const stillOpen = orderAlerts(alerts.filter((a) => Date.parse(a.createdAt) < day.start.getTime() && OPEN_STATUSES.includes(a.status)));
  return { raised, stillOpen };
}

export interface DailyReport {
  day: ReportDay;
  generatedAt: Date;
  raised: AlertResponseRecord[];
  stillOpen: AlertResponseRecord[];
  posts: PostSummary;
  /** Crawl sources that are not ok now, so a quiet day is never mistaken for a calm one. */
  sourcesNotOk: SourceHealth[];
}

export const SOURCE_STATE_LABEL: Record<SourceState, string> = { ok: '正常', failing: '抓取失败', empty: '抓不到内容', silent: '长时间无新帖' };
const STATE_ORDER: Record<SourceState, number> = { failing: 0, empty: 1, silent: 2, ok: 3 };

/** Sources by urgency (failing, empty, silent, ok), then id. */
export const orderSources = (list: SourceHealth[]) =>
  [...list].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.sourceId.localeCompare(b.sourceId));

const PAGE = 2000;

async function postsOfDay(store: Store, day: ReportDay): Promise<Post[]> {
  const out: Post[] = [];
  const end = day.end.getTime();
  for (let afterId: string | undefined; ;) {
    const page = await store.posts.list({ since: day.start.toISOString(), afterId, limit: PAGE });
    out.push(...page.filter((p) => Date.parse(p.publishedAt ?? p.fetchedAt) < end));
    if (page.length < PAGE) return out;
    afterId = page[page.length - 1]!.id;
  }
}

export async function gatherDailyReport(store: Store, day: ReportDay, now: Date): Promise<DailyReport> {
  const alerts = await store.alerts.list({ limit: 100_000 });
  const { raised, stillOpen } = splitAlerts(alerts, day);
  const record = async (a: Alert) => responseRecord(a, await store.alerts.events(a.id), now);
  const posts = await postsOfDay(store, day);
  const scores = await store.scores.getMany(posts.map((p) => p.id));
  return {
    day,
    generatedAt: now,
    raised: await Promise.all(raised.map(record)),
    stillOpen: await Promise.all(stillOpen.map(record)),
    posts: summarisePosts(posts, scores),
    sourcesNotOk: orderSources((await store.sourceHealth.list()).filter((h) => h.state !== 'ok')),
  };
}
