// PostgreSQL storage for the embedded search engine: the rows (search_docs, with the jieba tokens
// as arrays and as a tsvector under a GIN index), the per-term document counts bm25 needs
// (search_terms, kept by every write), the per-backend sync marks, and the primitives
// the engine (indexer/full-text-engine.ts) reads through FullTextReader: matches of its FTS5
// expressions, counts, and FTS5's bm25 formula. What a search means stays in indexer/.
import type { FullTextColumns, FullTextDocument, FullTextReader, FullTextRepo, FullTextRow } from '../full-text.ts';
import { str, type PgDb, type Queryable, type Row } from './database.ts';

/**
 * A token as FTS5's unicode61 tokenizer (tokenchars '-_') would index it: split on anything that
 * is not a letter, digit, mark, '-' or '_', and case-folded. The query side (indexer/query.ts)
 * quotes terms on the same split.
 */
export function normaliseTokens(tokens: string): string[] {
  return tokens
    .split(/[^\p{L}\p{N}\p{M}_-]+/u)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

type Node = { term: string } | { op: 'and' | 'or'; kids: Node[] };
/** false: matches nothing (an empty term, or an AND containing one). */
type Expr = Node | false;

/**
 * Parses the FTS5 expressions the indexer builds — quoted strings, AND, OR, parentheses — into a
 * tree. A quoted string that normalises to several tokens becomes their AND (the index keeps no
 * positions, so there are no phrases); one that normalises to nothing matches nothing, as in FTS5.
 */
export function parseFtsExpression(expression: string): Expr {
  const tokens = expression.match(/"(?:[^"]|"")*"|\(|\)|\bAND\b|\bOR\b|\S+/g) ?? [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`全文检索表达式无法解析（${why}）：${expression}`);
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) return fail('意外结束');
    if (t === '(') {
      const e = orExpr();
      if (tokens[i++] !== ')') fail('缺少右括号');
      return e;
    }
    if (t.startsWith('"')) {
      const parts = normaliseTokens(t.slice(1, -1).replaceAll('""', '"'));
      return parts.length === 0
        ? false
        : parts.length === 1
          ? { term: parts[0]! }
          : simplify(
              'and',
              parts.map((term) => ({ term })),
            );
    }
    return fail(`不认识的“${t}”`);
  };
  const andExpr = (): Expr => {
    const kids = [primary()];
    while (tokens[i] === 'AND') (i++, kids.push(primary()));
    return simplify('and', kids);
  };
  const orExpr = (): Expr => {
    const kids = [andExpr()];
    while (tokens[i] === 'OR') (i++, kids.push(andExpr()));
    return simplify('or', kids);
  };
  if (tokens.length === 0) return false;
  const e = orExpr();
  if (i !== tokens.length) fail(`多余的“${tokens[i]}”`);
  return e;
}

function simplify(op: 'and' | 'or', kids: Expr[]): Expr {
  if (op === 'and' && kids.includes(false)) return false;
  const live = kids.filter((k): k is Node => k !== false);
  if (live.length === 0) return false;
  return live.length === 1 ? live[0]! : { op, kids: live };
}

const lexeme = (t: string) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** The tree as tsquery input (lexemes quoted verbatim, no dictionary). */
export function toTsquery(e: Node): string {
  if ('term' in e) return lexeme(e.term);
  return `(${e.kids.map(toTsquery).join(e.op === 'and' ? ' & ' : ' | ')})`;
}

/** Every term of the expression in order, repeats included (FTS5's bm25 sums over phrases). */
function termsOf(e: Expr): string[] {
  if (e === false) return [];
  return 'term' in e ? [e.term] : e.kids.flatMap(termsOf);
}

/** Thrown by a reader method whose answer is not fetched yet; `read` fetches it and replays. */
class NeedsAnswer extends Error {
  constructor(
    readonly key: string,
    readonly fetch: () => Promise<unknown>,
  ) {
    super(`全文检索读取尚未取回：${key}`);
  }
}

const RS = '\u001e';
const split = (list: unknown) => (list === null || list === undefined ? [] : String(list as string).split(RS));
const numberOrNull = (v: string) => (v === '' ? null : Number(v));

/**
 * Adds the CTE `delta` (term, change in its document count) to search_terms. In term order, so
 * that two writers lock the rows they share in the same order and cannot deadlock.
 */
const ADD_TERMS = `INSERT INTO search_terms (term, docs) SELECT term, d FROM delta ORDER BY term
           ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + excluded.docs`;

/**
 * Index writes one at a time across processes (a batch each, so this costs little): a write reads
 * the rows it replaces to take their terms off the counts, which is only right if no other write
 * to the same posts commits in between (READ COMMITTED would let two first inserts of one post
 * both count it).
 */
const lockIndexWrites = (c: Queryable) => c.query(`SELECT pg_advisory_xact_lock(hashtext('minsheng.search_index'))`);

/** FTS5's bm25 constants. */
const K1 = 1.2;
const B = 0.75;

export class PgFullText implements FullTextRepo {
  constructor(private readonly db: PgDb) {}

  async upsert(docs: FullTextDocument[]) {
    if (docs.length === 0) return;
    // The last copy of a document given twice wins, as with SQLite's statement-by-statement loop.
    const byId = new Map(docs.map((d) => [d.id, d]));
    const records = [...byId.values()].map((d) => ({
      id: d.id,
      source: d.source,
      district: d.district,
      topic: d.topic,
      sentiment: d.sentiment,
      severity: d.severity,
      published_at: d.publishedAt,
      cluster_id: d.clusterId,
      cluster_size: d.clusterSize,
      title_tokens: normaliseTokens(d.titleTokens),
      body_tokens: normaliseTokens(d.bodyTokens),
    }));
    const ids = [...byId.keys()];
    await this.db.tx(async (c) => {
      await lockIndexWrites(c);
      // One statement per batch: the documents travel as one JSON parameter. Every part of it
      // sees the index as it was before, so `old` holds the replaced rows and `up` the new ones;
      // their difference updates the term counts and the totals bm25 reads.
      await c.query(
        `WITH old AS (
           SELECT terms, cardinality(title_tokens) + cardinality(body_tokens) AS len FROM search_docs WHERE id = ANY(?)
         ), up AS (
           INSERT INTO search_docs (id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size, title_tokens, body_tokens, terms)
           SELECT d.id, d.source, d.district, d.topic, d.sentiment, d.severity, d.published_at, d.cluster_id, d.cluster_size,
                  d.title_tokens, d.body_tokens, array_to_tsvector(d.title_tokens || d.body_tokens)
           FROM jsonb_to_recordset(?::jsonb) AS d(id text, source text, district text, topic text, sentiment text, severity integer,
                published_at text, cluster_id text, cluster_size integer, title_tokens text[], body_tokens text[])
           ON CONFLICT (id) DO UPDATE SET source=excluded.source, district=excluded.district, topic=excluded.topic, sentiment=excluded.sentiment,
             severity=excluded.severity, published_at=excluded.published_at, cluster_id=excluded.cluster_id, cluster_size=excluded.cluster_size,
             title_tokens=excluded.title_tokens, body_tokens=excluded.body_tokens, terms=excluded.terms
           RETURNING terms, cardinality(title_tokens) + cardinality(body_tokens) AS len
         ), delta AS (
           SELECT t AS term, SUM(d) AS d
           FROM (SELECT tsvector_to_array(terms) AS ts, 1 AS d FROM up UNION ALL SELECT tsvector_to_array(terms), -1 FROM old) AS x, unnest(x.ts) AS t
           GROUP BY t HAVING SUM(d) <> 0
         ), counted AS (
           ${ADD_TERMS}
         )
         UPDATE search_meta SET generation = generation + 1,
           tokens = tokens + (SELECT COALESCE(SUM(len), 0) FROM up) - (SELECT COALESCE(SUM(len), 0) FROM old),
           docs = docs + (SELECT COUNT(*) FROM up) - (SELECT COUNT(*) FROM old)
         WHERE id = 1`,
        [ids, JSON.stringify(records)],
      );
    });
  }

  async remove(ids: string[]) {
    await this.db.tx(async (c) => {
      await lockIndexWrites(c);
      await c.query(
        `WITH gone AS (
         DELETE FROM search_docs WHERE id = ANY(?) RETURNING terms, cardinality(title_tokens) + cardinality(body_tokens) AS len
       ), delta AS (
         SELECT t AS term, -COUNT(*) AS d FROM gone, unnest(tsvector_to_array(gone.terms)) AS t GROUP BY t
       ), counted AS (
         ${ADD_TERMS}
       )
       UPDATE search_meta SET generation = generation + 1, tokens = tokens - (SELECT COALESCE(SUM(len), 0) FROM gone),
         docs = docs - (SELECT COUNT(*) FROM gone)
       WHERE id = 1`,
        [ids],
      );
    });
  }

  async clear() {
    await this.db.tx(async (c) => {
      await lockIndexWrites(c);
      await c.query('DELETE FROM search_docs');
      await c.query('DELETE FROM search_terms');
      await c.query('UPDATE search_meta SET generation = generation + 1, tokens = 0, docs = 0 WHERE id = 1');
    });
  }

  async optimize() {
    // After a bulk load: move the GIN index's pending entries into the tree and refresh the
    // planner's statistics (the nearest thing to FTS5's merge into one segment).
    await this.db.query(`SELECT gin_clean_pending_list('search_docs_terms'::regclass)`);
    await this.db.query('ANALYZE search_docs');
  }

  /**
   * The engine's reads are synchronous (the SQLite store answers them at once); PostgreSQL
   * answers asynchronously. So `read` runs the engine's function with a reader that answers what
   * it already fetched and, for anything else, stops the run; the answer is fetched and the
   * function runs again from the start with it. The engine's function is deterministic given
   * the answers (its caches only skip reads), so each run asks the same questions in the same
   * order, and a search takes one run per distinct read (about six). All of them inside one
   * REPEATABLE READ transaction: every answer comes from the same snapshot of the index.
   */
  read<T>(read: (reader: FullTextReader) => T): Promise<T> {
    return this.db.tx(
      async (c) => {
        // Matches through the GIN index only. Left to itself the planner walks the table (or the
        // rowid index backwards, for the newest matches) and tests every row's tsvector, which it
        // prices as cheap; but each is 1–2 KB, stored out of line, and read back for the test:
        // 40,000 buffer reads and 40 ms for a count at 20,000 posts against 3,000 and 7 ms through
        // the index (EXPLAIN ANALYZE, 20,000 generated posts). Only the columns read (all rows,
        // once per index generation) scans the table, and switches this back for itself.
        await c.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off');
        const answers = new Map<string, unknown>();
        const ask = <V>(key: string, fetch: () => Promise<V>): V => {
          if (answers.has(key)) return answers.get(key) as V;
          throw new NeedsAnswer(key, fetch);
        };
        const reader: FullTextReader = {
          generation: () => ask('generation', () => this.generation(c)),
          columns: () => ask('columns', () => this.columns(c)),
          countMatches: (match) => ask(`count ${match}`, () => this.countMatches(c, match)),
          matchingRows: (match, limit) => ask(`rows ${limit ?? ''} ${match}`, () => this.matchingRows(c, match, limit)),
          bm25: (expression, fromRow, toRow, weights) =>
            ask(`bm25 ${fromRow} ${toRow} ${weights.title} ${weights.body} ${expression}`, () => this.bm25(c, expression, fromRow, toRow, weights)),
          rows: (rowids) => ask(`docs ${rowids.join(',')}`, () => this.rows(c, rowids)),
        };
        for (;;) {
          try {
            return read(reader);
          } catch (err) {
            if (!(err instanceof NeedsAnswer)) throw err;
            answers.set(err.key, await err.fetch());
          }
        }
      },
      { isolation: 'repeatable read' },
    );
  }

  private async generation(c: Queryable) {
    return Number((await c.query('SELECT generation FROM search_meta WHERE id = 1')).rows[0]!.generation);
  }

  /** Every row's filter fields, each column as one string (one value per row, in rowid order). */
  private async columns(c: Queryable): Promise<FullTextColumns> {
    const generation = await this.generation(c);
    await c.query('SET LOCAL enable_seqscan = on');
    const r = (
      await c.query(
        `SELECT string_agg(rowid::text, chr(30) ORDER BY rowid) AS rowids,
                string_agg(source, chr(30) ORDER BY rowid) AS source,
                string_agg(COALESCE(district, ''), chr(30) ORDER BY rowid) AS district,
                string_agg(COALESCE(topic, ''), chr(30) ORDER BY rowid) AS topic,
                string_agg(COALESCE(sentiment, ''), chr(30) ORDER BY rowid) AS sentiment,
                string_agg(COALESCE(severity::text, ''), chr(30) ORDER BY rowid) AS severity,
                string_agg(COALESCE((extract(epoch FROM published_at::timestamptz) * 1000)::float8::text, ''), chr(30) ORDER BY rowid) AS published,
                string_agg(rowid::text, chr(30) ORDER BY published_at COLLATE "C" DESC NULLS LAST, rowid DESC) AS newest
         FROM search_docs`,
      )
    ).rows[0]!;
    await c.query('SET LOCAL enable_seqscan = off');
    return {
      generation,
      rowids: split(r.rowids).map(Number),
      source: split(r.source),
      district: split(r.district),
      topic: split(r.topic),
      sentiment: split(r.sentiment),
      severity: split(r.severity).map(numberOrNull),
      publishedMs: split(r.published).map(numberOrNull),
      newestFirst: split(r.newest).map(Number),
    };
  }

  private async countMatches(c: Queryable, match: string) {
    const e = parseFtsExpression(match);
    if (e === false) return 0;
    // One term (what the engine asks for a word's document frequency, and a one-word query's
    // total): its kept count, instead of walking every match.
    if ('term' in e) return (await this.documentFrequencies(c, [e.term])).get(e.term)!;
    return Number((await c.query('SELECT COUNT(*) AS n FROM search_docs WHERE terms @@ ?::tsquery', [toTsquery(e)])).rows[0]!.n);
  }

  /** How many documents contain each term (0 for a term no document has), from search_terms. */
  private async documentFrequencies(c: Queryable, terms: string[]): Promise<Map<string, number>> {
    const r = await c.query('SELECT term, docs FROM search_terms WHERE term = ANY(?::text[])', [terms]);
    const counts = new Map(terms.map((t) => [t, 0]));
    for (const row of r.rows) counts.set(String(row.term), Number(row.docs));
    return counts;
  }

  private async matchingRows(c: Queryable, match: string, limit?: number) {
    const e = parseFtsExpression(match);
    if (e === false) return [];
    const sql = `SELECT rowid FROM search_docs WHERE terms @@ ?::tsquery ORDER BY rowid DESC${limit === undefined ? '' : ' LIMIT ?'}`;
    // The newest `limit` matches of a common expression: walking the rowid index backwards stops
    // after about limit × N / matches rows (each tested on its tsvector, the slow part), while the
    // GIN bitmap visits every match's heap page first. Walk when that is fewer rows than the
    // matches (at 100,000 posts, the newest 1,000 of 30,768: 21 ms walking, 231 ms by the
    // bitmap; at 20,000 posts, 1,000 of 3,402: 44 ms walking, 4–7 ms by the bitmap).
    const walk = limit !== undefined && limit * (await this.documentCount(c)) <= (await this.leastMatches(c, e)) ** 2;
    if (walk) await c.query('SET LOCAL enable_indexscan = on');
    const rows = (await c.query(sql, limit === undefined ? [toTsquery(e)] : [toTsquery(e), limit])).rows.map((r) => Number(r.rowid));
    if (walk) await c.query('SET LOCAL enable_indexscan = off');
    return rows;
  }

  private async documentCount(c: Queryable) {
    return Number((await c.query('SELECT docs FROM search_meta WHERE id = 1')).rows[0]!.docs);
  }

  /** A lower bound of the documents matching the expression, from the term counts. */
  private async leastMatches(c: Queryable, e: Node): Promise<number> {
    const counts = await this.documentFrequencies(c, [...new Set(termsOf(e))]);
    const least = (n: Node): number => ('term' in n ? counts.get(n.term)! : n.op === 'and' ? 0 : Math.max(...n.kids.map(least)));
    return least(e);
  }

  /**
   * FTS5's bm25 (lower is better) of the rows between two row numbers that match the expression:
   * for each term of the expression, idf × tf·(k1+1) / (tf + k1·(1 − b + b·|D|/avgdl)), with tf
   * the column-weighted count of the term in the row, |D| the row's token count, idf =
   * ln((N − n + 0.5)/(n + 0.5)) (at least 1e-6) over the n of N rows containing the term.
   */
  private async bm25(c: Queryable, expression: string, fromRow: number, toRow: number, weights: { title: number; body: number }): Promise<[number, number][]> {
    const e = parseFtsExpression(expression);
    if (e === false) return [];
    const terms = termsOf(e);
    const distinct = [...new Set(terms)];
    const totals = (await c.query('SELECT docs, tokens FROM search_meta WHERE id = 1')).rows[0]!;
    const n = Number(totals.docs);
    const avgdl = Number(totals.tokens) / Math.max(n, 1) || 1;
    const idf = new Map<string, number>();
    for (const [t, hits] of await this.documentFrequencies(c, distinct)) idf.set(t, Math.max(Math.log((n - hits + 0.5) / (hits + 0.5)), 1e-6));
    const rows = (
      await c.query(
        // The arrays are sliced once per row (x, kept apart by OFFSET 0): the stored ones are
        // compressed, and every mention of a stored one would decompress it again (a third of
        // this query's time on the ranking window of a common word).
        `SELECT d.rowid, cardinality(x.title) + cardinality(x.body) AS len,
                ARRAY(SELECT COALESCE(cardinality(array_positions(x.title, u.t)), 0) FROM unnest(?::text[]) WITH ORDINALITY AS u(t, i) ORDER BY u.i) AS tf_title,
                ARRAY(SELECT COALESCE(cardinality(array_positions(x.body, u.t)), 0) FROM unnest(?::text[]) WITH ORDINALITY AS u(t, i) ORDER BY u.i) AS tf_body
         FROM search_docs d CROSS JOIN LATERAL (SELECT d.title_tokens[1:] AS title, d.body_tokens[1:] AS body OFFSET 0) AS x
         WHERE d.rowid BETWEEN ? AND ? AND d.terms @@ ?::tsquery`,
        [distinct, distinct, fromRow, toRow, toTsquery(e)],
      )
    ).rows;
    const position = new Map(distinct.map((t, i) => [t, i]));
    return rows.map((r: Row): [number, number] => {
      const len = Number(r.len);
      const tfTitle = r.tf_title as number[];
      const tfBody = r.tf_body as number[];
      let score = 0;
      for (const t of terms) {
        const i = position.get(t)!;
        const tf = weights.title * Number(tfTitle[i]) + weights.body * Number(tfBody[i]);
        score += (idf.get(t)! * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * len) / avgdl));
      }
      return [Number(r.rowid), -score];
    });
  }

  private async rows(c: Queryable, rowids: number[]): Promise<FullTextRow[]> {
    if (rowids.length === 0) return [];
    return (
      await c.query(
        `SELECT rowid, id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size
         FROM search_docs WHERE rowid = ANY(?)`,
        [rowids],
      )
    ).rows.map((r): FullTextRow => ({
      rowid: Number(r.rowid),
      id: String(r.id),
      source: String(r.source),
      district: str(r.district),
      topic: str(r.topic),
      sentiment: str(r.sentiment),
      severity: r.severity === null ? null : Number(r.severity),
      publishedAt: str(r.published_at),
      clusterId: str(r.cluster_id),
      clusterSize: Number(r.cluster_size),
    }));
  }

  async count() {
    return Number((await this.db.query('SELECT COUNT(*) AS n FROM search_docs')).rows[0]!.n);
  }

  async sizeBytes() {
    const r = await this.db.query(`SELECT pg_total_relation_size('search_docs') + pg_total_relation_size('search_meta') AS n`);
    return Number(r.rows[0]!.n);
  }

  async syncState(engine: string) {
    const rows = (await this.db.query('SELECT post_id, fingerprint FROM search_sync WHERE engine = ?', [engine])).rows;
    return new Map(rows.map((r) => [String(r.post_id), String(r.fingerprint)]));
  }

  async markSynced(engine: string, entries: { postId: string; fingerprint: string }[]) {
    if (entries.length === 0) return;
    const latest = new Map(entries.map((e) => [e.postId, e.fingerprint]));
    await this.db.query(
      `INSERT INTO search_sync (engine, post_id, fingerprint) SELECT ?, u.post_id, u.fingerprint FROM unnest(?::text[], ?::text[]) AS u(post_id, fingerprint)
       ON CONFLICT (engine, post_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
      [engine, [...latest.keys()], [...latest.values()]],
    );
  }

  async forgetSynced(engine: string, postIds?: string[]) {
    if (!postIds) await this.db.query('DELETE FROM search_sync WHERE engine = ?', [engine]);
    else if (postIds.length) await this.db.query('DELETE FROM search_sync WHERE engine = ? AND post_id = ANY(?)', [engine, postIds]);
  }
}
