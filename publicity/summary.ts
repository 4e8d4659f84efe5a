// What the 明白纸 list shows about one text without rendering it: title, topic, dates, and the
// calculator figures it quotes that have changed since it was written. Tolerant of drafts: a
// half-written front matter gives what it can.
import { parse as parseYaml } from 'yaml';

export interface ExplainerSummary {
  title: string | null;
  summary: string | null;
  topic: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  reviewBy: string | null;
  parameters: string[];
  glossary: string[];
  body: string;
}

const day = (v: unknown): string | null => {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
};
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function summarizeSource(source: string): ExplainerSummary {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  let data: Record<string, unknown> = {};
  if (m) {
    try {
      const parsed: unknown = parseYaml(m[1]!);
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch {
      data = {};
    }
  }
  return {
    title: text(data.title),
    summary: text(data.summary),
    topic: text(data.topic),
    effectiveFrom: day(data.effectiveFrom),
    effectiveTo: day(data.effectiveTo),
    reviewBy: day(data.reviewBy),
    parameters: list(data.parameters),
    glossary: list(data.glossary),
    body: m ? source.slice(m[0].length) : source,
  };
}

/** Quoted parameters with a value that took effect after the page's effectiveFrom and by today. */
export function staleParameters(
  s: Pick<ExplainerSummary, 'parameters' | 'effectiveFrom'>,
  files: Record<string, { label: string; values: Record<string, unknown> }>,
  today: string,
): { id: string; label: string; since: string }[] {
  const written = s.effectiveFrom ?? '0000-00-00';
  return s.parameters.flatMap((id) => {
    const file = files[id];
    const newer =
      file &&
      Object.keys(file.values)
        .filter((d) => d > written && d <= today)
        .sort()
        .at(-1);
    return file && newer ? [{ id, label: file.label, since: newer }] : [];
  });
}

/** Review date passed (overdue) or within `warnDays`. */
export function reviewState(reviewBy: string | null, today: string, warnDays = 30): 'overdue' | 'soon' | 'ok' | 'missing' {
  if (!reviewBy) return 'missing';
  if (reviewBy < today) return 'overdue';
  const soon = new Date(Date.parse(today) + warnDays * 86_400_000).toISOString().slice(0, 10);
  return reviewBy <= soon ? 'soon' : 'ok';
}
