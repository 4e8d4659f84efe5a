// Readers' “这页对您有用吗？” answers. No login and nothing that identifies the reader is kept:
// the page, yes/no, and an optional short note masked like crawled posts. Rate limiting is by
// address in memory only (the address is never stored).
import { maskPersonalData } from '../crawler/mask.ts';

export const NOTE_MAX = 200;

export interface FeedbackInput {
  page: string;
  useful: boolean;
  note: string | null;
}

/** Public pages that take feedback: an explainer or a calculator. */
const PAGE = /^\/(explainers|calculators)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/$/;

/** Checks a request body; returns the cleaned input or a message a resident can read. */
export function parseFeedback(body: unknown, knownPages: ReadonlySet<string>): { ok: true; value: FeedbackInput } | { ok: false; error: string } {
  if (!body || typeof body !== 'object') return { ok: false, error: '请求格式不对' };
  const { page, useful, note } = body as Record<string, unknown>;
  if (typeof page !== 'string') return { ok: false, error: '缺少页面地址 page' };
  const normal = page.endsWith('/') ? page : page + '/';
  if (!PAGE.test(normal) || !knownPages.has(normal)) return { ok: false, error: '没有这个页面' };
  if (typeof useful !== 'boolean') return { ok: false, error: '请选择“有用”或“没用”' };
  if (note !== undefined && note !== null && typeof note !== 'string') return { ok: false, error: '留言应为文字' };
  // Control characters are stripped on purpose: a note is shown to staff as one line of text.
  // eslint-disable-next-line no-control-regex
  const text = typeof note === 'string' ? note.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  if ([...text].length > NOTE_MAX) return { ok: false, error: `留言不超过 ${NOTE_MAX} 个字` };
  return { ok: true, value: { page: normal, useful, note: text ? maskPersonalData(text) : null } };
}

export interface FeedbackSummary {
  page: string;
  useful: number;
  notUseful: number;
  notes: { at: string; useful: boolean; note: string }[];
}

/** Per page: yes/no counts and the newest notes first. */
export function summarizeFeedback(rows: { page: string; useful: boolean; note: string | null; at: string }[], notesPerPage = 5): Map<string, FeedbackSummary> {
  const out = new Map<string, FeedbackSummary>();
  for (const r of [...rows].sort((a, b) => b.at.localeCompare(a.at))) {
    const s = out.get(r.page) ?? { page: r.page, useful: 0, notUseful: 0, notes: [] };
    if (r.useful) s.useful++;
    else s.notUseful++;
    if (r.note && s.notes.length < notesPerPage) s.notes.push({ at: r.at, useful: r.useful, note: r.note });
    out.set(r.page, s);
  }
  return out;
}

/**
 * A fixed window per address: at most `max` answers per `windowMs`. Keeps only counters in
 * memory, keyed by address, and forgets them when the window passes.
 */
export class FeedbackLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max = 10,
    private readonly windowMs = 10 * 60_000,
  ) {}

  allow(key: string, now: number): boolean {
    const h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
      this.hits.set(key, { start: now, count: 1 });
      return true;
    }
    if (h.count >= this.max) return false;
    h.count++;
    return true;
  }
}
