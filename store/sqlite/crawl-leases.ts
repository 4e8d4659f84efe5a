// SQLite leases, rounds and host slots for several crawl workers. Every change that reads before
// it writes runs in a BEGIN IMMEDIATE transaction (the write lock is taken first, so two processes
// cannot both see a request as free); single statements are compare-and-set on a version or on the
// lease columns. The SQL is the portable subset PostgreSQL also accepts; there, the lease's inner
// SELECT gains FOR UPDATE SKIP LOCKED.
import type { Db } from './database.ts';
import { placeholders, str, type Row } from './rows.ts';
import type { NewCrawlRequest } from '../crawl-state.ts';
import type { CrawlLeaseRepo, CrawlRound, HostSlot, RoundWork } from '../crawl-leases.ts';
import { toLeased, toRoundWork, toSlot } from '../rows.ts';

const NEXT_SEQ = '(SELECT COALESCE(MAX(seq), 0) + 1 FROM crawl_requests)';
const LEASABLE = `status = 'pending' AND (not_before IS NULL OR not_before <= ?) AND (lease_until IS NULL OR lease_until <= ?)`;

export class SqliteCrawlLeases implements CrawlLeaseRepo {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      lease: db.prepare(
        `UPDATE crawl_requests SET lease_owner = ?, lease_until = ?
         WHERE source_id = ? AND url IN (SELECT url FROM crawl_requests WHERE source_id = ? AND ${LEASABLE} ORDER BY seq LIMIT ?)
         RETURNING *`,
      ),
      renew: db.prepare(`UPDATE crawl_requests SET lease_until = ? WHERE lease_owner = ? AND status = 'pending'`),
      release: db.prepare(`UPDATE crawl_requests SET lease_owner = NULL, lease_until = NULL WHERE source_id = ? AND url = ? AND lease_owner = ?`),
      releaseAll: db.prepare(`UPDATE crawl_requests SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?`),
      leased: db.prepare(`SELECT COUNT(*) AS n FROM crawl_requests WHERE source_id = ? AND status = 'pending' AND lease_until > ?`),
      round: db.prepare('SELECT * FROM crawl_rounds WHERE source_id = ?'),
      firstRound: db.prepare(
        `INSERT INTO crawl_rounds (source_id, round, started_at, started_by, finished_at) VALUES (?, 1, ?, ?, NULL)
         ON CONFLICT (source_id) DO NOTHING`,
      ),
      nextRound: db.prepare(`UPDATE crawl_rounds SET round = round + 1, started_at = ?, started_by = ?, finished_at = NULL WHERE source_id = ? AND round = ?`),
      // The start page goes (back) to the end of the queue unless it is already pending (an
      // interrupted round's page, or one deferred by Retry-After, keeps its place and back-off).
      queueStart: db.prepare(
        `INSERT INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ${NEXT_SEQ}, ?)
         ON CONFLICT (source_id, url) DO UPDATE SET status = 'pending', attempts = 0, not_before = NULL,
           meta = COALESCE(excluded.meta, crawl_requests.meta), seq = ${NEXT_SEQ}, updated_at = excluded.updated_at,
           lease_owner = NULL, lease_until = NULL
         WHERE crawl_requests.status <> 'pending'`,
      ),
      due: db.prepare(`SELECT COUNT(*) AS n FROM crawl_requests WHERE source_id = ? AND status = 'pending' AND (not_before IS NULL OR not_before <= ?)`),
      held: db.prepare(`SELECT COUNT(*) AS n FROM crawl_requests WHERE source_id = ? AND lease_until > ?`),
      noteWork: db.prepare(
        `INSERT INTO crawl_round_work (source_id, round, worker, pages_fetched, new_posts, tally, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, round, worker) DO UPDATE SET pages_fetched = excluded.pages_fetched, new_posts = excluded.new_posts,
           tally = excluded.tally, updated_at = excluded.updated_at`,
      ),
      roundWork: db.prepare('SELECT * FROM crawl_round_work WHERE source_id = ? AND round = ?'),
      finish: db.prepare(`UPDATE crawl_rounds SET finished_at = ? WHERE source_id = ? AND round = ? AND finished_at IS NULL`),
      host: db.prepare('SELECT * FROM crawl_hosts WHERE host = ?'),
      insertHost: db.prepare(
        `INSERT INTO crawl_hosts (host, next_allowed_at, holder, busy_until, version) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (host) DO NOTHING`,
      ),
      updateHost: db.prepare(`UPDATE crawl_hosts SET next_allowed_at = ?, holder = ?, busy_until = ?, version = version + 1 WHERE host = ? AND version = ?`),
    };
  }

  async heads(sourceIds: string[], now: string) {
    if (sourceIds.length === 0) return [];
    // One query for all sources: the lowest leasable seq per source, then those rows.
    const rows = this.db
      .prepare(
        `SELECT r.* FROM crawl_requests r JOIN (
           SELECT source_id, MIN(seq) AS seq FROM crawl_requests WHERE source_id IN (${placeholders(sourceIds.length)}) AND ${LEASABLE} GROUP BY source_id
         ) h ON r.source_id = h.source_id AND r.seq = h.seq`,
      )
      .all(...sourceIds, now, now) as Row[];
    const order = new Map(sourceIds.map((id, i) => [id, i]));
    return rows.map(toLeased).sort((a, b) => order.get(a.sourceId)! - order.get(b.sourceId)!);
  }

  async lease(sourceId: string, owner: string, now: string, until: string, limit: number) {
    if (limit <= 0) return [];
    const rows = this.db.transaction(() => this.stmt.lease.all(owner, until, sourceId, sourceId, now, now, limit) as Row[]).immediate();
    // RETURNING gives no order; the queue's order is seq.
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toLeased);
  }

  async renew(owner: string, until: string) {
    return this.db.transaction(() => this.stmt.renew.run(until, owner).changes).immediate();
  }

  async release(sourceId: string, url: string, owner: string) {
    this.db.transaction(() => this.stmt.release.run(sourceId, url, owner)).immediate();
  }

  async releaseAll(owner: string) {
    return this.db.transaction(() => this.stmt.releaseAll.run(owner).changes).immediate();
  }

  async leased(sourceId: string, now: string) {
    return Number((this.stmt.leased.get(sourceId, now) as { n: number }).n);
  }

  async round(sourceId: string): Promise<CrawlRound | null> {
    const r = this.stmt.round.get(sourceId) as Row | undefined;
    return r
      ? {
          sourceId: String(r.source_id),
          round: Number(r.round),
          startedAt: String(r.started_at),
          startedBy: String(r.started_by),
          finishedAt: str(r.finished_at),
        }
      : null;
  }

  async startRound(sourceId: string, expected: number, start: NewCrawlRequest, owner: string, now: string) {
    return this.db
      .transaction(() => {
        const changed =
          expected === 0 ? this.stmt.firstRound.run(sourceId, now, owner).changes : this.stmt.nextRound.run(now, owner, sourceId, expected).changes;
        if (!changed) return false;
        this.stmt.queueStart.run(start.sourceId, start.url, start.kind, start.meta, now);
        return true;
      })
      .immediate();
  }

  async finishRoundIfIdle(sourceId: string, round: number, now: string) {
    return this.db
      .transaction(() => {
        if (Number((this.stmt.due.get(sourceId, now) as { n: number }).n) > 0) return false;
        if (Number((this.stmt.held.get(sourceId, now) as { n: number }).n) > 0) return false;
        return this.stmt.finish.run(now, sourceId, round).changes > 0;
      })
      .immediate();
  }

  async noteRoundWork(w: RoundWork) {
    this.stmt.noteWork.run(w.sourceId, w.round, w.worker, w.pagesFetched, w.newPosts, w.tally, w.updatedAt);
  }

  async roundWork(sourceId: string, round: number) {
    return (this.stmt.roundWork.all(sourceId, round) as Row[]).map(toRoundWork);
  }

  async host(host: string): Promise<HostSlot | null> {
    const r = this.stmt.host.get(host) as Row | undefined;
    return r ? toSlot(r) : null;
  }

  async hosts(hosts: string[]) {
    if (hosts.length === 0) return [];
    return (this.db.prepare(`SELECT * FROM crawl_hosts WHERE host IN (${placeholders(hosts.length)})`).all(...hosts) as Row[]).map(toSlot);
  }

  async casHost(slot: Omit<HostSlot, 'version'>, expectedVersion: number) {
    return this.db
      .transaction(() =>
        expectedVersion === 0
          ? this.stmt.insertHost.run(slot.host, slot.nextAllowedAt, slot.holder, slot.busyUntil).changes > 0
          : this.stmt.updateHost.run(slot.nextAllowedAt, slot.holder, slot.busyUntil, slot.host, expectedVersion).changes > 0,
      )
      .immediate();
  }
}
