// What near-duplicate clustering compares, computed once per post (pure functions, no I/O):
// - an exact fingerprint of the normalised text (reposts that only change punctuation or spacing);
// - a MinHash signature over character 3-grams (surface near-duplicates: forwarded copies with a
//   few words changed), with LSH bands to find candidates without comparing every pair;
// - IDF-weighted key terms (words rare in general Chinese and in 人社 posts: place, site and
//   company names), because people reporting the same incident in their own words share few
//   characters but name the same 安置房, 工地 and 劳务公司.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { segmenter } from '../segment.ts';
import { projectPath } from '../../config/paths.ts';
import type { Region } from '../../config/region.ts';

/** Repost markers people prepend ("转：", "转发：", "【转载】") carry no content. */
const REPOST_PREFIX = /^\s*[【[(（]?\s*(转发|转载|转帖|转)\s*[】\])）]?\s*[:：]?\s*/u;

/** NFKC, lower case, repost prefixes and everything but letters and digits removed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(REPOST_PREFIX, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function exactFingerprint(title: string, body: string): string {
  return createHash('sha1')
    .update(`${normaliseText(title)}\u0000${normaliseText(body)}`)
    .digest('hex');
}

/** FNV-1a over UTF-16 code units: fast, stable across runs and machines. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed character n-grams of normalised text (a text shorter than n is one shingle). */
export function shingles(normalised: string, n = 3): Set<number> {
  const out = new Set<number>();
  const chars = [...normalised];
  if (chars.length === 0) return out;
  if (chars.length <= n) {
    out.add(fnv1a(chars.join('')));
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(fnv1a(chars.slice(i, i + n).join('')));
  return out;
}

export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Final avalanche of murmur3: spreads a 32-bit value over all bits. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: 256 }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2d)));

/** MinHash signature: for each of `numPerm` hash functions, the smallest hash over the shingles. */
export function minhash(shingleSet: Set<number>, numPerm = 128): Uint32Array {
  const sig = new Uint32Array(numPerm).fill(0xffffffff);
  for (const s of shingleSet) {
    for (let i = 0; i < numPerm; i++) {
      const h = mix32(s ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Share of equal positions: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function minhashSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** LSH band keys: two signatures sharing any band key become candidates. */
export function lshBands(sig: Uint32Array, rowsPerBand: number): string[] {
  const keys: string[] = [];
  for (let start = 0; start + rowsPerBand <= sig.length; start += rowsPerBand) {
    let h = 0x811c9dc5 ^ start;
    for (let i = start; i < start + rowsPerBand; i++) h = mix32(h ^ sig[i]!);
    keys.push(`${start}:${h}`);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Key terms

/**
 * Term weights: general-language IDF (jieba's table, from a large general corpus) plus a domain
 * IDF over 人社 posts (the project's own written examples and the posts being clustered), so a
 * word is heavy only when it is rare both in everyday Chinese and on a 人社 board.
 */
export class TermWeights {
  private readonly general: Map<string, number>;
  private readonly unknownGeneral: number;
  private domainDocs = 0;
  private readonly domainDf = new Map<string, number>();

  /** Words that never make an incident distinct (the region's own place names). */
  private readonly common: Set<string>;

  /** The domain's everyday vocabulary (the project dictionary): says what kind of complaint, not which one. */
  private readonly vocabulary: Set<string>;

  constructor(general: Map<string, number>, common: Iterable<string> = [], vocabulary: Iterable<string> = []) {
    this.general = general;
    this.common = new Set(common);
    this.vocabulary = new Set(vocabulary);
    const values = [...general.values()].sort((a, b) => a - b);
    // A word jieba's corpus never saw is most likely a name: weigh it like the rarer half.
    this.unknownGeneral = values.length ? values[Math.floor(values.length * 0.75)]! : 10;
  }

  /** Adds a prebuilt background: `documents` documents with these document frequencies. */
  addBackground(background: DomainBackground): void {
    this.domainDocs += background.documents;
    for (const [w, n] of Object.entries(background.df)) this.domainDf.set(w, (this.domainDf.get(w) ?? 0) + n);
  }

  /** Counts each distinct word of a document towards the domain document frequency. */
  addDocument(words: Iterable<string>): void {
    this.domainDocs++;
    for (const w of new Set(words)) this.domainDf.set(w, (this.domainDf.get(w) ?? 0) + 1);
  }

  weight(word: string): number {
    if (this.common.has(word)) return 0;
    const general = this.general.get(word) ?? this.unknownGeneral;
    const domain = Math.log((this.domainDocs + 1) / ((this.domainDf.get(word) ?? 0) + 1));
    return (general + domain) * (this.vocabulary.has(word) ? VOCABULARY_FACTOR : 1);
  }
}

/** How much a dictionary word counts compared with a word of the same rarity outside it. */
export const VOCABULARY_FACTOR = 0.5;

/** Words of the project's jieba dictionary (config/dictionary.txt). */
export function projectVocabulary(): string[] {
  try {
    return readFileSync(projectPath('config', 'dictionary.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0] ?? '')
      .filter((w) => w && !w.startsWith('#'));
  } catch {
    return [];
  }
}

let generalIdf: Map<string, number> | null = null;

/** jieba's general IDF table (word → idf), loaded once per process. */
export function loadGeneralIdf(): Map<string, number> {
  if (generalIdf) return generalIdf;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@node-rs/jieba/idf.txt');
  const map = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const idf = Number(line.slice(space + 1));
    if (Number.isFinite(idf)) map.set(line.slice(0, space), idf);
  }
  generalIdf = map;
  return map;
}

/**
 * The domain background: document frequencies of naming words over the project's own written 人社
 * examples. Built by `node bin/run-ts.mjs analysis/dedupe/build-background.ts` and committed
 * (domain-background.json) so a run never depends on those files being present; a test checks that
 * it matches its sources.
 */
export interface DomainBackground {
  /** sha256 of each source file, to see when it is stale. */
  sources: Record<string, string>;
  documents: number;
  df: Record<string, number>;
}

export const DOMAIN_BACKGROUND_FILE = projectPath('analysis', 'dedupe', 'domain-background.json');

// Only the first written sets: the later example files were written to a brief that names 达州's
// districts in most posts, which would make 宣汉 or 达川 look as common as 工资 and blur incidents.
export const DOMAIN_SOURCES = [
  ['analysis', 'corpus', 'train', 'core.jsonl'],
  ['analysis', 'corpus', 'test', 'holdout.jsonl'],
] as const;

/** Builds the background from its sources; a missing or malformed source is an error, not a silent gap. */
export function buildDomainBackground(): DomainBackground {
  const sources: Record<string, string> = {};
  const df = new Map<string, number>();
  let documents = 0;
  for (const parts of DOMAIN_SOURCES) {
    const name = parts.join('/');
    const text = readFileSync(projectPath(...parts), 'utf8');
    sources[name] = createHash('sha256').update(text).digest('hex');
    for (const [i, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      let row: { text?: unknown };
      try {
        row = JSON.parse(line) as { text?: unknown };
      } catch {
        throw new Error(`${name} 第 ${i + 1} 行不是合法的 JSON`);
      }
      if (typeof row.text !== 'string') throw new Error(`${name} 第 ${i + 1} 行缺少 text`);
      documents++;
      for (const w of new Set(contentWords(row.text))) df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const sorted = Object.fromEntries([...df.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  return { sources, documents, df: sorted };
}

let background: DomainBackground | null = null;

/** The committed background, read once per process. */
export function loadDomainBackground(): DomainBackground {
  if (background) return background;
  let text: string;
  try {
    text = readFileSync(DOMAIN_BACKGROUND_FILE, 'utf8');
  } catch {
    throw new Error(`缺少 ${DOMAIN_BACKGROUND_FILE}：请运行 node bin/run-ts.mjs analysis/dedupe/build-background.ts 生成`);
  }
  background = JSON.parse(text) as DomainBackground;
  return background;
}

/**
 * Parts of speech that name things (nouns, places, organisations, names, unknown words such as
 * 总包). Verbs, numbers and adverbs describe the complaint, not which incident it is.
 */
const NAMING_TAGS = /^(n|nr|nrt|nrfg|ns|nt|nz|ng|vn|x|eng|b|j|l|s)$/;

/** Naming words of a text (two or more characters): what tells one incident from another. */
export function contentWords(text: string): string[] {
  return segmenter()
    .tag(text.normalize('NFKC'), false)
    .filter((t) => NAMING_TAGS.test(t.tag) && [...t.word].length >= 2 && /[\p{L}]/u.test(t.word))
    .map((t) => t.word);
}

/** jieba's tags for proper names: places, persons, organisations, other proper nouns. */
const PROPER_TAGS = /^(nr|nrt|nrfg|ns|nt|nz)$/;

/** Words of a text jieba tags as proper names (城南, a township, a firm it knows): what names a place or body. */
export function properWords(text: string): Set<string> {
  return new Set(
    segmenter()
      .tag(text.normalize('NFKC'), false)
      .filter((t) => PROPER_TAGS.test(t.tag) && [...t.word].length >= 2)
      .map((t) => t.word),
  );
}

/**
 * The region's own place names (city, province, districts and their short forms): most posts on
 * a city's board name one, so they say which county, not which incident. Townships, sites and
 * companies stay key terms.
 */
export function regionPlaceNames(region: Region): string[] {
  const strip = (name: string) => name.replace(/(省|市|区|县)$/u, '');
  const names = [region.city, region.province, ...region.districts.flatMap((d) => [d.name, ...d.aliases])];
  return [...new Set(names.flatMap((n) => [n, strip(n)]).filter((n) => [...n].length >= 2))];
}

export function newTermWeights(commonWords: Iterable<string> = []): TermWeights {
  const weights = new TermWeights(loadGeneralIdf(), commonWords, projectVocabulary());
  weights.addBackground(loadDomainBackground());
  return weights;
}

/** Key terms of a document and their weights: words at or above `minWeight`. */
export function keyTerms(words: string[], weights: TermWeights, minWeight: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of words) {
    if (out.has(w) || /^\d+$/.test(w)) continue;
    const weight = weights.weight(w);
    if (weight >= minWeight) out.set(w, weight);
  }
  return out;
}

/** Weighted Jaccard over key-term sets: shared weight / union weight. */
export function keyTermSimilarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let union = 0;
  for (const [t, w] of a) {
    union += w;
    if (b.has(t)) shared += w;
  }
  for (const [t, w] of b) if (!a.has(t)) union += w;
  return union === 0 ? 0 : shared / union;
}

/** Total weight of the key terms two documents share. */
export function sharedTermWeight(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [t, w] of a) if (b.has(t)) shared += w;
  return shared;
}
