// SQLite FTS5 storage for the embedded search engine. The indexer segments text with jieba and
// hands over space-separated tokens; bm25 ranks (title counts three times the body), the side
// table filters and counts facets. Only store/sqlite knows this SQL.
import type { Db } from './database.ts';
import type { FullTextDocument, FullTextFacet, FullTextHit, FullTextQuery, FullTextRepo, FullTextResult } from '../full-text.ts';

const FACET_COLUMNS: Record<FullTextFacet, string> = {
  source: 'd.source',
  district: 'd.district',
  topic: 'd.topic',
  sentiment: 'd.sentiment',
  severity: 'd.severity',
};

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

interface DocRow {
  id: string;
  score: number;
  source: string;
  district: string | null;
  topic: string | null;
  sentiment: string | null;
  severity: number | null;
  published_at: string | null;
  cluster_id: string | null;
  cluster_size: number;
}

function toHit(r: DocRow): FullTextHit {
  return {
    id: r.id,
    rank: r.score,
    source: r.source,
    district: r.district,
    topic: r.topic,
    sentiment: r.sentiment,
    severity: r.severity,
    publishedAt: r.published_at,
    clusterId: r.cluster_id,
    clusterSize: r.cluster_size,
  };
}

/** How many of the newest matches bm25 ranks when a query matches more (see search). */
export const RANK_WINDOW = 2000;

export class SqliteFullText implements FullTextRepo {
  constructor(
    private readonly db: Db,
    private readonly rankWindow = RANK_WINDOW,
  ) {}

  async upsert(docs: FullTextDocument[]) {
    const db = this.db;
    const find = db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const insDoc = db.prepare(
      `INSERT INTO search_docs (id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const updDoc = db.prepare(
      `UPDATE search_docs SET source=?, district=?, topic=?, sentiment=?, severity=?, published_at=?, cluster_id=?, cluster_size=?
       WHERE rowid = ?`,
    );
    const insFts = db.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?,?,?)');
    db.transaction(() => {
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
    })();
  }

  async remove(ids: string[]) {
    const db = this.db;
    const find = db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const delDoc = db.prepare('DELETE FROM search_docs WHERE rowid = ?');
    db.transaction(() => {
      for (const id of ids) {
        const rowid = find.get(id) as number | undefined;
        if (rowid === undefined) continue;
        delFts.run(rowid);
        delDoc.run(rowid);
      }
    })();
  }

  async clear() {
    this.db.exec(`DELETE FROM search_docs; INSERT INTO search_fts(search_fts) VALUES ('delete-all');`);
  }

  async search(q: FullTextQuery): Promise<FullTextResult> {
    const where: string[] = [];
    const args: unknown[] = [];
    const f = q.filters;
    for (const key of ['source', 'district', 'topic', 'sentiment'] as const) {
      const values = f[key];
      if (values?.length) {
        where.push(`${FACET_COLUMNS[key]} IN (${placeholders(values.length)})`);
        args.push(...values);
      }
    }
    if (f.severityAtLeast !== undefined) (where.push('d.severity >= ?'), args.push(f.severityAtLeast));
    if (f.since) (where.push('d.published_at >= ?'), args.push(f.since));
    if (f.until) (where.push('d.published_at < ?'), args.push(f.until));
    const filtered = where.length > 0;
    const matching = q.match.trim() !== '';

    const from = matching ? 'search_fts f JOIN search_docs d ON d.rowid = f.rowid' : 'search_docs d';
    const conditions = matching ? ['search_fts MATCH ?', ...where] : where;
    const allArgs = matching ? [q.match, ...args] : args;
    const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    // bm25() called directly: about twice as fast as a configured `rank` column on 200k posts.
    const cols = `d.id, ${matching ? 'bm25(search_fts, 3.0, 1.0)' : '0'} AS score, d.source, d.district, d.topic, d.sentiment, d.severity,
                  d.published_at, d.cluster_id, d.cluster_size`;
    const order = matching ? 'score, d.published_at DESC' : 'd.published_at DESC, d.rowid DESC';
    // Counting needs no join when nothing filters on the side table.
    const countSql =
      matching && !filtered
        ? 'SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?'
        : `SELECT COUNT(*) FROM ${from} ${whereSql}`;
    const total = this.db.prepare(countSql).pluck().get(...allArgs) as number;

    // bm25 costs about a microsecond per matching post; a common word matches tens of thousands.
    // Beyond RANK_WINDOW matches, rank only the newest RANK_WINDOW (rows are inserted in time
    // order), which is what a duty officer looks at first. Totals and facets still count all.
    let rankSql = whereSql;
    let rankArgs = allArgs;
    if (matching && total > this.rankWindow && q.offset + q.limit <= this.rankWindow) {
      const cutoff = this.db
        .prepare(`SELECT f.rowid FROM ${from} ${whereSql} ORDER BY f.rowid DESC LIMIT 1 OFFSET ?`)
        .pluck()
        .get(...allArgs, this.rankWindow - 1) as number | undefined;
      if (cutoff !== undefined) {
        rankSql = `${whereSql} AND f.rowid >= ?`;
        rankArgs = [...allArgs, cutoff];
      }
    }
    const rows = this.db
      .prepare(`SELECT ${cols} FROM ${from} ${rankSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...rankArgs, q.limit, q.offset) as DocRow[];

    const facets: FullTextResult['facets'] = {};
    for (const name of q.facets) {
      const col = FACET_COLUMNS[name];
      if (!col) continue;
      const counts = this.db
        .prepare(`SELECT ${col} AS v, COUNT(*) AS n FROM ${from} ${whereSql} GROUP BY ${col} ORDER BY n DESC`)
        .all(...allArgs) as { v: unknown; n: number }[];
      facets[name] = Object.fromEntries(counts.filter((r) => r.v !== null).map((r) => [String(r.v), r.n]));
    }
    return { hits: rows.map(toHit), total, facets };
  }

  async count() {
    return this.db.prepare('SELECT COUNT(*) FROM search_docs').pluck().get() as number;
  }

  async sizeBytes() {
    try {
      return (this.db
        .prepare(`SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\' OR name LIKE 'sqlite_autoindex_search\\_%' ESCAPE '\\'`)
        .pluck()
        .get() as number);
    } catch {
      // dbstat not compiled in: the whole database file is the honest upper bound.
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      const size = this.db.pragma('page_size', { simple: true }) as number;
      return pages * size;
    }
  }

  async syncState(engine: string) {
    const rows = this.db.prepare('SELECT post_id, fingerprint FROM search_sync WHERE engine = ?').raw().all(engine) as [string, string][];
    return new Map(rows);
  }

  async markSynced(engine: string, entries: { postId: string; fingerprint: string }[]) {
    const put = this.db.prepare(
      `INSERT INTO search_sync (engine, post_id, fingerprint) VALUES (?,?,?)
       ON CONFLICT(engine, post_id) DO UPDATE SET fingerprint = excluded.fingerprint`,
    );
    this.db.transaction(() => {
      for (const e of entries) put.run(engine, e.postId, e.fingerprint);
    })();
  }

  async forgetSynced(engine: string, postIds?: string[]) {
    if (!postIds) {
      this.db.prepare('DELETE FROM search_sync WHERE engine = ?').run(engine);
      return;
    }
    const del = this.db.prepare('DELETE FROM search_sync WHERE engine = ? AND post_id = ?');
    this.db.transaction(() => {
      for (const id of postIds) del.run(engine, id);
    })();
  }
}

