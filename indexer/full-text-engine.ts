// The embedded search engine's ranking and query logic over the FTS5 storage in the store
// (store/full-text.ts): filters, totals and facet counts run in memory over a columnar copy of the
// filter fields, reloaded when the index changes; FTS5 finds the matching rows and bm25 ranks the
// newest of them (title counts three times the body). The store only keeps rows and transactions.
import type { FullTextColumns, FullTextDocument, FullTextReader, FullTextRepo } from '../store/full-text.ts';

/** How many of the newest matches bm25 ranks when a query matches more (see search). */
export const RANK_WINDOW = 1000;
/** Terms in more than this share of the posts, and in more than COMMON_MIN, are left out of bm25 (see rank). */
export const COMMON_SHARE = 1 / 3;
const COMMON_MIN = 5000;
const BM25_WEIGHTS = { title: 3, body: 1 };

export const FULL_TEXT_FACETS = ['source', 'district', 'topic', 'sentiment', 'severity'] as const;
export type FullTextFacet = (typeof FULL_TEXT_FACETS)[number];

export interface FullTextQuery {
  /** An FTS5 match expression built by the indexer from segmented, quoted tokens; empty matches all. */
  match: string;
  /**
   * `match` as a structure: words that must all match, each through one of its alternatives,
   * each alternative a list of FTS5 terms (quoted tokens) that must all be present. When given,
   * bm25 ranks with the terms that are not in most posts; otherwise with `match` itself.
   */
  words?: string[][][];
  filters: {
    source?: string[];
    district?: string[];
    topic?: string[];
    sentiment?: string[];
    severityAtLeast?: number;
    /** UTC ISO bounds: since inclusive, until exclusive. */
    since?: string;
    until?: string;
  };
  limit: number;
  offset: number;
  facets: FullTextFacet[];
}

/** A stored document without its tokens, ranked. */
export interface FullTextHit extends Omit<FullTextDocument, 'titleTokens' | 'bodyTokens'> {
  /** bm25 (lower is better); 0 when listing without words. */
  rank: number;
}

export interface FullTextResult {
  hits: FullTextHit[];
  total: number;
  facets: Partial<Record<FullTextFacet, Record<string, number>>>;
}

const CATEGORIES = ['source', 'district', 'topic', 'sentiment'] as const;
type Category = (typeof CATEGORIES)[number];
const NO_SEVERITY = -32768;

/**
 * The filter fields of every indexed post, one typed array per field indexed by rowid − base.
 * Text fields are coded (0 = null); `values[code]` is the text.
 */
interface FilterColumns {
  generation: number;
  base: number;
  alive: Uint8Array;
  codes: Record<Category, Uint32Array>;
  values: Record<Category, string[]>;
  severity: Int16Array;
  /** Milliseconds; NaN when the post has no date. */
  published: Float64Array;
  /** Rowids, newest first (undated last, then by rowid, newest first). */
  newestFirst: Int32Array;
}

type Accept = (rowid: number) => boolean;

function toFilterColumns(raw: FullTextColumns): FilterColumns {
  const { rowids } = raw;
  let min = Infinity;
  let max = -Infinity;
  for (const r of rowids) {
    if (r < min) min = r;
    if (r > max) max = r;
  }
  const base = rowids.length ? min : 0;
  const size = rowids.length ? max - min + 1 : 0;
  const alive = new Uint8Array(size);
  for (const r of rowids) alive[r - base] = 1;
  const values = {} as Record<Category, string[]>;
  const codes = {} as Record<Category, Uint32Array>;
  for (const c of CATEGORIES) {
    const dictionary = new Map<string, number>([['', 0]]);
    const names = [''];
    const column = new Uint32Array(size);
    raw[c].forEach((v, j) => {
      let code = dictionary.get(v);
      if (code === undefined) {
        code = names.push(v) - 1;
        dictionary.set(v, code);
      }
      column[rowids[j]! - base] = code;
    });
    values[c] = names;
    codes[c] = column;
  }
  const severity = new Int16Array(size).fill(NO_SEVERITY);
  raw.severity.forEach((v, j) => {
    if (v !== null) severity[rowids[j]! - base] = v;
  });
  const published = new Float64Array(size).fill(NaN);
  raw.publishedMs.forEach((v, j) => {
    if (v !== null) published[rowids[j]! - base] = v;
  });
  return { generation: raw.generation, base, alive, codes, values, severity, published, newestFirst: Int32Array.from(raw.newestFirst) };
}

export class FullTextEngine {
  private columns: FilterColumns | null = null;
  private frequencies: { generation: number; counts: Map<string, number> } = { generation: -1, counts: new Map() };
  private readonly rankWindow: number;
  private readonly commonMin: number;

  /** Options for tests: a smaller ranking window, and common terms left out of bm25 at any size. */
  constructor(
    private readonly repo: FullTextRepo,
    options: { rankWindow?: number; commonMin?: number } = {},
  ) {
    this.rankWindow = options.rankWindow ?? RANK_WINDOW;
    this.commonMin = options.commonMin ?? COMMON_MIN;
  }

  async search(q: FullTextQuery): Promise<FullTextResult> {
    return this.repo.read((reader) => this.searchSnapshot(reader, q));
  }

  /** The in-memory filter columns, reloaded when any process changed the index since. */
  private filterColumns(reader: FullTextReader): FilterColumns {
    if (this.columns?.generation === reader.generation()) return this.columns;
    this.columns = toFilterColumns(reader.columns());
    return this.columns;
  }

  private acceptor(cols: FilterColumns, f: FullTextQuery['filters']): Accept {
    const { base, alive, severity, published } = cols;
    const size = alive.length;
    const checks: [Uint32Array, Uint8Array][] = [];
    for (const c of CATEGORIES) {
      const wanted = f[c];
      if (!wanted?.length) continue;
      const allowed = new Uint8Array(cols.values[c].length);
      wanted.forEach((v) => {
        const k = cols.values[c].indexOf(v);
        if (k > 0) allowed[k] = 1;
      });
      checks.push([cols.codes[c], allowed]);
    }
    const minSeverity = f.severityAtLeast;
    const since = f.since ? Date.parse(f.since) : undefined;
    const until = f.until ? Date.parse(f.until) : undefined;
    return (rowid) => {
      const i = rowid - base;
      if (i < 0 || i >= size || !alive[i]) return false;
      for (const [codes, allowed] of checks) if (!allowed[codes[i]!]) return false;
      if (minSeverity !== undefined && (severity[i] === NO_SEVERITY || severity[i]! < minSeverity)) return false;
      // NaN (no date) fails both comparisons, as NULL does in SQL.
      if (since !== undefined && !(published[i]! >= since)) return false;
      if (until !== undefined && !(published[i]! < until)) return false;
      return true;
    };
  }

  private facetCounts(cols: FilterColumns, rowids: Int32Array, names: FullTextQuery['facets']): FullTextResult['facets'] {
    const facets: FullTextResult['facets'] = {};
    const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    for (const name of names) {
      const counts = new Map<string, number>();
      if (name === 'severity') {
        const tally = new Map<number, number>();
        for (const r of rowids) {
          const s = cols.severity[r - cols.base]!;
          if (s !== NO_SEVERITY) tally.set(s, (tally.get(s) ?? 0) + 1);
        }
        for (const [s, n] of tally) counts.set(String(s), n);
      } else if ((CATEGORIES as readonly string[]).includes(name)) {
        const codes = cols.codes[name as Category];
        const tally = new Uint32Array(cols.values[name as Category].length);
        for (const r of rowids) tally[codes[r - cols.base]!]!++;
        tally.forEach((n, k) => {
          if (k > 0 && n > 0) counts.set(cols.values[name as Category][k]!, n);
        });
      } else {
        continue;
      }
      facets[name] = sorted(counts);
    }
    return facets;
  }

  /** Posts containing a term, counted once per index generation (what bm25 calls IDF). */
  private documentFrequency(reader: FullTextReader, cols: FilterColumns, term: string): number {
    if (this.frequencies.generation !== cols.generation) this.frequencies = { generation: cols.generation, counts: new Map() };
    let n = this.frequencies.counts.get(term);
    if (n === undefined) {
      n = reader.countMatches(term);
      this.frequencies.counts.set(term, n);
    }
    return n;
  }

  /**
   * The expression bm25 ranks with. FTS5's bm25 counts, for every term of its expression, how
   * many posts contain it, by walking the term's whole doclist: for a word in most posts (镇,
   * 社会) that walk costs more than ranking the window itself. So terms in more than
   * COMMON_SHARE of the posts are left out (an alternative left empty drops its word): their
   * inverse document frequency is near zero (ln((N−n+0.5)/(n+0.5)) ≤ ln 2 at a third) and tells
   * little about which match is better. Below COMMON_MIN posts the walk is cheap and every term
   * ranks. Null when nothing selective is left.
   */
  private rankExpression(reader: FullTextReader, cols: FilterColumns, q: FullTextQuery): string | null {
    if (!q.words) return q.match;
    const common = Math.max(cols.newestFirst.length * COMMON_SHARE, this.commonMin);
    const words: string[] = [];
    for (const alternatives of q.words) {
      const kept = alternatives.map((terms) => terms.filter((t) => this.documentFrequency(reader, cols, t) <= common));
      if (kept.length === 0 || kept.some((terms) => terms.length === 0)) continue;
      words.push(`(${kept.map((terms) => `(${terms.map((t) => `(${t})`).join(' AND ')})`).join(' OR ')})`);
    }
    return words.length ? words.join(' AND ') : null;
  }

  /**
   * bm25 of the given matches (newest first, a run of all matches passing the filters), best
   * first; ties, and matches the rank expression does not reach, newest first.
   */
  private rank(reader: FullTextReader, cols: FilterColumns, q: FullTextQuery, window: Int32Array): [number, number][] {
    const scores = new Map<number, number>();
    for (const r of window) scores.set(r, 0);
    const expression = this.rankExpression(reader, cols, q);
    if (expression && window.length) {
      for (const [rowid, score] of reader.bm25(expression, window[window.length - 1]!, window[0]!, BM25_WEIGHTS)) {
        if (scores.has(rowid)) scores.set(rowid, score);
      }
    }
    const time = (rowid: number) => cols.published[rowid - cols.base]! || 0;
    return [...scores].sort((a, b) => a[1] - b[1] || time(b[0]) - time(a[0]) || b[0] - a[0]);
  }

  /** One read transaction: the generation, the matches and the ranking see the same index. */
  private searchSnapshot(reader: FullTextReader, q: FullTextQuery): FullTextResult {
    const cols = this.filterColumns(reader);
    const f = q.filters;
    const filtered = CATEGORIES.some((c) => f[c]?.length) || f.severityAtLeast !== undefined || !!f.since || !!f.until;
    const matching = q.match.trim() !== '';
    const end = q.offset + q.limit;

    if (matching && !filtered && q.facets.length === 0) {
      // Nothing to filter or count per facet: FTS5 counts, and only the window leaves SQLite.
      // A one-term query's total is that term's document frequency, counted once per generation.
      const single = q.words?.length === 1 && q.words[0]!.length === 1 && q.words[0]![0]!.length === 1 ? q.words[0]![0]![0]! : null;
      const total = single ? this.documentFrequency(reader, cols, single) : reader.countMatches(q.match);
      if (q.offset >= total || q.limit === 0) return { hits: [], total, facets: {} };
      const windowed = total > this.rankWindow && end <= this.rankWindow;
      const window = Int32Array.from(reader.matchingRows(q.match, windowed ? this.rankWindow : undefined));
      const page = this.rank(reader, cols, q, window).slice(q.offset, end);
      return { hits: this.hitsFor(reader, page), total, facets: {} };
    }

    // Every match that passes the filters, newest first (FTS5 walks its doclists backwards).
    const accept = this.acceptor(cols, f);
    const candidates: Int32Array | number[] = matching ? reader.matchingRows(q.match) : cols.newestFirst;
    const matched = new Int32Array(candidates.length);
    let total = 0;
    for (const r of candidates) if (accept(r)) matched[total++] = r;
    const all = matched.subarray(0, total);
    const facets = this.facetCounts(cols, all, q.facets);
    if (q.offset >= total || q.limit === 0) return { hits: [], total, facets };
    if (!matching) {
      return {
        hits: this.hitsFor(
          reader,
          [...all.subarray(q.offset, end)].map((rowid) => [rowid, 0]),
        ),
        total,
        facets,
      };
    }
    // bm25 costs about a microsecond per row and a common word matches tens of thousands of
    // posts. Beyond the window, rank only the newest `rankWindow` matches (rows are inserted in
    // time order), which is what a duty officer looks at first; deeper pages rank everything.
    let window = all;
    if (end <= this.rankWindow && candidates.length > this.rankWindow) {
      // bm25 runs over a rowid range, filtered-out matches inside it included: stop the range
      // after the newest `rankWindow` matches, or later if the page needs more that pass.
      const bound = Math.min(candidates[this.rankWindow - 1]!, all[Math.min(end, total) - 1]!);
      let n = 0;
      while (n < total && all[n]! >= bound) n++;
      window = all.subarray(0, n);
    }
    return { hits: this.hitsFor(reader, this.rank(reader, cols, q, window).slice(q.offset, end)), total, facets };
  }

  private hitsFor(reader: FullTextReader, page: [number, number][]): FullTextHit[] {
    const byRowid = new Map(reader.rows(page.map((p) => p[0])).map((r) => [r.rowid, r]));
    const hits: FullTextHit[] = [];
    for (const [rowid, rank] of page) {
      const r = byRowid.get(rowid);
      if (!r) continue;
      const { rowid: _rowid, ...doc } = r;
      hits.push({ ...doc, rank });
    }
    return hits;
  }
}

/** One engine per store, so its column copy and term counts survive between searches. */
const engines = new WeakMap<FullTextRepo, FullTextEngine>();
export function fullTextEngine(repo: FullTextRepo): FullTextEngine {
  let engine = engines.get(repo);
  if (!engine) engines.set(repo, (engine = new FullTextEngine(repo)));
  return engine;
}
