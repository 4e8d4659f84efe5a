// How an alert grew: its posts per hour (or per day once it spans more than three days), split
// into negative and other, with empty buckets filled so the chart's time axis is honest.
import type { Post, Score } from '../../store/index.ts';
import { utcOffsetMinutes } from '../../shared/time.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Hourly up to this span, daily beyond it. */
export const HOURLY_SPAN_MS = 72 * HOUR;
/** The newest buckets kept, so a long-running alert still draws a readable chart. */
export const MAX_BUCKETS = 90;

export interface AlertTrend {
  unit: 'hour' | 'day';
  /** Bucket labels in Beijing time: “9月1日 14时” or “9月1日”. */
  labels: string[];
  negative: number[];
  other: number[];
  /** Buckets dropped from the start (only when more than MAX_BUCKETS). */
  dropped: number;
}

const postTime = (p: Post) => Date.parse(p.publishedAt ?? p.fetchedAt);

/** Start of the region's local hour/day containing `t` (epoch ms), at the region's UTC offset. */
const floorTo = (t: number, size: number, offset: number) => {
  const local = t + offset;
  return local - (((local % size) + size) % size) - offset;
};

function label(start: number, unit: 'hour' | 'day', offset: number): string {
  const d = new Date(start + offset);
  const day = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return unit === 'hour' ? `${day} ${d.getUTCHours()}时` : day;
}

export function alertTrend(posts: Post[], scores: Map<string, Score>): AlertTrend {
  const timed = posts.map((p) => ({ t: postTime(p), negative: scores.get(p.id)?.sentiment === 'negative' })).filter((x) => Number.isFinite(x.t));
  if (timed.length === 0) return { unit: 'hour', labels: [], negative: [], other: [], dropped: 0 };
  const first = Math.min(...timed.map((x) => x.t));
  const last = Math.max(...timed.map((x) => x.t));
  const unit = last - first <= HOURLY_SPAN_MS ? 'hour' : 'day';
  const size = unit === 'hour' ? HOUR : DAY;
  // The region's offset (config/region.yaml) when the alert began; the chart keeps it throughout.
  const offset = utcOffsetMinutes(new Date(first)) * 60_000;
  const start = floorTo(first, size, offset);
  const count = Math.floor((floorTo(last, size, offset) - start) / size) + 1;
  const negative = new Array<number>(count).fill(0);
  const other = new Array<number>(count).fill(0);
  for (const x of timed) {
    const i = Math.floor((x.t - start) / size);
    (x.negative ? negative : other)[i]! += 1;
  }
  const labels = Array.from({ length: count }, (_, i) => label(start + i * size, unit, offset));
  const dropped = Math.max(0, count - MAX_BUCKETS);
  return { unit, labels: labels.slice(dropped), negative: negative.slice(dropped), other: other.slice(dropped), dropped };
}
