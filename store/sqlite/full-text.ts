// SQLite FTS5 storage for the embedded search engine: the rows (search_docs), the FTS5 table
// (search_fts) and the per-backend sync marks. The indexer segments text with jieba and hands
// over space-separated tokens; its engine (indexer/full-text-engine.ts) decides what to read.
// Only store/sqlite knows this SQL.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { FullTextColumns, FullTextDocument, FullTextReader, FullTextRepo, FullTextRow } from '../full-text.ts';

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
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
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
    this.db
      .transaction(() => {
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
      })
      .immediate();
  }

  async remove(ids: string[]) {
    const find = this.stmt('SELECT rowid FROM search_docs WHERE id = ?').pluck();
    const delFts = this.stmt('DELETE FROM search_fts WHERE rowid = ?');
    const delDoc = this.stmt('DELETE FROM search_docs WHERE rowid = ?');
    this.db
      .transaction(() => {
        for (const id of ids) {
          const rowid = find.get(id) as number | undefined;
          if (rowid === undefined) continue;
          delFts.run(rowid);
          delDoc.run(rowid);
        }
        this.bumpGeneration();
      })
      .immediate();
  }

  async clear() {
    this.db
      .transaction(() => {
        this.db.exec(`DELETE FROM search_docs; INSERT INTO search_fts(search_fts) VALUES ('delete-all');`);
        this.bumpGeneration();
      })
      .immediate();
  }

  async optimize() {
    this.db.exec(`INSERT INTO search_fts(search_fts) VALUES ('optimize')`);
  }

  read<T>(read: (reader: FullTextReader) => T): T {
    return this.db.transaction(() => read(this.reader))();
  }

  private readonly reader: FullTextReader = {
    generation: () => this.stmt('SELECT generation FROM search_meta WHERE id = 1').pluck().get() as number,
    columns: () => this.columns(),
    countMatches: (match) => this.stmt('SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(match) as number,
    matchingRows: (match, limit) =>
      (limit === undefined
        ? this.stmt('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC').pluck().all(match)
        : this.stmt('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(match, limit)) as number[],
    bm25: (expression, fromRow, toRow, weights) =>
      this.stmt('SELECT rowid, bm25(search_fts, ?, ?) FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?')
        .raw()
        .all(weights.title, weights.body, expression, fromRow, toRow) as [number, number][],
    rows: (rowids) =>
      (
        this.stmt(
          `SELECT rowid, id, source, district, topic, sentiment, severity, published_at, cluster_id, cluster_size
           FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(rowids)) as HitRow[]
      ).map((r): FullTextRow => ({
        rowid: r.rowid,
        id: r.id,
        source: r.source,
        district: r.district,
        topic: r.topic,
        sentiment: r.sentiment,
        severity: r.severity,
        publishedAt: r.published_at,
        clusterId: r.cluster_id,
        clusterSize: r.cluster_size,
      })),
  };

  /** Every row's filter fields. */
  private columns(): FullTextColumns {
    const generation = this.reader.generation();
    // Whole columns as one string each: better-sqlite3 spends about a microsecond per row it hands
    // over, so 200,000 rows one by one take half a second; seven strings take a tenth of that.
    // The aggregates of one SELECT see the rows in the same order, so the lists line up.
    const RS = '\u001e';
    const lists = this.stmt(
      `SELECT group_concat(rowid, char(30)), group_concat(source, char(30)), group_concat(ifnull(district, ''), char(30)),
              group_concat(ifnull(topic, ''), char(30)), group_concat(ifnull(sentiment, ''), char(30)),
              group_concat(ifnull(severity, ''), char(30)), group_concat(ifnull(unixepoch(published_at, 'subsec') * 1000, ''), char(30))
       FROM search_docs`,
    )
      .raw()
      .get() as (string | null)[];
    const split = (list: string | null | undefined) => (list === null || list === undefined ? [] : list.split(RS));
    const numberOrNull = (v: string) => (v === '' ? null : Number(v));
    // Newest first (SQLite sorts NULL lowest, so undated last); ties newest rowid first.
    const newest = this.stmt(`SELECT group_concat(rowid, char(30)) FROM (SELECT rowid FROM search_docs ORDER BY published_at DESC, rowid DESC)`)
      .pluck()
      .get() as string | null;
    return {
      generation,
      rowids: split(lists[0]).map(Number),
      source: split(lists[1]),
      district: split(lists[2]),
      topic: split(lists[3]),
      sentiment: split(lists[4]),
      severity: split(lists[5]).map(numberOrNull),
      publishedMs: split(lists[6]).map(numberOrNull),
      newestFirst: split(newest).map(Number),
    };
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
    this.db
      .transaction(() => {
        for (const e of entries) put.run(engine, e.postId, e.fingerprint);
      })
      .immediate();
  }

  async forgetSynced(engine: string, postIds?: string[]) {
    if (!postIds) {
      this.stmt('DELETE FROM search_sync WHERE engine = ?').run(engine);
      return;
    }
    const del = this.stmt('DELETE FROM search_sync WHERE engine = ? AND post_id = ?');
    this.db
      .transaction(() => {
        for (const id of postIds) del.run(engine, id);
      })
      .immediate();
  }
}
