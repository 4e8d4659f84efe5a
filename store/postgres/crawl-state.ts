// PostgreSQL crawl state: request queue, HTTP validators and robots.txt cache. Every method is one
// statement or one transaction, so a kill -9 leaves the queue either before or after a step.
import { str, type PgDb } from './database.ts';
import type { CrawlRequest, CrawlStateRepo, HttpCacheEntry, NewCrawlRequest, RobotsEntry } from '../crawl-state.ts';
import { toRequest } from '../rows.ts';

const NEXT_SEQ = `nextval('crawl_requests_seq_counter')`;

export class PgCrawlState implements CrawlStateRepo {
  constructor(private readonly db: PgDb) {}

  async enqueue(requests: NewCrawlRequest[], options: { requeueDone?: boolean } = {}) {
    if (requests.length === 0) return 0;
    const now = new Date().toISOString();
    return this.db.tx(async (c) => {
      let added = 0;
      for (const r of requests) {
        const inserted = (
          await c.query(
            `INSERT INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
             VALUES (?, ?, ?, 'pending', 0, ?, ${NEXT_SEQ}, ?) ON CONFLICT DO NOTHING`,
            [r.sourceId, r.url, r.kind, r.meta, now],
          )
        ).rowCount;
        if (inserted) added += inserted;
        else if (options.requeueDone)
          added += (
            await c.query(
              `UPDATE crawl_requests SET status = 'pending', attempts = 0, not_before = NULL, meta = COALESCE(?, meta),
                 seq = ${NEXT_SEQ}, updated_at = ? WHERE source_id = ? AND url = ? AND status <> 'pending'`,
              [r.meta, now, r.sourceId, r.url],
            )
          ).rowCount;
      }
      return added;
    });
  }

  async pending(sourceId: string, nowIso: string, limit: number) {
    return (
      await this.db.query(
        `SELECT * FROM crawl_requests WHERE source_id = ? AND status = 'pending' AND (not_before IS NULL OR not_before <= ?)
         ORDER BY seq LIMIT ?`,
        [sourceId, nowIso, limit],
      )
    ).rows.map(toRequest);
  }

  async get(sourceId: string, url: string) {
    const r = (await this.db.query('SELECT * FROM crawl_requests WHERE source_id = ? AND url = ?', [sourceId, url])).rows[0];
    return r ? toRequest(r) : null;
  }

  async statuses(sourceId: string, urls: string[]) {
    const out = new Map<string, CrawlRequest['status']>();
    if (urls.length === 0) return out;
    const rows = (await this.db.query('SELECT url, status FROM crawl_requests WHERE source_id = ? AND url = ANY(?)', [sourceId, urls])).rows;
    for (const r of rows) out.set(String(r.url), r.status as CrawlRequest['status']);
    return out;
  }

  async markDone(sourceId: string, url: string) {
    await this.db.query(
      `UPDATE crawl_requests SET status = 'done', attempts = attempts + 1, last_error = NULL, not_before = NULL, updated_at = ?
       WHERE source_id = ? AND url = ?`,
      [new Date().toISOString(), sourceId, url],
    );
  }

  async recordDone(requests: NewCrawlRequest[]) {
    if (requests.length === 0) return;
    const now = new Date().toISOString();
    await this.db.tx(async (c) => {
      for (const r of requests)
        await c.query(
          `INSERT INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
           VALUES (?, ?, ?, 'done', 1, ?, ${NEXT_SEQ}, ?)
           ON CONFLICT(source_id, url) DO UPDATE SET status = 'done', last_error = NULL, not_before = NULL, updated_at = excluded.updated_at`,
          [r.sourceId, r.url, r.kind, r.meta, now],
        );
    });
  }

  async markFailed(sourceId: string, url: string, error: string, retryAt: string | null) {
    await this.db.query(
      `UPDATE crawl_requests SET status = ?, attempts = attempts + 1, last_error = ?, not_before = ?, updated_at = ?
       WHERE source_id = ? AND url = ?`,
      [retryAt ? 'pending' : 'failed', error, retryAt, new Date().toISOString(), sourceId, url],
    );
  }

  async requeue(sourceId: string, url: string) {
    await this.db.query(
      `UPDATE crawl_requests SET status = 'pending', attempts = 0, not_before = NULL, seq = ${NEXT_SEQ}, updated_at = ?
       WHERE source_id = ? AND url = ?`,
      [new Date().toISOString(), sourceId, url],
    );
  }

  async counts(sourceId: string) {
    const out = { pending: 0, done: 0, failed: 0 };
    const rows = (await this.db.query('SELECT status, COUNT(*) AS n FROM crawl_requests WHERE source_id = ? GROUP BY status', [sourceId])).rows;
    for (const r of rows) out[r.status as keyof typeof out] = Number(r.n);
    return out;
  }

  async failures(sourceId: string, limit: number) {
    return (
      await this.db.query(
        // NULLS LAST: SQLite sorts NULL lowest, so last when descending; PostgreSQL the opposite.
        `SELECT * FROM crawl_requests WHERE source_id = ? AND status = 'failed' ORDER BY updated_at DESC NULLS LAST, seq DESC LIMIT ?`,
        [sourceId, limit],
      )
    ).rows.map(toRequest);
  }

  async getHttpCache(url: string) {
    const r = (await this.db.query('SELECT * FROM http_cache WHERE url = ?', [url])).rows[0];
    return r ? { url: String(r.url), etag: str(r.etag), lastModified: str(r.last_modified), fetchedAt: String(r.fetched_at) } : null;
  }

  async setHttpCache(e: HttpCacheEntry) {
    await this.db.query(
      `INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?,?,?,?)
       ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at`,
      [e.url, e.etag, e.lastModified, e.fetchedAt],
    );
  }

  async getRobots(origin: string) {
    const r = (await this.db.query('SELECT * FROM robots_cache WHERE origin = ?', [origin])).rows[0];
    return r ? { origin: String(r.origin), status: Number(r.status), body: String(r.body), fetchedAt: String(r.fetched_at) } : null;
  }

  async setRobots(e: RobotsEntry) {
    await this.db.query(
      `INSERT INTO robots_cache (origin, status, body, fetched_at) VALUES (?,?,?,?)
       ON CONFLICT(origin) DO UPDATE SET status=excluded.status, body=excluded.body, fetched_at=excluded.fetched_at`,
      [e.origin, e.status, e.body, e.fetchedAt],
    );
  }
}
