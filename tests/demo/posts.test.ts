// The demo board's content and dating: what the demo shows is computed from these posts, so they
// must hold together — a real mix, one incident many people post about, sane times.
import { describe, expect, it } from 'vitest';
import { BOARD_POSTS, DISTRICTS, type BoardPostSeed } from '../../demo/board/posts.ts';
import { boardDay, datedBoard, formatBoardTime, instantOf } from '../../demo/board/calendar.ts';
import { parsePublishedAt } from '../../crawler/dates.ts';
import { maskPersonalData } from '../../crawler/mask.ts';

const HOUR = 3600_000;
const text = (p: BoardPostSeed) => `${p.title}\n${p.body.join('\n')}`;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
/** Minutes before the newest day's midnight: larger is older. */
const age = (daysAgo: number, time: string) => daysAgo * 1440 - minutesOf(time);

describe('demo board posts', () => {
  it('has a few dozen posts with unique ids that increase with time', () => {
    expect(BOARD_POSTS.length).toBeGreaterThanOrEqual(45);
    expect(BOARD_POSTS.length).toBeLessThanOrEqual(60);
    expect(new Set(BOARD_POSTS.map((p) => p.id)).size).toBe(BOARD_POSTS.length);
    const byTime = [...BOARD_POSTS].sort((a, b) => age(b.daysAgo, b.time) - age(a.daysAgo, a.time)).map((p) => p.id);
    expect(byTime).toEqual([...BOARD_POSTS].map((p) => p.id).sort((a, b) => a - b));
  });

  it('spans about three weeks across the seven districts, with every kind of post', () => {
    expect(Math.max(...BOARD_POSTS.map((p) => p.daysAgo))).toBeGreaterThanOrEqual(18);
    expect(new Set(BOARD_POSTS.map((p) => p.district))).toEqual(new Set(DISTRICTS));
    const kinds = new Map<string, number>();
    for (const p of BOARD_POSTS) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    expect(kinds.get('consult')).toBeGreaterThanOrEqual(10);
    expect(kinds.get('complaint')).toBeGreaterThanOrEqual(6);
    expect(kinds.get('thanks')).toBeGreaterThanOrEqual(3);
    expect(kinds.get('offtopic')).toBeGreaterThanOrEqual(3);
  });

  it('has nothing in the future: newest-day posts before 10:00, replies after their post', () => {
    for (const p of BOARD_POSTS) {
      expect(p.time, `帖子 ${p.id}`).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      if (p.daysAgo === 0) expect(minutesOf(p.time), `帖子 ${p.id}`).toBeLessThan(10 * 60);
      if (!p.reply) continue;
      expect(age(p.reply.daysAgo, p.reply.time), `回复 ${p.id}`).toBeLessThan(age(p.daysAgo, p.time));
      if (p.reply.daysAgo === 0) expect(minutesOf(p.reply.time), `回复 ${p.id}`).toBeLessThan(10 * 60);
    }
  });

  it('has one wage-arrears incident: several distinct authors within two days, escalating, plus reposts', () => {
    const incident = BOARD_POSTS.filter((p) => p.kind === 'incident');
    const originals = incident.filter((p) => p.repostOf === undefined);
    expect(originals.length).toBeGreaterThanOrEqual(6);
    expect(new Set(incident.map((p) => p.author)).size).toBe(incident.length);
    const ages = incident.map((p) => age(p.daysAgo, p.time));
    expect(Math.max(...ages) - Math.min(...ages)).toBeLessThanOrEqual(48 * 60);
    for (const p of incident) {
      expect(text(p), `帖子 ${p.id}`).toMatch(/安置房/);
      expect(text(p), `帖子 ${p.id}`).toMatch(/宣汉/);
    }
    // Reworded, not copied: the originals' bodies all differ.
    expect(new Set(originals.map((p) => p.body.join(''))).size).toBe(originals.length);
    // Escalation over time: gathering, then the media.
    const latest = [...incident].sort((a, b) => age(a.daysAgo, a.time) - age(b.daysAgo, b.time));
    expect(latest.slice(0, 4).map(text).join('')).toMatch(/聚集/);
    expect(latest.slice(0, 4).map(text).join('')).toMatch(/媒体曝光|请媒体来曝光/);
    expect(originals.some((p) => text(p).includes('多次反映'))).toBe(true);

    const reposts = incident.filter((p) => p.repostOf !== undefined);
    expect(reposts.length).toBeGreaterThanOrEqual(1);
    for (const r of reposts) {
      const source = BOARD_POSTS.find((p) => p.id === r.repostOf)!;
      expect(source.kind).toBe('incident');
      expect(r.id).toBeGreaterThan(source.id);
      expect(r.body.join('')).not.toBe(source.body.join(''));
      // Most of the original's sentences survive in the copy.
      const sentences = source.body
        .join('')
        .split(/[。！？]/)
        .filter((s) => s.length > 8);
      const kept = sentences.filter((s) => r.body.join('').includes(s.slice(0, 12)));
      expect(kept.length / sentences.length).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('includes personal data the crawler masks, markup to escape, and one legacy page', () => {
    const personal = BOARD_POSTS.filter((p) => /(?<!\d)1[3-9]\d{9}(?!\d)/.test(text(p)) && /(?<!\d)\d{17}[\dXx](?!\d)/.test(text(p)));
    expect(personal).toHaveLength(1);
    const masked = maskPersonalData(text(personal[0]!));
    expect(masked).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(masked).not.toMatch(/\d{17}/);
    expect(BOARD_POSTS.filter((p) => text(p).includes("<script>alert('x')</script>") && text(p).includes('<b>'))).toHaveLength(1);
    expect(BOARD_POSTS.filter((p) => p.legacyMarkup)).toHaveLength(1);
  });
});

describe('demo board calendar', () => {
  it('turns the board day at 10:00 Beijing time', () => {
    expect(boardDay(new Date('2025-09-01T09:59:00+08:00'))).toEqual({ year: 2025, month: 8, day: 31 });
    expect(boardDay(new Date('2025-09-01T10:00:00+08:00'))).toEqual({ year: 2025, month: 9, day: 1 });
    expect(boardDay(new Date('2025-01-01T09:00:00+08:00'))).toEqual({ year: 2024, month: 12, day: 31 });
  });

  it('prints times the crawler reads back as the same instant', () => {
    const at = instantOf({ year: 2025, month: 3, day: 1 }, 1, '08:05');
    expect(formatBoardTime(at)).toBe('2025年2月28日 08:05');
    expect(new Date(parsePublishedAt(formatBoardTime(at))!).getTime()).toBe(at.getTime());
  });

  it('keeps dates stable within a board day and never dates a post after the server started', () => {
    const start = new Date('2025-09-01T10:00:00+08:00').getTime();
    const first = datedBoard(BOARD_POSTS, new Date(start));
    for (let h = 0; h < 48; h += 1) {
      const now = new Date(start + h * HOUR + 17 * 60_000);
      const board = datedBoard(BOARD_POSTS, now);
      const newest = board[0]!;
      expect(newest.at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - newest.at.getTime()).toBeLessThan(25 * HOUR);
      for (const p of board) expect(p.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      const shift = h < 24 ? 0 : 24 * HOUR;
      expect(board.map((p) => p.at.getTime() - shift)).toEqual(first.map((p) => p.at.getTime()));
    }
  });
});
