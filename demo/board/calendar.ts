// Dating the demo posts. Posts are written as "N days before the board's newest day, at HH:MM
// local time" (the region's time zone, config/region.yaml, through shared/time.ts), and the newest
// day is chosen from the server's start time so the board always looks current. The board's day
// turns at 10:00 local time rather than at midnight: every post
// of the newest day is timed before 10:00, so no post ever lies in the future, and all runs within
// the same 24 hours see the same dates (a rerun dedupes by URL either way; dates may shift on
// another day). Pure functions: the server passes in its start time.
import type { BoardPostSeed, BoardReplySeed } from './posts.ts';
import { fromLocalTime, localParts } from '../../shared/time.ts';

const HOUR = 3600_000;
/** Local clock time at which the board's newest day begins. */
export const DAY_TURNS_AT_HOUR = 10;

export interface BoardDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** The board's newest day for a server started at `now`. */
export function boardDay(now: Date): BoardDay {
  const { year, month, day } = localParts(new Date(now.getTime() - DAY_TURNS_AT_HOUR * HOUR));
  return { year, month, day };
}

function parseClock(time: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`演示帖子的时间应写成 HH:MM：${time}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The instant of "daysAgo days before `day`, at `time` local time". */
export function instantOf(day: BoardDay, daysAgo: number, time: string): Date {
  const { hour, minute } = parseClock(time);
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day - daysAgo));
  return fromLocalTime(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute);
}

/** "2025年9月1日 10:30", local time, as the board prints it. */
export function formatBoardTime(at: Date): string {
  const b = localParts(at);
  const hh = String(b.hour).padStart(2, '0');
  const mm = String(b.minute).padStart(2, '0');
  return `${b.year}年${b.month}月${b.day}日 ${hh}:${mm}`;
}

export interface DatedReply extends Omit<BoardReplySeed, 'daysAgo' | 'time'> {
  at: Date;
}

export interface DatedPost extends Omit<BoardPostSeed, 'daysAgo' | 'time' | 'reply'> {
  at: Date;
  reply?: DatedReply;
  /** When the thread last changed (its reply, else the post): the page's Last-Modified. */
  updatedAt: Date;
}

export function datePost(seed: BoardPostSeed, day: BoardDay): DatedPost {
  const { daysAgo, time, reply, ...rest } = seed;
  const at = instantOf(day, daysAgo, time);
  if (!reply) return { ...rest, at, updatedAt: at };
  const { daysAgo: replyDaysAgo, time: replyTime, ...replyRest } = reply;
  const replyAt = instantOf(day, replyDaysAgo, replyTime);
  return { ...rest, at, reply: { ...replyRest, at: replyAt }, updatedAt: replyAt > at ? replyAt : at };
}

/** All posts dated for a server started at `now`, newest first (ties: higher id first). */
export function datedBoard(seeds: readonly BoardPostSeed[], now: Date): DatedPost[] {
  const day = boardDay(now);
  return seeds.map((s) => datePost(s, day)).sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
}
