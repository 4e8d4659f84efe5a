// Lexicon matching with negation and degree: longest-match scan over the text, then each sentiment
// word looks back within its clause for intensifiers and negators ("不是不给发" is not a complaint,
// "根本没人管" is a strong one). Pure; used both as model features and to explain a score.
import {
  APPEAL_WORDS,
  CLAUSE_BREAK,
  DEGREE_WORDS,
  GRIEVANCE_PATTERNS,
  HYPOTHETICAL,
  NEGATIVE_WORDS,
  NEGATORS,
  NOT_CRISIS,
  NOT_SENTIMENT,
  POSITIVE_WORDS,
  QUESTION_WORDS,
  RHETORICAL_PATTERNS,
} from '../lexicon.ts';
import { requiredChars, TextChars } from '../required-chars.ts';

type Kind = 'negative' | 'positive' | 'degree' | 'negator';

interface Token {
  kind: Kind | 'break';
  word: string;
  at: number;
}

export interface LexiconHit {
  word: string;
  polarity: 'negative' | 'positive';
  /** Weight after intensifiers. */
  weight: number;
  /** Preceded by an odd number of negators in its clause. */
  negated: boolean;
}

export interface LexiconAnalysis {
  hits: LexiconHit[];
  /** Sum of un-negated negative weights plus negated positive ones ("没有及时" counts as negative). */
  negativeScore: number;
  positiveScore: number;
  negatedNegatives: number;
  appeals: string[];
  questions: string[];
  /** Grievance facts reported (not asked about hypothetically), one per kind, in lexicon order. */
  grievances: GrievanceHit[];
  /** Sarcasm (praise in quotes: "真是太'高效'了") and rhetorical complaints ("这就是你们说的便民服务？"). */
  irony: string[];
}

export interface GrievanceHit {
  label: string;
  weight: number;
  /** The words that matched, for the duty officer. */
  text: string;
}

const ENTRIES = new Map<string, Kind>();
for (const w of NEGATORS) ENTRIES.set(w, 'negator');
for (const w of Object.keys(DEGREE_WORDS)) ENTRIES.set(w, 'degree');
for (const w of Object.keys(POSITIVE_WORDS)) ENTRIES.set(w, 'positive');
// Negative words last so 不给/不满 beat the negator 不 of the same length start.
for (const w of Object.keys(NEGATIVE_WORDS)) ENTRIES.set(w, 'negative');
/** Word lengths per first character's UTF-16 code, longest first: the scan only tries lengths some word has. */
const LENGTHS_BY_FIRST = new Map<number, number[]>();
for (const w of ENTRIES.keys()) {
  const lengths = LENGTHS_BY_FIRST.get(w.charCodeAt(0)) ?? [];
  if (!lengths.includes(w.length)) lengths.push(w.length);
  LENGTHS_BY_FIRST.set(w.charCodeAt(0), lengths);
}
for (const lengths of LENGTHS_BY_FIRST.values()) lengths.sort((a, b) => b - a);
/** CLAUSE_BREAK per UTF-16 code (0 not yet tested, 1 a break, 2 not): tested once per code, not once per character of every post. */
const BREAK_CODES = new Uint8Array(0x10000);
function isBreak(code: number): boolean {
  if (!BREAK_CODES[code]) BREAK_CODES[code] = CLAUSE_BREAK.test(String.fromCharCode(code)) ? 1 : 2;
  return BREAK_CODES[code] === 1;
}

/** How far back (in characters) a negator or intensifier still applies. */
const SCOPE_CHARS = 5;
/** A negated positive counts as this share of a negative word. */
const NEGATED_POSITIVE_SHARE = 0.8;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isBreak(code)) {
      tokens.push({ kind: 'break', word: text[i]!, at: i });
      i += 1;
      continue;
    }
    const lengths = LENGTHS_BY_FIRST.get(code);
    if (!lengths) {
      i += 1;
      continue;
    }
    let found: string | null = null;
    for (const len of lengths) {
      if (i + len > text.length) continue;
      const candidate = text.slice(i, i + len);
      if (ENTRIES.has(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found) {
      tokens.push({ kind: ENTRIES.get(found)!, word: found, at: i });
      i += found.length;
    } else {
      i += 1;
    }
  }
  return tokens;
}

function occurrences(text: string, words: readonly string[]): string[] {
  return words.filter((w) => text.includes(w));
}

const SENTENCE_BREAK = /[。！？!?；;\n]/;
const DENIAL_BEFORE = /(不是|并非|并不是|没说|没有说)$/;

/** True when a match is hypothetical: a marker earlier in its sentence, or anywhere in its clause. */
function isHypothetical(text: string, start: number, end: number): boolean {
  let sentenceStart = start;
  while (sentenceStart > 0 && !SENTENCE_BREAK.test(text[sentenceStart - 1]!)) sentenceStart -= 1;
  let clauseEnd = end;
  while (clauseEnd < text.length && !CLAUSE_BREAK.test(text[clauseEnd]!)) clauseEnd += 1;
  const before = text.slice(sentenceStart, start);
  const clauseAfter = text.slice(start, clauseEnd);
  return HYPOTHETICAL.some((w) => before.includes(w) || clauseAfter.includes(w));
}

// A pattern's "." never crosses a sentence end: "合同？超过一个月没签" is two sentences, not a grievance.
const WITHIN_SENTENCE = '[^。！？!?；;\\n]';
const COMPILED_GRIEVANCES = GRIEVANCE_PATTERNS.map((g) => ({
  ...g,
  global: g.patterns.map((p) => {
    const re = new RegExp(p.source.replaceAll('.', WITHIN_SENTENCE), 'g');
    return { re, need: requiredChars(re) };
  }),
}));
const grievanceChars = new TextChars();

/**
 * Grievance facts in the text. A kind counts once: its first reported match wins; a match in a
 * hypothetical ("如果单位不交社保") or right after a denial ("不是不给…") does not count.
 */
export function findGrievances(text: string): GrievanceHit[] {
  const found: GrievanceHit[] = [];
  grievanceChars.mark(text);
  for (const g of COMPILED_GRIEVANCES) {
    search: for (const { re, need } of g.global) {
      if (!grievanceChars.mayMatch(need)) continue;
      for (const m of text.matchAll(re)) {
        const start = m.index;
        if (DENIAL_BEFORE.test(text.slice(Math.max(0, start - 4), start))) continue;
        if (isHypothetical(text, start, start + m[0].length)) continue;
        found.push({ label: g.label, weight: g.weight, text: m[0] });
        break search;
      }
    }
  }
  return found;
}

const escapeRe = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Praise inside quotation marks, optionally with an intensifier: '高效', “太贴心”, 「便民」. */
const QUOTED_PRAISE = new RegExp(
  `["'“‘「『]\\s*(?:真|太|好|很|非常|特别|超)?(${Object.keys(POSITIVE_WORDS)
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})\\s*["'”’」』]`,
  'gu',
);
/** An ironic statement adds this much to the negative score. */
const IRONY_WEIGHT = 1.5;

export function findIrony(text: string): { irony: string[]; sarcasticWords: Set<string> } {
  const irony: string[] = [];
  const sarcasticWords = new Set<string>();
  for (const m of text.matchAll(QUOTED_PRAISE)) {
    irony.push(m[0]);
    sarcasticWords.add(m[1]!);
  }
  for (const p of RHETORICAL_PATTERNS) {
    const m = p.exec(text);
    if (m) irony.push(m[0]);
  }
  return { irony, sarcasticWords };
}

export function analyzeLexicon(text: string): LexiconAnalysis {
  // 跳楼价 is a sale, not a threat; 麻烦您 is polite.
  const masked = NOT_SENTIMENT.reduce(
    (t, re) => t.replace(re, (m) => '＿'.repeat(m.length)),
    NOT_CRISIS.reduce((t, w) => (t.includes(w) ? t.split(w).join('＿'.repeat(w.length)) : t), text),
  );
  const tokens = tokenize(masked);
  const hits: LexiconHit[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (token.kind !== 'negative' && token.kind !== 'positive') continue;
    let negations = 0;
    let degree = 1;
    for (let b = t - 1; b >= 0; b--) {
      const prev = tokens[b]!;
      if (prev.kind === 'break' || token.at - prev.at > SCOPE_CHARS) break;
      if (prev.kind === 'negator') negations += 1;
      else if (prev.kind === 'degree') degree *= DEGREE_WORDS[prev.word] ?? 1;
      else break; // another sentiment word closes the scope
    }
    const base = token.kind === 'negative' ? NEGATIVE_WORDS[token.word]! : POSITIVE_WORDS[token.word]!;
    hits.push({ word: token.word, polarity: token.kind, weight: base * degree, negated: negations % 2 === 1 });
  }
  // Quoted praise is sarcasm: the praise word counts like a negated one ("'高效'" = 不高效).
  const { irony, sarcasticWords } = findIrony(text);
  for (const h of hits) if (h.polarity === 'positive' && sarcasticWords.has(h.word)) h.negated = true;
  let negativeScore = 0;
  let positiveScore = 0;
  let negatedNegatives = 0;
  for (const h of hits) {
    if (h.polarity === 'negative') {
      if (h.negated) negatedNegatives += 1;
      else negativeScore += h.weight;
    } else if (h.negated) {
      negativeScore += h.weight * NEGATED_POSITIVE_SHARE;
    } else {
      positiveScore += h.weight;
    }
  }
  const grievances = findGrievances(text);
  for (const g of grievances) negativeScore += g.weight;
  negativeScore += irony.length * IRONY_WEIGHT;
  return {
    hits,
    grievances,
    negativeScore,
    positiveScore,
    negatedNegatives,
    appeals: occurrences(text, APPEAL_WORDS),
    questions: occurrences(text, QUESTION_WORDS),
    irony,
  };
}
