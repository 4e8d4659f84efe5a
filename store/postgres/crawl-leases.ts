// PostgreSQL leases, rounds and host slots for several crawl workers. Where SQLite takes its one
// write lock first (BEGIN IMMEDIATE), here each change is one statement whose row locks decide:
// leasing picks rows FOR UPDATE SKIP LOCKED (two workers leasing at once take different pages, and
// a row changed meanwhile is checked again), and the round and host rows are compare-and-set by a
// conditional UPDATE (a second writer waits for the row, then finds the condition false).
import { str, type PgDb } from './database.ts';
import type { NewCrawlRequest } from '../crawl-state.ts';
import type { CrawlLeaseRepo, CrawlRound, HostSlot, RoundWork } from '../crawl-leases.ts';
import { toLeased, toRoundWork, toSlot } from '../rows.ts';

const NEXT_SEQ = `nextval('crawl_requests_seq_counter')`;
const LEASABLE = `status = 'pending' AND (not_before IS NULL OR not_before <= ?) AND (lease_until IS NULL OR lease_until <= ?)`;
const DUE = `status = 'pending' AND (not_before IS NULL OR not_before <= ?)`;

export class PgCrawlLeases implements CrawlLeaseRepo {
  constructor(private readonly db: PgDb) {}

  async heads(sourceIds: string[], now: string) {
    if (sourceIds.length === 0) return [];
    // One query for all sources: the lowest leasable seq per source, then those rows.
    const rows = (
      await this.db.query(
        `SELECT r.* FROM crawl_requests r JOIN (
           SELECT source_id, MIN(seq) AS seq FROM crawl_requests WHERE source_id = ANY(?) AND ${LEASABLE} GROUP BY source_id
         ) h ON r.source_id = h.source_id AND r.seq = h.seq`,
        [sourceIds, now, now],
      )
    ).rows;
    const order = new Map(sourceIds.map((id, i) => [id, i]));
    return rows.map(toLeased).sort((a, b) => order.get(a.sourceId)! - order.get(b.sourceId)!);
  }

  async lease(sourceId: string, owner: string, now: string, until: string, limit: number) {
    if (limit <= 0) return [];
    // SKIP LOCKED: a page another worker is leasing right now is passed over, not waited for; a
    // locked row is checked against LEASABLE again on its newest version before it is taken. The
    // pick is a MATERIALIZED CTE, run once: as an `IN (subquery)` the planner may run it again per
    // row, and each run would find the next free pages (this statement's own leases are not free),
    // leasing the whole queue.
    const rows = (
      await this.db.query(
        `WITH picked AS MATERIALIZED (
           SELECT url FROM crawl_requests WHERE source_id = ? AND ${LEASABLE} ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED
         )
         UPDATE crawl_requests r SET lease_owner = ?, lease_until = ? FROM picked
         WHERE r.source_id = ? AND r.url = picked.url
         RETURNING r.*`,
        [sourceId, now, now, limit, owner, until, sourceId],
      )
    ).rows;
    // RETURNING gives no order; the queue's order is seq.
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toLeased);
  }

  async renew(owner: string, until: string) {
    return (await this.db.query(`UPDATE crawl_requests SET lease_until = ? WHERE lease_owner = ? AND status = 'pending'`, [until, owner])).rowCount;
  }

  async release(sourceId: string, url: string, owner: string) {
    await this.db.query(`UPDATE crawl_requests SET lease_owner = NULL, lease_until = NULL WHERE source_id = ? AND url = ? AND lease_owner = ?`, [
      sourceId,
      url,
      owner,
    ]);
  }

  async releaseAll(owner: string) {
    return (await this.db.query(`UPDATE crawl_requests SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?`, [owner])).rowCount;
  }

  async leased(sourceId: string, now: string) {
    const r = await this.db.query(`SELECT COUNT(*) AS n FROM crawl_requests WHERE source_id = ? AND status = 'pending' AND lease_until > ?`, [sourceId, now]);
    return Number(r.rows[0]!.n);
  }

  async round(sourceId: string): Promise<CrawlRound | null> {
    const r = (await this.db.query('SELECT * FROM crawl_rounds WHERE source_id = ?', [sourceId])).rows[0];
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
    return this.db.tx(async (c) => {
      // Compare-and-set on the round: the first insert wins the primary key, a later round the row.
      const changed =
        expected === 0
          ? (
              await c.query(
                `INSERT INTO crawl_rounds (source_id, round, started_at, started_by, finished_at) VALUES (?, 1, ?, ?, NULL) ON CONFLICT (source_id) DO NOTHING`,
                [sourceId, now, owner],
              )
            ).rowCount
          : (
              await c.query(`UPDATE crawl_rounds SET round = round + 1, started_at = ?, started_by = ?, finished_at = NULL WHERE source_id = ? AND round = ?`, [
                now,
                owner,
                sourceId,
                expected,
              ])
            ).rowCount;
      if (!changed) return false;
      // The start page goes (back) to the end of the queue unless it is already pending (an
      // interrupted round's page, or one deferred by Retry-After, keeps its place and back-off).
      await c.query(
        `INSERT INTO crawl_requests (source_id, url, kind, status, attempts, meta, seq, updated_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ${NEXT_SEQ}, ?)
         ON CONFLICT (source_id, url) DO UPDATE SET status = 'pending', attempts = 0, not_before = NULL,
           meta = COALESCE(excluded.meta, crawl_requests.meta), seq = ${NEXT_SEQ}, updated_at = excluded.updated_at,
           lease_owner = NULL, lease_until = NULL
         WHERE crawl_requests.status <> 'pending'`,
        [start.sourceId, start.url, start.kind, start.meta, now],
      );
      return true;
    });
  }

  async finishRoundIfIdle(sourceId: string, round: number, now: string) {
    // One statement: the round row is locked while nothing due is looked for, so a new round
    // started meanwhile (which changes that row) makes this one find the condition false.
    const r = await this.db.query(
      `UPDATE crawl_rounds SET finished_at = ? WHERE source_id = ? AND round = ? AND finished_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM crawl_requests WHERE source_id = ? AND (${DUE} OR lease_until > ?))`,
      [now, sourceId, round, sourceId, now, now],
    );
    return r.rowCount > 0;
  }

  async noteRoundWork(w: RoundWork) {
    await this.db.query(
      `INSERT INTO crawl_round_work (source_id, round, worker, pages_fetched, new_posts, tally, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, round, worker) DO UPDATE SET pages_fetched = excluded.pages_fetched, new_posts = excluded.new_posts,
         tally = excluded.tally, updated_at = excluded.updated_at`,
      [w.sourceId, w.round, w.worker, w.pagesFetched, w.newPosts, w.tally, w.updatedAt],
    );
  }

  async roundWork(sourceId: string, round: number) {
    return (await this.db.query('SELECT * FROM crawl_round_work WHERE source_id = ? AND round = ?', [sourceId, round])).rows.map(toRoundWork);
  }

  async host(host: string): Promise<HostSlot | null> {
    const r = (await this.db.query('SELECT * FROM crawl_hosts WHERE host = ?', [host])).rows[0];
    return r ? toSlot(r) : null;
  }

  async hosts(hosts: string[]) {
    if (hosts.length === 0) return [];
    return (await this.db.query('SELECT * FROM crawl_hosts WHERE host = ANY(?)', [hosts])).rows.map(toSlot);
  }

  async casHost(slot: Omit<HostSlot, 'version'>, expectedVersion: number) {
    const r =
      expectedVersion === 0
        ? await this.db.query(
            `INSERT INTO crawl_hosts (host, next_allowed_at, holder, busy_until, version) VALUES (?, ?, ?, ?, 1) ON CONFLICT (host) DO NOTHING`,
            [slot.host, slot.nextAllowedAt, slot.holder, slot.busyUntil],
          )
        : await this.db.query(`UPDATE crawl_hosts SET next_allowed_at = ?, holder = ?, busy_until = ?, version = version + 1 WHERE host = ? AND version = ?`, [
            slot.nextAllowedAt,
            slot.holder,
            slot.busyUntil,
            slot.host,
            expectedVersion,
          ]);
    return r.rowCount > 0;
  }
}
