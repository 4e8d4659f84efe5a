// PostgreSQL implementations of the core repositories, statement for statement the SQLite ones
// (store/sqlite/core.ts): what SQLite does in a transaction is one transaction here, and
// compare-and-set stays one conditional UPDATE.
import { createHash } from 'node:crypto';
import { str, type PgDb, type Queryable, type Row } from './database.ts';
import { postIdFor } from '../sqlite/core.ts';
import type { AlertRepo, AlertWrite, AuditRepo, ClusterRepo, LabelRepo, PostRepo, ScoreRepo, SessionRepo, UserRepo } from '../store.ts';
import { StoreConflictError } from '../store.ts';
import {
  type Alert,
  type AlertEvent,
  type AuditEntry,
  type LabelCandidateFilter,
  type PostInput,
  type PostLabel,
  type PostQuery,
  type Score,
  type Sentiment,
  type Session,
  type UpsertResult,
  type User,
} from '../types.ts';
import {
  alertCorrectionStatements,
  insertAlertStatement,
  LEVEL_ORDER_SQL,
  postEditStatements,
  toAlert,
  toAlertOverride,
  updateAlertIfUnchangedStatement,
  toAuditEntry,
  toCluster,
  toLabel,
  toLabelCandidate,
  toPost,
  toScore,
} from '../rows.ts';
import { mergeAlerts, moveOutOfAlert, type AlertCorrection, type GroupingChange } from '../../analysis/alerts/grouping.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** SQLSTATE unique_violation: two writers inserted the same key; the loser retries and finds the row. */
const UNIQUE_VIOLATION = '23505';

async function one(c: Queryable, sql: string, params: unknown[] = []): Promise<Row | undefined> {
  return (await c.query(sql, params)).rows[0];
}

/**
 * PostgreSQL text cannot hold NUL; a JSON source can send one inside a string. It carries no
 * meaning in a post's text, so it is dropped rather than failing the whole crawl.
 */
const noNul = <T extends string | null>(v: T): T => (v === null ? v : (v.replaceAll('\u0000', '') as T));

export class PgPosts implements PostRepo {
  constructor(private readonly db: PgDb) {}

  async upsert(input: PostInput) {
    const p = { ...input, title: noNul(input.title), body: noNul(input.body), author: noNul(input.author) };
    // Two crawl workers storing the same post at once: the second INSERT hits the unique index,
    // its transaction runs again and finds the first one's row.
    return this.db.tx(
      async (c) => {
        const existing = await one(c, 'SELECT id, content_hash FROM posts WHERE canonical_url = ? OR content_hash = ? LIMIT 1 FOR UPDATE', [
          p.canonicalUrl,
          p.contentHash,
        ]);
        const now = new Date().toISOString();
        if (existing) {
          const id = String(existing.id);
          // Whose is the new text's hash: only asked when the text changed, the one case it matters.
          const holder = existing.content_hash === p.contentHash ? id : str((await one(c, 'SELECT id FROM posts WHERE content_hash = ?', [p.contentHash]))?.id);
          const edit = postEditStatements({ id, contentHash: String(existing.content_hash) }, p, holder, now);
          for (const st of edit ?? []) await c.query(st.sql, st.params);
          return { id, created: false };
        }
        const id = postIdFor(p.canonicalUrl);
        await c.query(
          `INSERT INTO posts (id, source, url, canonical_url, content_hash, title, body, author, published_at, fetched_at, district, updated_at)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
          [id, p.source, p.url, p.canonicalUrl, p.contentHash, p.title, p.body, p.author, p.publishedAt, p.fetchedAt, p.district, now],
        );
        return { id, created: true };
      },
      { retryOn: [UNIQUE_VIOLATION] },
    );
  }

  async upsertMany(inputs: PostInput[]) {
    if (inputs.length === 0) return [];
    const posts = inputs.map((input) => ({ ...input, title: noNul(input.title), body: noNul(input.body), author: noNul(input.author) }));
    // Set-wise, a few statements per batch instead of a transaction per post: the same outcome as
    // upserting them one by one in order (the batch's own repeats included). A concurrent writer's
    // row makes the INSERT hit a unique index, and the batch runs again and finds it.
    return this.db.tx(
      async (c) => {
        const found = (
          await c.query('SELECT id, canonical_url, content_hash FROM posts WHERE canonical_url = ANY(?) OR content_hash = ANY(?) ORDER BY id FOR UPDATE', [
            posts.map((p) => p.canonicalUrl),
            posts.map((p) => p.contentHash),
          ])
        ).rows;
        const byUrl = new Map(found.map((r) => [String(r.canonical_url), String(r.id)]));
        const byHash = new Map(found.map((r) => [String(r.content_hash), String(r.id)]));
        const hashOf = new Map(found.map((r) => [String(r.id), String(r.content_hash)]));
        const now = new Date().toISOString();
        let inserts: (typeof posts)[number][] = [];
        const flush = async () => {
          if (inserts.length === 0) return;
          const col = <K extends keyof PostInput>(k: K) => inserts.map((p) => p[k]);
          await c.query(
            `INSERT INTO posts (id, source, url, canonical_url, content_hash, title, body, author, published_at, fetched_at, district, updated_at)
             SELECT v.*, ?::text FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v`,
            [
              now,
              inserts.map((p) => postIdFor(p.canonicalUrl)),
              col('source'),
              col('url'),
              col('canonicalUrl'),
              col('contentHash'),
              col('title'),
              col('body'),
              col('author'),
              col('publishedAt'),
              col('fetchedAt'),
              col('district'),
            ],
          );
          inserts = [];
        };
        const results: UpsertResult[] = [];
        for (const p of posts) {
          const existing = byUrl.get(p.canonicalUrl) ?? byHash.get(p.contentHash);
          if (existing === undefined) {
            const id = postIdFor(p.canonicalUrl);
            byUrl.set(p.canonicalUrl, id);
            byHash.set(p.contentHash, id);
            hashOf.set(id, p.contentHash);
            inserts.push(p);
            results.push({ id, created: true });
            continue;
          }
          const current = hashOf.get(existing)!;
          const edit = postEditStatements({ id: existing, contentHash: current }, p, byHash.get(p.contentHash) ?? null, now);
          if (edit) {
            // An edit frees the old hash for a later post of the batch: rows go in in order.
            await flush();
            for (const st of edit) await c.query(st.sql, st.params);
            byHash.delete(current);
            byHash.set(p.contentHash, existing);
            hashOf.set(existing, p.contentHash);
          }
          results.push({ id: existing, created: false });
        }
        await flush();
        return results;
      },
      { retryOn: [UNIQUE_VIOLATION] },
    );
  }

  async get(id: string) {
    const r = await one(this.db, 'SELECT * FROM posts WHERE id = ?', [id]);
    return r ? toPost(r) : null;
  }

  async getMany(ids: string[]) {
    if (ids.length === 0) return [];
    const rows = (await this.db.query('SELECT * FROM posts WHERE id = ANY(?)', [ids])).rows.map(toPost);
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  async list(q: PostQuery = {}) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.source) (where.push('p.source = ?'), args.push(q.source));
    if (q.since) (where.push('COALESCE(p.published_at, p.fetched_at) >= ?'), args.push(q.since));
    if (q.afterId) (where.push('p.id > ?'), args.push(q.afterId));
    if (q.unscored) where.push('NOT EXISTS (SELECT 1 FROM scores s WHERE s.post_id = p.id)');
    if (q.unclustered) where.push('p.cluster_id IS NULL');
    args.push(q.limit ?? 1000);
    const sql = `SELECT p.* FROM posts p ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.id LIMIT ?`;
    return (await this.db.query(sql, args)).rows.map(toPost);
  }

  async count() {
    return Number((await one(this.db, 'SELECT COUNT(*) AS n FROM posts'))!.n);
  }

  async setDistrict(id: string, district: string | null) {
    await this.db.query('UPDATE posts SET district = ? WHERE id = ?', [district, id]);
  }

  async deleteFetchedBefore(cutoffIso: string) {
    return (await this.db.query('DELETE FROM posts WHERE fetched_at < ?', [cutoffIso])).rowCount;
  }

  async countsByDay(o: { since: string; utcOffsetMinutes: number }) {
    // The session runs in UTC (database.ts), so this is SQLite's date(t, '+N minutes').
    const rows = (
      await this.db.query(
        `SELECT to_char(COALESCE(p.published_at, p.fetched_at)::timestamptz + make_interval(mins => ?), 'YYYY-MM-DD') AS day,
                s.sentiment AS sentiment, COUNT(*) AS n
         FROM posts p LEFT JOIN scores s ON s.post_id = p.id
         WHERE COALESCE(p.published_at, p.fetched_at) >= ?
         GROUP BY day, s.sentiment ORDER BY day`,
        [Math.trunc(o.utcOffsetMinutes), o.since],
      )
    ).rows;
    return rows.filter((r) => r.day !== null).map((r) => ({ day: String(r.day), sentiment: str(r.sentiment) as Sentiment | null, count: Number(r.n) }));
  }

  async countsBy(field: 'source' | 'district' | 'topic', o: { since: string }) {
    const column = { source: 'p.source', district: 'p.district', topic: 's.topic' }[field];
    const rows = (
      await this.db.query(
        `SELECT ${column} AS k, COUNT(*) AS n FROM posts p LEFT JOIN scores s ON s.post_id = p.id
         WHERE COALESCE(p.published_at, p.fetched_at) >= ? GROUP BY k ORDER BY n DESC`,
        [o.since],
      )
    ).rows;
    return rows.map((r) => ({ key: str(r.k), count: Number(r.n) }));
  }
}

export class PgScores implements ScoreRepo {
  constructor(private readonly db: PgDb) {}

  async save(s: Score) {
    await this.saveMany([s]);
  }

  async saveMany(scores: Score[]) {
    if (scores.length === 0) return;
    // One statement per batch; a post listed twice keeps its last score, as saving in order would.
    const rows = [...new Map(scores.map((s) => [s.postId, s])).values()];
    const col = <K extends keyof Score>(k: K) => rows.map((s) => s[k]);
    await this.db.query(
      `INSERT INTO scores (post_id, sentiment, negative, severity, topic, reasons, model, scored_at)
       SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[])
       ON CONFLICT(post_id) DO UPDATE SET sentiment=excluded.sentiment, negative=excluded.negative, severity=excluded.severity,
         topic=excluded.topic, reasons=excluded.reasons, model=excluded.model, scored_at=excluded.scored_at`,
      [
        col('postId'),
        col('sentiment'),
        col('negative'),
        col('severity'),
        col('topic'),
        rows.map((s) => JSON.stringify(s.reasons)),
        col('model'),
        col('scoredAt'),
      ],
    );
  }

  async get(postId: string) {
    const r = await one(this.db, 'SELECT * FROM scores WHERE post_id = ?', [postId]);
    return r ? toScore(r) : null;
  }

  async getMany(postIds: string[]) {
    const out = new Map<string, Score>();
    if (postIds.length === 0) return out;
    for (const r of (await this.db.query('SELECT * FROM scores WHERE post_id = ANY(?)', [postIds])).rows) out.set(String(r.post_id), toScore(r));
    return out;
  }

  async count() {
    return Number((await one(this.db, 'SELECT COUNT(*) AS n FROM scores'))!.n);
  }
}

export class PgClusters implements ClusterRepo {
  constructor(private readonly db: PgDb) {}

  async assign(assignments: { postId: string; clusterId: string }[]) {
    if (assignments.length === 0) return;
    // Set-wise rather than post by post (analysis assigns thousands at once); the same outcome as
    // SQLite's loop, including a post listed twice (the last assignment wins).
    const latest = new Map(assignments.map((a) => [a.postId, a.clusterId]));
    await this.db.tx(async (c) => {
      const prev = (await c.query('SELECT id, cluster_id FROM posts WHERE id = ANY(?) ORDER BY id FOR UPDATE', [[...latest.keys()]])).rows;
      const known = new Set(prev.map((r) => String(r.id)));
      const touched = new Set<string>();
      for (const r of prev) {
        const old = str(r.cluster_id);
        if (old) touched.add(old);
      }
      for (const a of assignments) if (known.has(a.postId)) touched.add(a.clusterId);
      const ids = [...latest.keys()].filter((id) => known.has(id));
      await c.query('UPDATE posts SET cluster_id = v.c FROM unnest(?::text[], ?::text[]) AS v(id, c) WHERE posts.id = v.id', [
        ids,
        ids.map((id) => latest.get(id)),
      ]);
      const summaries = (
        await c.query(
          `SELECT cluster_id AS id, COUNT(*) AS size, json_agg(DISTINCT source ORDER BY source)::text AS sources,
                  MIN(COALESCE(published_at, fetched_at)) AS first_seen, MAX(COALESCE(published_at, fetched_at)) AS last_seen, MIN(id) AS rep
           FROM posts WHERE cluster_id = ANY(?) GROUP BY cluster_id`,
          [[...touched]],
        )
      ).rows;
      const alive = new Set(summaries.map((s) => String(s.id)));
      await c.query('DELETE FROM clusters WHERE id = ANY(?)', [[...touched].filter((id) => !alive.has(id))]);
      // One statement for all summaries (a history import assigns thousands of clusters at once).
      const col = (k: string) => summaries.map((s) => s[k]);
      await c.query(
        `INSERT INTO clusters (id, size, sources, first_seen, last_seen, representative_post_id)
         SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[])
         ON CONFLICT(id) DO UPDATE SET size=excluded.size, sources=excluded.sources, first_seen=excluded.first_seen,
           last_seen=excluded.last_seen, representative_post_id=excluded.representative_post_id`,
        [col('id'), col('size'), col('sources'), col('first_seen'), col('last_seen'), col('rep')],
      );
    });
  }

  async get(id: string) {
    const r = await one(this.db, 'SELECT * FROM clusters WHERE id = ?', [id]);
    return r ? toCluster(r) : null;
  }

  async list(options: { minSize?: number } = {}) {
    return (await this.db.query('SELECT * FROM clusters WHERE size >= ? ORDER BY size DESC, last_seen DESC', [options.minSize ?? 1])).rows.map(toCluster);
  }

  async members(clusterId: string) {
    return (await this.db.query('SELECT id FROM posts WHERE cluster_id = ? ORDER BY id', [clusterId])).rows.map((r) => String(r.id));
  }
}

const EVENT = 'INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)';

async function alertRow(c: Queryable, id: string, lock = false): Promise<Row | undefined> {
  return one(c, `SELECT * FROM alerts WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
}

async function lockedAlert(c: Queryable, id: string): Promise<Alert> {
  const row = await alertRow(c, id, true);
  if (!row) throw new Error(`预警 ${id} 不存在`);
  return toAlert(row);
}

export class PgAlerts implements AlertRepo {
  constructor(private readonly db: PgDb) {}

  async save(write: AlertWrite, expected: Alert | null, at: string) {
    const n = write.next;
    return this.db.tx(async (c): Promise<Alert | null> => {
      let id: string;
      if (!expected) {
        // Compare-and-set for a new alert: none with this rule key may have appeared meanwhile.
        // SQLite's single writer makes look-then-insert atomic; here a transaction-level advisory
        // lock per rule key does, so two runs cannot both find none and insert two.
        await c.query(`SELECT pg_advisory_xact_lock(hashtext('minsheng.alert:' || ?))`, [n.ruleKey]);
        if (await one(c, 'SELECT 1 FROM alerts WHERE rule_key = ?', [n.ruleKey])) return null;
        id = sha(`${n.ruleKey}#${at}`).slice(0, 12);
        const insert = insertAlertStatement(id, n, at);
        await c.query(insert.sql, insert.params);
      } else {
        id = expected.id;
        // One conditional UPDATE: it waits for the row lock of a concurrent writer and then checks
        // the condition again on the row that writer left, so only one of two decisions lands.
        const update = updateAlertIfUnchangedStatement(n, expected);
        const changed = (await c.query(update.sql, update.params)).rowCount;
        if (changed === 0) return null;
      }
      for (const e of write.events) await c.query(EVENT, [id, at, null, e.action, e.note]);
      return toAlert((await alertRow(c, id))!);
    });
  }

  async findByRuleKey(ruleKey: string) {
    const r = await one(this.db, 'SELECT * FROM alerts WHERE rule_key = ? ORDER BY created_at DESC LIMIT 1', [ruleKey]);
    return r ? toAlert(r) : null;
  }

  async merge(fromId: string, intoId: string, change: GroupingChange) {
    return this.correct(async (c) => {
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      const [first, second] = [fromId, intoId].sort();
      const locked = new Map([
        [first!, await lockedAlert(c, first!)],
        [second!, await lockedAlert(c, second!)],
      ]);
      return mergeAlerts(locked.get(fromId)!, locked.get(intoId)!, change);
    });
  }

  async moveOut(alertId: string, postId: string, change: GroupingChange) {
    return this.correct(async (c) => {
      const alert = await lockedAlert(c, alertId);
      const rows = (await c.query('SELECT id, source FROM posts WHERE id = ANY(?)', [alert.postIds])).rows;
      return moveOutOfAlert(alert, postId, new Map(rows.map((r) => [String(r.id), String(r.source)])), change);
    });
  }

  /** Reads (with row locks) and decides inside one transaction, then writes what was decided. */
  private correct(decide: (c: Queryable) => Promise<AlertCorrection>): Promise<Alert> {
    return this.db.tx(async (c) => {
      const correction = await decide(c);
      for (const st of alertCorrectionStatements(correction)) await c.query(st.sql, st.params);
      return toAlert((await alertRow(c, correction.keep))!);
    });
  }

  async overrides() {
    return (await this.db.query('SELECT * FROM alert_overrides ORDER BY id')).rows.map(toAlertOverride);
  }

  async get(id: string) {
    const r = await alertRow(this.db, id);
    return r ? toAlert(r) : null;
  }

  async list(options: { status?: Alert['status'][]; limit?: number } = {}) {
    const args: unknown[] = [];
    let where = '';
    if (options.status?.length) {
      where = 'WHERE status = ANY(?)';
      args.push(options.status);
    }
    args.push(options.limit ?? 500);
    const order = `${LEVEL_ORDER_SQL}, last_seen DESC`;
    return (await this.db.query(`SELECT * FROM alerts ${where} ORDER BY ${order} LIMIT ?`, args)).rows.map(toAlert);
  }

  async transition(
    id: string,
    change: {
      from?: Alert['status'];
      status?: Alert['status'];
      assignee?: string | null;
      action: AlertEvent['action'];
      actor: string | null;
      note?: string | null;
      at: string;
    },
  ) {
    return this.db.tx(async (c) => {
      // Compare-and-set: one conditional UPDATE. PostgreSQL re-checks `status = from` on the row
      // it locks, so of two officers acting at once only one moves the alert.
      const sets = ['status = COALESCE(?, status)', 'updated_at = ?'];
      const args: unknown[] = [change.status ?? null, change.at];
      if (change.assignee !== undefined) (sets.push('assignee = ?'), args.push(change.assignee));
      let where = 'id = ?';
      args.push(id);
      if (change.from !== undefined) ((where += ' AND status = ?'), args.push(change.from));
      const updated = await c.query(`UPDATE alerts SET ${sets.join(', ')} WHERE ${where} RETURNING *`, args);
      if (updated.rowCount === 0) return null;
      await c.query(EVENT, [id, change.at, change.actor, change.action, change.note ?? null]);
      return toAlert(updated.rows[0]!);
    });
  }

  async events(alertId: string) {
    return (await this.db.query('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id', [alertId])).rows.map((r): AlertEvent => ({
      id: Number(r.id),
      alertId: String(r.alert_id),
      at: String(r.at),
      actor: str(r.actor),
      action: r.action as AlertEvent['action'],
      note: str(r.note),
    }));
  }
}

function toUser(r: Row): User {
  return {
    id: Number(r.id),
    name: String(r.name),
    role: r.role as User['role'],
    passwordHash: String(r.password_hash),
    createdAt: String(r.created_at),
    disabled: Boolean(Number(r.disabled)),
  };
}

export class PgUsers implements UserRepo {
  constructor(private readonly db: PgDb) {}

  async add(u: { name: string; role: User['role']; passwordHash: string; createdAt: string }) {
    try {
      const r = await this.db.query('INSERT INTO users (name, role, password_hash, created_at) VALUES (?,?,?,?) RETURNING *', [
        u.name,
        u.role,
        u.passwordHash,
        u.createdAt,
      ]);
      return toUser(r.rows[0]!);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new StoreConflictError(`用户“${u.name}”已存在`);
      throw err;
    }
  }

  async byName(name: string) {
    const r = await one(this.db, 'SELECT * FROM users WHERE name = ?', [name]);
    return r ? toUser(r) : null;
  }

  async byId(id: number) {
    const r = await one(this.db, 'SELECT * FROM users WHERE id = ?', [id]);
    return r ? toUser(r) : null;
  }

  async list() {
    return (await this.db.query('SELECT * FROM users ORDER BY id')).rows.map(toUser);
  }

  async setPasswordHash(name: string, passwordHash: string) {
    await this.db.query('UPDATE users SET password_hash = ? WHERE name = ?', [passwordHash, name]);
  }

  async setDisabled(name: string, disabled: boolean) {
    await this.db.query('UPDATE users SET disabled = ? WHERE name = ?', [disabled ? 1 : 0, name]);
  }
}

export class PgSessions implements SessionRepo {
  constructor(private readonly db: PgDb) {}

  async create(s: Session) {
    await this.db.query('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?,?,?,?,?,?)', [
      s.idHash,
      s.userId,
      s.csrfToken,
      s.createdAt,
      s.expiresAt,
      s.lastSeenAt,
    ]);
  }

  async get(idHash: string) {
    const r = await one(this.db, 'SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
    return r
      ? {
          idHash: String(r.id_hash),
          userId: Number(r.user_id),
          csrfToken: String(r.csrf_token),
          createdAt: String(r.created_at),
          expiresAt: String(r.expires_at),
          lastSeenAt: String(r.last_seen_at ?? r.created_at),
        }
      : null;
  }

  async delete(idHash: string) {
    await this.db.query('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
  }

  async deleteExpired(nowIso: string) {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at < ?', [nowIso])).rowCount;
  }

  async deleteForUser(userId: number) {
    return (await this.db.query('DELETE FROM sessions WHERE user_id = ?', [userId])).rowCount;
  }

  async touch(idHash: string, at: string) {
    await this.db.query('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [at, idHash]);
  }

  async trimForUser(userId: number, keep: number) {
    return (
      await this.db.query(
        'DELETE FROM sessions WHERE user_id = ? AND id_hash NOT IN (SELECT id_hash FROM sessions WHERE user_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?)',
        [userId, userId, Math.max(0, keep)],
      )
    ).rowCount;
  }
}

export class PgAudit implements AuditRepo {
  constructor(private readonly db: PgDb) {}

  async record(e: Omit<AuditEntry, 'id'>) {
    await this.db.query('INSERT INTO audit_log (at, actor, action, target, detail, ip) VALUES (?,?,?,?,?,?)', [
      e.at,
      e.actor,
      e.action,
      e.target,
      e.detail,
      e.ip,
    ]);
  }

  async countAnonymousSince(since: string) {
    return Number((await one(this.db, 'SELECT COUNT(*) AS n FROM audit_log WHERE at >= ? AND actor IS NULL', [since]))!.n);
  }

  async list(options: { limit?: number; actor?: string } = {}) {
    const args: unknown[] = [];
    let where = '';
    if (options.actor) ((where = 'WHERE actor = ?'), args.push(options.actor));
    args.push(options.limit ?? 200);
    return (await this.db.query(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`, args)).rows.map(toAuditEntry);
  }
}

/**
 * Scores (alias s) with no label row and no skip row of the actor bound to the first parameter: the rows
 * LabelRepo.unlabelled names (why these make the queue: analysis/labelling/queue.ts).
 */
const UNLABELLED = `NOT EXISTS (SELECT 1 FROM post_labels l WHERE l.post_id = s.post_id)
  AND NOT EXISTS (SELECT 1 FROM post_label_skips k WHERE k.post_id = s.post_id AND k.actor = ?)`;

export class PgLabels implements LabelRepo {
  constructor(private readonly db: PgDb) {}

  async save(l: Omit<PostLabel, 'id'>) {
    const r = await this.db.query('INSERT INTO post_labels (post_id, sentiment, severity, topic, actor, at, pick) VALUES (?,?,?,?,?,?,?) RETURNING *', [
      l.postId,
      l.sentiment,
      l.severity,
      l.topic,
      l.actor,
      l.at,
      l.pick ?? null,
    ]);
    return toLabel(r.rows[0]!);
  }

  async list(options: { postId?: string } = {}) {
    const r = options.postId
      ? await this.db.query('SELECT * FROM post_labels WHERE post_id = ? ORDER BY id', [options.postId])
      : await this.db.query('SELECT * FROM post_labels ORDER BY id');
    return r.rows.map(toLabel);
  }

  async skip(postId: string, actor: string, at: string) {
    await this.db.query('INSERT INTO post_label_skips (post_id, actor, at) VALUES (?,?,?) ON CONFLICT DO NOTHING', [postId, actor, at]);
  }

  async unlabelled(actor: string, filter: LabelCandidateFilter = {}) {
    const where = [UNLABELLED];
    const args: (string | number)[] = [actor];
    if (filter.minSeverity !== undefined) (where.push('s.severity >= ?'), args.push(filter.minSeverity));
    if (filter.negativeFrom !== undefined) (where.push('s.negative >= ?'), args.push(filter.negativeFrom));
    if (filter.negativeTo !== undefined) (where.push('s.negative <= ?'), args.push(filter.negativeTo));
    const rows = (
      await this.db.query(
        `SELECT s.post_id, s.sentiment, s.negative, s.severity, s.topic, COALESCE(p.published_at, p.fetched_at) AS posted_at
         FROM scores s JOIN posts p ON p.id = s.post_id WHERE ${where.join(' AND ')}${filter.firstById ? ' ORDER BY s.post_id COLLATE "C" LIMIT 1' : ''}`,
        args,
      )
    ).rows;
    return rows.map(toLabelCandidate);
  }

  async countUnlabelled(actor: string) {
    return Number((await one(this.db, `SELECT COUNT(*) AS n FROM scores s WHERE ${UNLABELLED}`, [actor]))!.n);
  }
}
