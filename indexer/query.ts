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
  for (let i = 0; i < text.length;) {
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
 * Fewest dictionary parts that tile a word exactly (拖欠工资 → 拖欠 + 工资), or null when its
 * parts overlap or leave characters out (养老金 → 养老, 老金; 社保卡 → 社保 only).
 */
function tiling(word: string, parts: string[]): string[] | null {
  const best: (string[] | null)[] = [[], ...Array.from({ length: word.length }, () => null)];
  for (let end = 1; end <= word.length; end++) {
    for (const part of parts) {
      const start = end - part.length;
      const before = start >= 0 ? best[start] : null;
      if (!before || !word.startsWith(part, start)) continue;
      if (!best[end] || before.length + 1 < best[end]!.length) best[end] = [...before, part];
    }
  }
  return best[word.length] ?? null;
}

/**
 * The tokens a word must all have in a post. The word is cut in accurate mode (劳动争议仲裁 →
 * 劳动, 争议, 仲裁), and each piece that dictionary parts tile exactly is replaced by them
 * (拖欠工资 → 拖欠, 工资), so looser phrasings match too (拖欠了工资, 拖欠农民工工资): the index
 * holds every accurate-mode word of a post plus the dictionary parts of its long words. Pieces
 * whose parts overlap or do not cover them stay whole: the parts of a word in isolation can be
 * pieces its context never yields (养老金 → 老金), and a part alone is too loose (社保卡 → 社保
 * would match every post about 社保).
 */
export function requiredTokens(word: string): string[] {
  const tokens: string[] = [];
  for (const piece of segment(word)) {
    const parts = segmentForSearch(piece).filter((p) => p !== piece && p.length < piece.length);
    tokens.push(...(tiling(piece, parts) ?? [piece]));
  }
  const unique = [...new Set(tokens)];
  return unique.length ? unique : [word];
}

/**
 * Alternatives of a word as sets of required tokens, dropping any set that contains another
 * (拖欠+农民工+工资 beside 拖欠+工资): a superset finds only posts the smaller set already
 * finds, and every OR branch costs FTS5 a pass over its doclists.
 */
export function alternativeTokenSets(word: QueryWord): string[][] {
  const sets = [
    ...new Map(
      word.alternatives.map((a) => {
        const tokens = requiredTokens(a).sort();
        return [tokens.join('\u0000'), tokens] as const;
      }),
    ).values(),
  ];
  return sets.filter((set, i) => !sets.some((other, j) => j !== i && other.length < set.length && other.every((t) => set.includes(t))));
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
      const alts = alternativeTokenSets(w).map((set) => set.map(quote).join(' AND '));
      return alts.length === 1 ? `(${alts[0]})` : `(${alts.map((a) => `(${a})`).join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * The query's structure for the store: words that must all match, each through one of its
 * alternatives, each alternative a set of quoted FTS5 terms that must all be present. The same
 * expression as ftsMatch; the store ranks with a lighter form of it (SqliteFullText.search).
 */
export function matchStructure(words: QueryWord[]): string[][][] {
  return words.map((w) => alternativeTokenSets(w).map((set) => set.map(quote)));
}

/** What to mark in a hit: every alternative and its parts, longest first. */
export function highlightTerms(words: QueryWord[]): string[] {
  const terms = new Set<string>();
  for (const w of words) {
    for (const a of w.alternatives) {
      terms.add(a);
      // Single characters (卡 of 社会保险卡) would mark every 卡 in a post; whole words still match.
      for (const t of requiredTokens(a)) if (t.length > 1 || t === a) terms.add(t);
    }
  }
  return [...terms].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
}
