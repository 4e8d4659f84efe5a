// From what a duty officer types to what the engines need: the query's words (synonym phrases
// recognised first, the rest segmented by jieba with the project dictionary), each with its
// alternatives, an FTS5 match expression, and the terms to highlight. Pure.
import { segment, segmentForSearch } from '../analysis/segment.ts';

export interface QueryWord {
  /** The word as typed (or as segmented). */
  word: string;
  /** Ways it may appear in a post: the word itself and its synonyms. */
  alternatives: string[];
}

/** Lower-cased, full-width folded: how both the index and the query see text. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Splits a query into words. Synonym phrases are matched first (longest at each position), so
 * 拖欠工资 stays one word even where jieba would cut it; the rest is segmented.
 */
export function parseQuery(q: string, synonyms: Map<string, string[]>): QueryWord[] {
  const text = foldText(q);
  const phrases = [...synonyms.keys()].map(foldText).sort((a, b) => b.length - a.length);
  const groupOf = new Map([...synonyms].map(([k, v]) => [foldText(k), v.map(foldText)]));
  const words: QueryWord[] = [];
  let plain = '';
  const flushPlain = () => {
    for (const w of segment(plain)) words.push({ word: w, alternatives: groupOf.get(w) ?? [w] });
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const phrase = phrases.find((p) => text.startsWith(p, i));
    if (phrase) {
      flushPlain();
      words.push({ word: phrase, alternatives: groupOf.get(phrase)! });
      i += phrase.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  flushPlain();
  // The same word typed twice adds nothing.
  const seen = new Set<string>();
  return words.filter((w) => (seen.has(w.word) ? false : (seen.add(w.word), true)));
}

/** Index tokens of a text: jieba search mode, so long words also yield their parts. */
export function indexTokens(text: string): string {
  return segmentForSearch(foldText(text)).join(' ');
}

/**
 * The tokens a word must all have in a post: its smallest dictionary parts (拖欠工资 → 拖欠,
 * 工资). A post containing the whole word has its parts too (the index uses search mode), so
 * this finds the word itself as well as looser phrasings such as 拖欠农民工工资.
 */
export function requiredTokens(word: string): string[] {
  const parts = [...new Set(segmentForSearch(word))];
  const minimal = parts.filter((p) => !parts.some((o) => o !== p && o.length < p.length && p.includes(o)));
  return minimal.length ? minimal : [word];
}

/**
 * One quoted FTS5 string per index token. A token the index tokenizer would split further
 * (3.5 → 3, 5) becomes several ANDed strings: the index keeps no positions, so FTS5 accepts no
 * multi-token phrases.
 */
const quote = (token: string) =>
  token
    .split(/[^\p{L}\p{N}\p{M}_-]+/u)
    .filter(Boolean)
    .map((t) => `"${t.replaceAll('"', '""')}"`)
    .join(' AND ') || '""';

/** FTS5 expression: every word must match through one of its alternatives. Empty for no words. */
export function ftsMatch(words: QueryWord[]): string {
  return words
    .map((w) => {
      const alts = [...new Set(w.alternatives.map((a) => requiredTokens(a).map(quote).join(' AND ')))];
      return alts.length === 1 ? `(${alts[0]})` : `(${alts.map((a) => `(${a})`).join(' OR ')})`;
    })
    .join(' AND ');
}

/** What to mark in a hit: every alternative and its parts, longest first. */
export function highlightTerms(words: QueryWord[]): string[] {
  const terms = new Set<string>();
  for (const w of words) {
    for (const a of w.alternatives) {
      terms.add(a);
      for (const t of requiredTokens(a)) terms.add(t);
    }
  }
  return [...terms].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
}
