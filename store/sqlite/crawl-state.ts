// SQLite crawl state: request queue, HTTP validators and robots.txt cache. Every method is one
// statement or one transaction, so a kill -9 leaves the queue either before or after a step.
import type { Db } from './database.ts';
import { str, type Row } from './rows.ts';
import type { CrawlRequest, CrawlStateRepo, HttpCacheEntry, NewCrawlRequest, RobotsEntry } from '../crawl-state.ts';
import { toRequest } from '../rows.ts';

const NEXT_SEQ = '(SELECT COALESCE(MAX(seq), 0) + 1 FROM crawl_requests)';

export class SqliteCrawlState implements CrawlStateRepo {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ${NEXT_SEQ}, ?)`,
      ),
      requeueDone: db.prepare(
        `UPDATE crawl_requests SET status = 'pending', attempts = 0, not_before = NULL, meta = COALESCE(?, meta),
           seq = ${NEXT_SEQ}, updated_at = ? WHERE source_id = ? AND url = ? AND status <> 'pending'`,
      ),
      pending: db.prepare(
        `SELECT * FROM crawl_requests WHERE source_id = ? AND status = 'pending' AND (not_before IS NULL OR not_before <= ?)
         ORDER BY seq LIMIT ?`,
      ),
      get: db.prepare('SELECT * FROM crawl_requests WHERE source_id = ? AND url = ?'),
      status: db.prepare('SELECT status FROM crawl_requests WHERE source_id = ? AND url = ?'),
      markDone: db.prepare(
        `UPDATE crawl_requests SET status = 'done', attempts = attempts + 1, last_error = NULL, not_before = NULL, updated_at = ?
         WHERE source_id = ? AND url = ?`,
      ),
      upsertDone: db.prepare(
        `INSERT INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
         VALUES (?, ?, ?, 'done', 1, ?, ${NEXT_SEQ}, ?)
         ON CONFLICT(source_id, url) DO UPDATE SET status = 'done', last_error = NULL, not_before = NULL, updated_at = excluded.updated_at`,
      ),
      markFailed: db.prepare(
        `UPDATE crawl_requests SET status = ?, attempts = attempts + 1, last_error = ?, not_before = ?, updated_at = ?
         WHERE source_id = ? AND url = ?`,
      ),
    };
  }

  async enqueue(requests: NewCrawlRequest[], options: { requeueDone?: boolean } = {}) {
    const now = new Date().toISOString();
    return this.db
      .transaction(() => {
        let added = 0;
        for (const r of requests) {
          const inserted = this.stmt.insert.run(r.sourceId, r.url, r.kind, r.meta, now).changes;
          if (inserted) added += inserted;
          else if (options.requeueDone) added += this.stmt.requeueDone.run(r.meta, now, r.sourceId, r.url).changes;
        }
        return added;
      })
      .immediate();
  }

  async pending(sourceId: string, nowIso: string, limit: number) {
    return (this.stmt.pending.all(sourceId, nowIso, limit) as Row[]).map(toRequest);
  }

  async get(sourceId: string, url: string) {
    const r = this.stmt.get.get(sourceId, url) as Row | undefined;
    return r ? toRequest(r) : null;
  }

  async statuses(sourceId: string, urls: string[]) {
    const out = new Map<string, CrawlRequest['status']>();
    for (const url of urls) {
      const r = this.stmt.status.get(sourceId, url) as { status: CrawlRequest['status'] } | undefined;
      if (r) out.set(url, r.status);
    }
    return out;
  }

  async markDone(sourceId: string, url: string) {
    this.stmt.markDone.run(new Date().toISOString(), sourceId, url);
  }

  async recordDone(requests: NewCrawlRequest[]) {
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        for (const r of requests) this.stmt.upsertDone.run(r.sourceId, r.url, r.kind, r.meta, now);
      })
      .immediate();
  }

  async markFailed(sourceId: string, url: string, error: string, retryAt: string | null) {
    this.stmt.markFailed.run(retryAt ? 'pending' : 'failed', error, retryAt, new Date().toISOString(), sourceId, url);
  }

  async requeue(sourceId: string, url: string) {
    this.db
      .prepare(
        `UPDATE crawl_requests SET status = 'pending', attempts = 0, not_before = NULL, seq = ${NEXT_SEQ}, updated_at = ?
         WHERE source_id = ? AND url = ?`,
      )
      .run(new Date().toISOString(), sourceId, url);
  }

  async counts(sourceId: string) {
    const out = { pending: 0, done: 0, failed: 0 };
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM crawl_requests WHERE source_id = ? GROUP BY status').all(sourceId) as {
      status: keyof typeof out;
      n: number;
    }[];
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async failures(sourceId: string, limit: number) {
    return (
      this.db
        .prepare(`SELECT * FROM crawl_requests WHERE source_id = ? AND status = 'failed' ORDER BY updated_at DESC, seq DESC LIMIT ?`)
        .all(sourceId, limit) as Row[]
    ).map(toRequest);
  }

  async getHttpCache(url: string) {
    const r = this.db.prepare('SELECT * FROM http_cache WHERE url = ?').get(url) as Row | undefined;
    return r ? { url: String(r.url), etag: str(r.etag), lastModified: str(r.last_modified), fetchedAt: String(r.fetched_at) } : null;
  }

  async setHttpCache(e: HttpCacheEntry) {
    this.db
      .prepare(
        `INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?,?,?,?)
         ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at`,
      )
      .run(e.url, e.etag, e.lastModified, e.fetchedAt);
  }

  async getRobots(origin: string) {
    const r = this.db.prepare('SELECT * FROM robots_cache WHERE origin = ?').get(origin) as Row | undefined;
    return r ? { origin: String(r.origin), status: Number(r.status), body: String(r.body), fetchedAt: String(r.fetched_at) } : null;
  }

  async setRobots(e: RobotsEntry) {
    this.db
      .prepare(
        `INSERT INTO robots_cache (origin, status, body, fetched_at) VALUES (?,?,?,?)
         ON CONFLICT(origin) DO UPDATE SET status=excluded.status, body=excluded.body, fetched_at=excluded.fetched_at`,
      )
      .run(e.origin, e.status, e.body, e.fetchedAt);
  }
}
