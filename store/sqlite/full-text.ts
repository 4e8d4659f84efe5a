// SQLite FTS5 storage for the embedded search engine. The indexer segments text with jieba and
// hands over space-separated tokens; bm25 ranks, the side table filters and counts facets.
import type { Db } from './database.ts';
import type { FullTextDocument, FullTextQuery, FullTextRepo } from '../full-text.ts';

const FACET_COLUMNS: Record<string, string> = {
  source: 'd.source',
  district: 'd.district',
  topic: 'd.topic',
  sentiment: 'd.sentiment',
  severity: 'd.severity',
};

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class SqliteFullText implements FullTextRepo {
  constructor(private readonly db: Db) {}

  async upsert(docs: FullTextDocument[]) {
    const db = this.db;
    const find = db.prepare('SELECT rowid FROM search_docs WHERE id = ?');
    const delFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const upsertDoc = db.prepare(
      `INSERT INTO search_docs (id, source, district, topic, sentiment, severity, published_at, cluster_id, indexed_at)
       VALUES (?,?,?,?,?,?,?,?,?)
       ON CONFLICT(id) DO UPDATE SET source=excluded.source, district=excluded.district, topic=excluded.topic,
         sentiment=excluded.sentiment, severity=excluded.severity, published_at=excluded.published_at,
         cluster_id=excluded.cluster_id, indexed_at=excluded.indexed_at`,
    );
    const insFts = db.prepare('INSERT INTO search_fts (rowid, title, body) VALUES (?,?,?)');
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const d of docs) {
        const old = find.get(d.id) as { rowid: number } | undefined;
        if (old) delFts.run(old.rowid);
        upsertDoc.run(d.id, d.source, d.district, d.topic, d.sentiment, d.severity, d.publishedAt, d.clusterId, now);
        const row = find.get(d.id) as { rowid: number };
        insFts.run(row.rowid, d.titleTokens, d.bodyTokens);
      }
    })();
  }

  async remove(ids: string[]) {
    const db = this.db;
    const find = db.prepare('SELECT rowid FROM search_docs WHERE id = ?');
    db.transaction(() => {
      for (const id of ids) {
        const old = find.get(id) as { rowid: number } | undefined;
        if (!old) continue;
        db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(old.rowid);
        db.prepare('DELETE FROM search_docs WHERE rowid = ?').run(old.rowid);
      }
    })();
  }

  async clear() {
    this.db.exec('DELETE FROM search_fts; DELETE FROM search_docs;');
  }

  async staleIds(limit: number) {
    const rows = this.db
      .prepare(
        `SELECT p.id FROM posts p
         LEFT JOIN search_docs d ON d.id = p.id
         LEFT JOIN scores s ON s.post_id = p.id
         WHERE d.id IS NULL OR d.indexed_at < p.updated_at OR (s.scored_at IS NOT NULL AND d.indexed_at < s.scored_at)
            OR COALESCE(d.cluster_id, '') <> COALESCE(p.cluster_id, '') OR COALESCE(d.district, '') <> COALESCE(p.district, '')
         LIMIT ?`,
      )
      .all(limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async search(q: FullTextQuery) {
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
    const matching = q.match.trim() !== '';
    const from = matching
      ? 'search_fts JOIN search_docs d ON d.rowid = search_fts.rowid'
      : 'search_docs d';
    if (matching) where.unshift('search_fts MATCH ?');
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const allArgs = matching ? [q.match, ...args] : args;
    const rank = matching ? 'bm25(search_fts, 3.0, 1.0)' : '0';
    const order = matching ? 'rank' : 'd.published_at DESC';
    const hits = this.db
      .prepare(`SELECT d.id AS id, ${rank} AS rank FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...allArgs, q.limit, q.offset) as { id: string; rank: number }[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${from} ${whereSql}`).get(...allArgs) as { n: number }).n;
    const facets: Record<string, Record<string, number>> = {};
    for (const name of q.facets) {
      const col = FACET_COLUMNS[name];
      if (!col) continue;
      const rows = this.db
        .prepare(`SELECT ${col} AS v, COUNT(*) AS n FROM ${from} ${whereSql} GROUP BY ${col} ORDER BY n DESC`)
        .all(...allArgs) as { v: unknown; n: number }[];
      facets[name] = Object.fromEntries(rows.filter((r) => r.v !== null).map((r) => [String(r.v), r.n]));
    }
    return { hits, total, facets };
  }

  async count() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM search_docs').get() as { n: number }).n;
  }
}
