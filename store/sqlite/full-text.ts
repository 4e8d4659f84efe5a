// SQLite FTS5 storage for the embedded search engine. The indexer segments text with jieba and
// hands over space-separated tokens; FTS5 finds the matching rows and bm25 ranks them (title
// counts three times the body). Filters, totals and facet counts run in memory over a columnar
// copy of the side table's filter fields, reloaded when the index changes. Only store/sqlite
// knows this SQL.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { FullTextDocument, FullTextHit, FullTextQuery, FullTextRepo, FullTextResult } from '../full-text.ts';

/** How many of the newest matches bm25 ranks when a query matches more (see search). */
export const RANK_WINDOW = 1000;

const CATEGORIES = ['source', 'district', 'topic', 'sentiment'] as const;
type Category = (typeof CATEGORIES)[number];
const NO_SEVERITY = -32768;
/** Terms in more than this share of the posts, and in more than COMMON_MIN, are left out of bm25 (see rank). */
export const COMMON_SHARE = 1 / 3;
const COMMON_MIN = 5000;

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

interface HitRow {
  rowid: number;
  id: string;
  source: string;
  district: string | null;
  topic: string | null;
  sentiment: string | null;
  severity: number | null;
  published_at: string | null;
  cluster_id: string | null;
  cluster_size: number;
}


export class SqliteFullText implements FullTextRepo {
  private columns: FilterColumns | null = null;
  private readonly statements = new Map<string, Statement>();
  private frequencies: { generation: number; counts: Map<string, number> } = { generation: -1, counts: new Map() };

  private readonly rankWindow: number;
  private readonly commonMin: number;

  /** Options for tests: a smaller ranking window, and common terms left out of bm25 at any size. */
  constructor(
    private readonly db: Db,
    options: { rankWindow?: number; commonMin?: number } = {},
  ) {
    this.rankWindow = options.rankWindow ?? RANK_WINDOW;
    this.commonMin = options.commonMin ?? COMMON_MIN;
    // A database made with the first draft of migration 003 has no generation counter yet.
    const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'`).get();
    if (!hasMeta) {
      db.exec(`CREATE TABLE IF NOT EXISTS search_meta (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
               INSERT OR IGNORE INTO search_meta (id, generation) VALUES (1, 0);`);
    }
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private bumpGeneration() {
    this.stmt('UPDATE search_meta SET generation = generation + 1 WHERE id = 1').run();
  }

  async upsert(docs: FullTextDocument[]) {
    const find = this.stmt('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = this.stmt('DELETE FROM search_fts WHERE rowid = ?');
    const insDoc = this.stmt(
      `INSERT INTO search_docs (id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const updDoc = this.stmt(
      `UPDATE search_docs SET source=?, district=?, topic=?, sentiment=?, severity=?, published_at=?, cluster_id=?, cluster_size=?
       WHERE rowid = ?`,
    );
    const insFts = this.stmt('INSERT INTO search_fts (rowid, title, body) VALUES (?,?,?)');
    this.db.transaction(() => {
      for (const d of docs) {
        const fields = [d.source, d.district, d.topic, d.sentiment, d.severity, d.publishedAt, d.clusterId, d.clusterSize] as const;
        let rowid = find.get(d.id) as number | undefined;
        if (rowid === undefined) {
          rowid = Number(insDoc.run(d.id, ...fields).lastInsertRowid);
        } else {
          delFts.run(rowid);
          updDoc.run(...fields, rowid);
        }
        insFts.run(rowid, d.titleTokens, d.bodyTokens);
      }
      this.bumpGeneration();
    })();
  }

  async remove(ids: string[]) {
    const find = this.stmt('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = this.stmt('DELETE FROM search_fts WHERE rowid = ?');
    const delDoc = this.stmt('DELETE FROM search_docs WHERE rowid = ?');
    this.db.transaction(() => {
      for (const id of ids) {
        const rowid = find.get(id) as number | undefined;
        if (rowid === undefined) continue;
        delFts.run(rowid);
        delDoc.run(rowid);
      }
      this.bumpGeneration();
    })();
  }

  async clear() {
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM search_docs; INSERT INTO search_fts(search_fts) VALUES ('delete-all');`);
      this.bumpGeneration();
    })();
  }

  async optimize() {
    this.db.exec(`INSERT INTO search_fts(search_fts) VALUES ('optimize')`);
  }

  /** The in-memory filter columns, reloaded when any process changed the index since. */
  private filterColumns(): FilterColumns {
    const generation = this.stmt('SELECT generation FROM search_meta WHERE id = 1').pluck().get() as number;
    if (this.columns?.generation === generation) return this.columns;
    // Whole columns as one string each: better-sqlite3 spends about a microsecond per row it hands
    // over, so 200,000 rows one by one take half a second; seven strings take a tenth of that.
    // The aggregates of one SELECT see the rows in the same order, so the lists line up.
    const RS = '\u001e';
    const lists = this.stmt(
      `SELECT group_concat(rowid, char(30)), group_concat(source, char(30)), group_concat(ifnull(district, ''), char(30)),
              group_concat(ifnull(topic, ''), char(30)), group_concat(ifnull(sentiment, ''), char(30)),
              group_concat(ifnull(severity, ''), char(30)), group_concat(ifnull(unixepoch(published_at, 'subsec') * 1000, ''), char(30)),
              MIN(rowid), MAX(rowid)
       FROM search_docs`,
    )
      .raw()
      .get() as [string | null, string | null, string | null, string | null, string | null, string | null, string | null, number | null, number | null];
    const [min, max] = [lists[7], lists[8]];
    const base = min ?? 0;
    const size = min === null || max === null ? 0 : max - min + 1;
    const split = (list: string | null) => (list === null ? [] : list.split(RS));
    const rowids = split(lists[0]).map(Number);
    const alive = new Uint8Array(size);
    for (const r of rowids) alive[r - base] = 1;
    const values = {} as Record<Category, string[]>;
    const codes = {} as Record<Category, Uint32Array>;
    CATEGORIES.forEach((c, k) => {
      const dictionary = new Map<string, number>([['', 0]]);
      const names = [''];
      const column = new Uint32Array(size);
      split(lists[k + 1] as string | null).forEach((v, j) => {
        let code = dictionary.get(v);
        if (code === undefined) {
          code = names.push(v) - 1;
          dictionary.set(v, code);
        }
        column[rowids[j]! - base] = code;
      });
      values[c] = names;
      codes[c] = column;
    });
    const severity = new Int16Array(size).fill(NO_SEVERITY);
    split(lists[5]).forEach((v, j) => {
      if (v !== '') severity[rowids[j]! - base] = Number(v);
    });
    const published = new Float64Array(size).fill(NaN);
    split(lists[6]).forEach((v, j) => {
      if (v !== '') published[rowids[j]! - base] = Number(v);
    });
    // Newest first (SQLite sorts NULL lowest, so undated last); ties newest rowid first.
    const newestFirst = Int32Array.from(
      (this.stmt(`SELECT group_concat(rowid, char(30)) FROM (SELECT rowid FROM search_docs ORDER BY published_at DESC, rowid DESC)`)
        .pluck()
        .get() as string | null)
        ?.split(RS)
        .map(Number) ?? [],
    );
    this.columns = { generation, base, alive, codes, values, severity, published, newestFirst };
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
    const sorted = (counts: Map<string, number>) =>
      Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
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

  async search(q: FullTextQuery): Promise<FullTextResult> {
    return this.db.transaction(() => this.searchSnapshot(q))();
  }

  /** Posts containing a term, counted once per index generation (what bm25 calls IDF). */
  private documentFrequency(cols: FilterColumns, term: string): number {
    if (this.frequencies.generation !== cols.generation) this.frequencies = { generation: cols.generation, counts: new Map() };
    let n = this.frequencies.counts.get(term);
    if (n === undefined) {
      n = this.stmt('SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(term) as number;
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
  private rankExpression(cols: FilterColumns, q: FullTextQuery): string | null {
    if (!q.words) return q.match;
    const common = Math.max(cols.newestFirst.length * COMMON_SHARE, this.commonMin);
    const words: string[] = [];
    for (const alternatives of q.words) {
      const kept = alternatives.map((terms) => terms.filter((t) => this.documentFrequency(cols, t) <= common));
      if (kept.length === 0 || kept.some((terms) => terms.length === 0)) continue;
      words.push(`(${kept.map((terms) => `(${terms.map((t) => `(${t})`).join(' AND ')})`).join(' OR ')})`);
    }
    return words.length ? words.join(' AND ') : null;
  }

  /**
   * bm25 of the given matches (newest first, a run of all matches passing the filters), best
   * first; ties, and matches the rank expression does not reach, newest first.
   */
  private rank(cols: FilterColumns, q: FullTextQuery, window: Int32Array): [number, number][] {
    const scores = new Map<number, number>();
    for (const r of window) scores.set(r, 0);
    const expression = this.rankExpression(cols, q);
    if (expression && window.length) {
      const scored = this.stmt(
        'SELECT rowid, bm25(search_fts, 3.0, 1.0) FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?',
      )
        .raw()
        .all(expression, window[window.length - 1], window[0]) as [number, number][];
      for (const [rowid, score] of scored) if (scores.has(rowid)) scores.set(rowid, score);
    }
    const time = (rowid: number) => cols.published[rowid - cols.base]! || 0;
    return [...scores].sort((a, b) => a[1] - b[1] || time(b[0]) - time(a[0]) || b[0] - a[0]);
  }

  /** One read transaction: the generation, the matches and the ranking see the same index. */
  private searchSnapshot(q: FullTextQuery): FullTextResult {
    const cols = this.filterColumns();
    const f = q.filters;
    const filtered = CATEGORIES.some((c) => f[c]?.length) || f.severityAtLeast !== undefined || !!f.since || !!f.until;
    const matching = q.match.trim() !== '';
    const end = q.offset + q.limit;

    if (matching && !filtered && q.facets.length === 0) {
      // Nothing to filter or count per facet: FTS5 counts, and only the window leaves SQLite.
      // A one-term query's total is that term's document frequency, counted once per generation.
      const single = q.words?.length === 1 && q.words[0]!.length === 1 && q.words[0]![0]!.length === 1 ? q.words[0]![0]![0]! : null;
      const total = single
        ? this.documentFrequency(cols, single)
        : (this.stmt('SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(q.match) as number);
      if (q.offset >= total || q.limit === 0) return { hits: [], total, facets: {} };
      const windowed = total > this.rankWindow && end <= this.rankWindow;
      const window = Int32Array.from(
        (windowed
          ? this.stmt('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(q.match, this.rankWindow)
          : this.stmt('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC').pluck().all(q.match)) as number[],
      );
      const page = this.rank(cols, q, window).slice(q.offset, end);
      return { hits: this.hitsFor(page), total, facets: {} };
    }

    // Every match that passes the filters, newest first (FTS5 walks its doclists backwards).
    const accept = this.acceptor(cols, f);
    const candidates: Int32Array | number[] = matching
      ? (this.stmt('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC').pluck().all(q.match) as number[])
      : cols.newestFirst;
    const matched = new Int32Array(candidates.length);
    let total = 0;
    for (const r of candidates) if (accept(r)) matched[total++] = r;
    const all = matched.subarray(0, total);
    const facets = this.facetCounts(cols, all, q.facets);
    if (q.offset >= total || q.limit === 0) return { hits: [], total, facets };
    if (!matching) {
      return { hits: this.hitsFor([...all.subarray(q.offset, end)].map((rowid) => [rowid, 0])), total, facets };
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
    return { hits: this.hitsFor(this.rank(cols, q, window).slice(q.offset, end)), total, facets };
  }

  private hitsFor(page: [number, number][]): FullTextHit[] {
    const rows = this.stmt(
      `SELECT rowid, id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size
       FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(page.map((p) => p[0]))) as HitRow[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    const hits: FullTextHit[] = [];
    for (const [rowid, rank] of page) {
      const r = byRowid.get(rowid);
      if (!r) continue;
      hits.push({
        id: r.id,
        rank,
        source: r.source,
        district: r.district,
        topic: r.topic,
        sentiment: r.sentiment,
        severity: r.severity,
        publishedAt: r.published_at,
        clusterId: r.cluster_id,
        clusterSize: r.cluster_size,
      });
    }
    return hits;
  }

  async count() {
    return this.stmt('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
  }

  async sizeBytes() {
    try {
      return this.db
        .prepare(`SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\' OR name LIKE 'sqlite_autoindex_search\\_%' ESCAPE '\\'`)
        .pluck()
        .get() as number;
    } catch {
      // dbstat not compiled in: the whole database file is the honest upper bound.
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      const size = this.db.pragma('page_size', { simple: true }) as number;
      return pages * size;
    }
  }

  async syncState(engine: string) {
    const rows = this.stmt('SELECT post_id, fingerprint FROM search_sync WHERE engine = ?').raw().all(engine) as [string, string][];
    return new Map(rows);
  }

  async markSynced(engine: string, entries: { postId: string; fingerprint: string }[]) {
    const put = this.stmt(
      `INSERT INTO search_sync (engine, post_id, fingerprint) VALUES (?,?,?)
       ON CONFLICT(engine, post_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
    );
    this.db.transaction(() => {
      for (const e of entries) put.run(engine, e.postId, e.fingerprint);
    })();
  }

  async forgetSynced(engine: string, postIds?: string[]) {
    if (!postIds) {
      this.stmt('DELETE FROM search_sync WHERE engine = ?').run(engine);
      return;
    }
    const del = this.stmt('DELETE FROM search_sync WHERE engine = ? AND post_id = ?');
    this.db.transaction(() => {
      for (const id of postIds) del.run(engine, id);
    })();
  }
}
