// Highlighting crawled text for HTML: every character of the post is escaped and the only markup
// added is <mark>. Matching is done on a folded copy (full-width and case folded) so 'ＡＢＣ' in
// a post is marked for 'abc'; NFKC can change length, so text is folded one character at a time.
import { foldText } from './query.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** [start, end) ranges of the original text that match a term, longest term first, no overlaps. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  if (terms.length === 0 || text.length === 0) return [];
  // Fold per UTF-16 unit, remembering where each folded unit came from.
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldText(text[i]!);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < folded.length;) {
    const term = terms.find((t) => folded.startsWith(t, i));
    if (term) {
      ranges.push([origin[i]!, origin[i + term.length - 1]! + 1]);
      i += term.length;
    } else {
      i += 1;
    }
  }
  return ranges;
}

function markRanges(text: string, ranges: [number, number][], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    out += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

export function highlight(text: string, terms: string[]): string {
  return markRanges(text, matchRanges(text, terms), 0, text.length);
}

/**
 * A window of about `length` characters around the first match (the start of the text when
 * nothing matches), escaped and marked, with … where text was cut.
 */
export function snippet(text: string, terms: string[], length = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(flat, terms);
  if (flat.length <= length) return markRanges(flat, ranges, 0, flat.length);
  const first = ranges[0]?.[0] ?? 0;
  let from = Math.max(0, first - Math.floor(length / 4));
  const to = Math.min(flat.length, from + length);
  from = Math.max(0, to - length);
  // Do not cut a match in half at either edge.
  for (const [s, e] of ranges) {
    if (s < from && e > from) from = s;
  }
  return `${from > 0 ? '…' : ''}${markRanges(flat, ranges, from, to)}${to < flat.length ? '…' : ''}`;
}

/** For a terminal: matches in 【】, no HTML. */
export function highlightForTerminal(html: string): string {
  return html
    .replace(/<mark>/g, '【')
    .replace(/<\/mark>/g, '】')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
