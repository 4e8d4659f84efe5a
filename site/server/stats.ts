// Trend figures for the console and /api/stats: posts per day by sentiment, alerts per day by
// level, breakdowns by topic/district/source, and the response-time report. Gathering is I/O;
// shaping into series is pure (dailySeries).
import type { Alert, AlertLevel, Sentiment, Store } from '../../store/index.ts';
import { chinaDay } from './labels.ts';
import { responseReport, type LevelResponseStats } from './deadline.ts';

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

const named = (rows: { key: string | null; count: number }[], unknown: string) =>
  rows.map((r) => ({ key: r.key ?? unknown, count: r.count }));

export async function gatherStats(store: Store, now: Date): Promise<Stats> {
  const days = lastDays(now, TREND_DAYS);
  // Start one day early in UTC so the first Beijing day is complete; rows outside `days` are dropped.
  const since = new Date(now.getTime() - (TREND_DAYS + 1) * DAY).toISOString();
  const perDay = await store.posts.countsByDay({ since, utcOffsetMinutes: 480 });
  const sentimentKeys: SentimentKey[] = ['negative', 'neutral', 'positive', 'unscored'];
  const postsBySentiment = dailySeries(days, sentimentKeys, perDay.map((r) => ({ day: r.day, key: r.sentiment ?? 'unscored', count: r.count })));

  const alerts: Alert[] = await store.alerts.list({ limit: 100_000 });
  const levelKeys: AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];
  const alertsByLevel = dailySeries(days, levelKeys, alerts.map((a) => ({ day: chinaDay(new Date(a.createdAt)), key: a.level, count: 1 })));

  const recent = alerts.filter((a) => new Date(a.createdAt).getTime() >= now.getTime() - TREND_DAYS * DAY);
  const withEvents = await Promise.all(recent.map(async (alert) => ({ alert, events: await store.alerts.events(alert.id) })));

  return {
    generatedAt: now.toISOString(),
    days,
    postsBySentiment,
    alertsByLevel,
    byTopic: named(await store.posts.countsBy('topic', { since }), '未评分'),
    byDistrict: named(await store.posts.countsBy('district', { since }), '未识别地区'),
    bySource: named(await store.posts.countsBy('source', { since }), '未知来源'),
    responseTimes: responseReport(withEvents, now),
  };
}
