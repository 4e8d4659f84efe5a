// Trend figures for the console and /api/stats: posts per day by sentiment, alerts per day by
// level, breakdowns by topic/district/source, and the response-time report. Gathering is I/O;
// shaping into series is pure (dailySeries).
import { topicLabel } from '../../analysis/topic.ts';
import type { Alert, AlertLevel, Sentiment, Store } from '../../store/index.ts';
import { responseRecord, responseReport, type AlertResponseRecord, type LevelResponseStats } from './deadline.ts';
import { toCsv } from './csv.ts';
import { chinaDay, formatDateTime, levelText, STATUS_LABEL } from './labels.ts';
import { LEVEL_ORDER } from '../../shared/vocabulary.ts';
import { utcOffsetMinutes } from '../../shared/time.ts';

export const TREND_DAYS = 30;
const DAY = 86_400_000;

/** The last `days` Beijing calendar days ending today, oldest first. */
export function lastDays(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => chinaDay(new Date(now.getTime() - (days - 1 - i) * DAY)));
}

export type SentimentKey = Sentiment | 'unscored';

/** Fills a per-day series for each key, zero where nothing happened. */
export function dailySeries<K extends string>(days: string[], keys: readonly K[], rows: { day: string; key: K; count: number }[]): Record<K, number[]> {
  const index = new Map(days.map((d, i) => [d, i]));
  const out = Object.fromEntries(keys.map((k) => [k, days.map(() => 0)])) as Record<K, number[]>;
  for (const r of rows) {
    const i = index.get(r.day);
    if (i !== undefined && out[r.key]) out[r.key][i]! += r.count;
  }
  return out;
}

export interface Stats {
  generatedAt: string;
  days: string[];
  postsBySentiment: Record<SentimentKey, number[]>;
  alertsByLevel: Record<AlertLevel, number[]>;
  byTopic: { key: string; count: number }[];
  byDistrict: { key: string; count: number }[];
  bySource: { key: string; count: number }[];
  responseTimes: LevelResponseStats[];
}

const named = (rows: { key: string | null; count: number }[], unknown: string) => rows.map((r) => ({ key: r.key ?? unknown, count: r.count }));

export async function gatherStats(store: Store, now: Date): Promise<Stats> {
  const days = lastDays(now, TREND_DAYS);
  // Start one day early in UTC so the first Beijing day is complete; rows outside `days` are dropped.
  const since = new Date(now.getTime() - (TREND_DAYS + 1) * DAY).toISOString();
  const perDay = await store.posts.countsByDay({ since, utcOffsetMinutes: utcOffsetMinutes(now) });
  const sentimentKeys: SentimentKey[] = ['negative', 'neutral', 'positive', 'unscored'];
  const postsBySentiment = dailySeries(
    days,
    sentimentKeys,
    perDay.map((r) => ({ day: r.day, key: r.sentiment ?? 'unscored', count: r.count })),
  );

  const alerts: Alert[] = await store.alerts.list({ limit: 100_000 });
  const alertsByLevel = dailySeries(
    days,
    LEVEL_ORDER,
    alerts.map((a) => ({ day: chinaDay(new Date(a.createdAt)), key: a.level, count: 1 })),
  );

  const withEvents = await recentAlertsWithEvents(store, alerts, now);

  return {
    generatedAt: now.toISOString(),
    days,
    postsBySentiment,
    alertsByLevel,
    byTopic: named(await store.posts.countsBy('topic', { since }), '未评分').map((r) => ({ ...r, key: topicLabel(r.key) })),
    byDistrict: named(await store.posts.countsBy('district', { since }), '未识别地区'),
    bySource: named(await store.posts.countsBy('source', { since }), '未知来源'),
    responseTimes: responseReport(withEvents, now),
  };
}

/** Alerts raised in the last TREND_DAYS days, each with its events (the basis of the response report). */
async function recentAlertsWithEvents(store: Store, alerts: Alert[], now: Date) {
  const recent = alerts.filter((a) => new Date(a.createdAt).getTime() >= now.getTime() - TREND_DAYS * DAY);
  return Promise.all(recent.map(async (alert) => ({ alert, events: await store.alerts.events(alert.id) })));
}

/** Per alert of the last 30 days: clock start, first handling, response, each deadline and whether it was missed. */
export async function gatherResponseRecords(store: Store, now: Date): Promise<AlertResponseRecord[]> {
  const items = await recentAlertsWithEvents(store, await store.alerts.list({ limit: 100_000 }), now);
  return items.map(({ alert, events }) => responseRecord(alert, events, now)).sort((a, b) => a.start.getTime() - b.start.getTime());
}

const minutesBetween = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 60_000) : null);

/** The per-alert response report as CSV (Beijing times; minutes from clock start). */
export function responseRecordsCsv(records: AlertResponseRecord[]): string {
  const header = [
    '预警编号',
    '级别',
    '标题',
    '状态',
    '负责人',
    '计时起点',
    '首次处理',
    '处理用时（分钟）',
    '回应或关闭',
    '回应用时（分钟）',
    '时限与完成情况',
    '是否超时',
    '当前时限',
  ];
  const rows = records.map((r) => [
    r.alert.id,
    levelText(r.alert.level),
    r.alert.title,
    STATUS_LABEL[r.alert.status],
    r.alert.assignee,
    formatDateTime(r.start),
    r.acknowledgedAt ? formatDateTime(r.acknowledgedAt) : null,
    minutesBetween(r.start, r.acknowledgedAt),
    r.respondedAt ? formatDateTime(r.respondedAt) : null,
    minutesBetween(r.start, r.respondedAt),
    r.milestones
      .map((m) => `${m.label}：截止 ${formatDateTime(m.deadline)}，${m.metAt ? `${formatDateTime(m.metAt)} 完成` : '未完成'}${m.late ? '（超时）' : ''}`)
      .join('；'),
    r.alert.status === 'false_positive' ? '误报' : r.late ? '是' : '否',
    r.clockText,
  ]);
  return toCsv(header, rows);
}
