// Features of the sentiment model: character 1–3-grams of the normalised text (robust to jieba's
// mistakes on colloquial posts) plus a few lexicon features, so the model learns how far to trust
// the lexicon and the lexicon explains the result.
import { analyzeLexicon, type LexiconAnalysis } from './lexicon-match.ts';
import { NOT_CRISIS } from '../lexicon.ts';

export const LEXICON_FEATURES = ['lex:neg', 'lex:pos', 'lex:negated-neg', 'lex:question', 'lex:appeal', 'lex:exclaim', 'lex:grievance', 'lex:irony'] as const;
export type LexiconFeature = (typeof LEXICON_FEATURES)[number];

/** Full-width to half-width, lower case, digits folded, spaces dropped: 3个月 and ３个月 look alike. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\d+(\.\d+)?/g, '0')
    .replace(/\s+/g, '');
}

/**
 * Punctuation is left out of the n-grams: whether a writer ends with 。 or ？ or nothing says more about
 * who wrote the training examples than about the mood (questions are a lexicon feature instead).
 */
const PUNCTUATION = /[\p{P}\p{S}]+/u;

const SURROGATE = /[\uD800-\uDFFF]/;

export function charNgrams(text: string, maxN = 3): Set<string> {
  const grams = new Set<string>();
  for (const run of normalizeText(text).split(PUNCTUATION)) {
    if (!run) continue;
    if (!SURROGATE.test(run)) {
      // One UTF-16 unit per character (all of CJK's basic plane): plain substrings, same order as below.
      for (let n = 1; n <= maxN; n++) {
        for (let i = 0; i + n <= run.length; i++) grams.add(run.substring(i, i + n));
      }
      continue;
    }
    const chars = [...run];
    for (let n = 1; n <= maxN; n++) {
      for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
    }
  }
  return grams;
}

export function lexiconFeatures(lex: LexiconAnalysis, text: string): Record<LexiconFeature, number> {
  return {
    'lex:neg': Math.log1p(lex.negativeScore),
    'lex:pos': Math.log1p(lex.positiveScore),
    'lex:negated-neg': Math.min(lex.negatedNegatives, 2),
    'lex:question': Math.min(lex.questions.length, 2),
    'lex:appeal': Math.min(lex.appeals.length, 2),
    'lex:exclaim': Math.min((text.match(/[!！]/g) ?? []).length, 2),
    'lex:grievance': Math.min(lex.grievances.length, 2),
    'lex:irony': Math.min(lex.irony.length, 2),
  };
}

export interface FeatureVector {
  grams: string[];
  lexicon: Record<LexiconFeature, number>;
  analysis: LexiconAnalysis;
}

/**
 * 跳楼价 and 死亡抚恤 hold crisis characters but mean a sale and a benefit: left out of the n-grams,
 * or the weight the model learned for 跳楼 in real threats would make a shop advert sound desperate.
 */
export function withoutNonCrisisPhrases(text: string): string {
  let out = text;
  for (const phrase of NOT_CRISIS) if (out.includes(phrase)) out = out.split(phrase).join('＿');
  return out;
}

export function extractFeatures(text: string, analysis: LexiconAnalysis = analyzeLexicon(text)): FeatureVector {
  return { grams: [...charNgrams(withoutNonCrisisPhrases(text))], lexicon: lexiconFeatures(analysis, text), analysis };
}
