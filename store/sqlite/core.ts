// SQLite implementations of the core repositories. SQL stays inside store/sqlite.
import { createHash } from 'node:crypto';
import { prepared, type Db } from './database.ts';
import { placeholders, str, type Row } from './rows.ts';
import type { AlertRepo, AlertWrite, AuditRepo, ClusterRepo, LabelRepo, PostRepo, ScoreRepo, SessionRepo, UserRepo } from '../store.ts';
import { StoreConflictError } from '../store.ts';
import {
  type Alert,
  type AlertEvent,
  type AuditEntry,
  type Post,
  type PostInput,
  type LabelCandidateFilter,
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
/** A post's id is derived from its canonical URL so every crawler run computes the same one. */
export const postIdFor = (canonicalUrl: string) => sha(canonicalUrl).slice(0, 16);

export class SqlitePosts implements PostRepo {
  constructor(private readonly db: Db) {}

  async upsert(p: PostInput) {
    // IMMEDIATE: it reads before it writes, and with several writer processes (crawl workers) a
    // deferred transaction would fail with SQLITE_BUSY instead of waiting for the write lock.
    return this.db.transaction(() => this.upsertOne(p)).immediate();
  }

  async upsertMany(posts: PostInput[]) {
    // One transaction (one fsync) for the lot: a history import writes a million posts.
    return this.db.transaction(() => posts.map((p) => this.upsertOne(p))).immediate();
  }

  private upsertOne(p: PostInput): UpsertResult {
    const db = this.db;
    const existing = prepared(db, 'SELECT id, content_hash FROM posts WHERE canonical_url = ? OR content_hash = ? LIMIT 1').get(
      p.canonicalUrl,
      p.contentHash,
    ) as { id: string; content_hash: string } | undefined;
    const now = new Date().toISOString();
    if (existing) {
      // Whose is the new text's hash: only asked when the text changed, the one case it matters.
      const holder =
        existing.content_hash === p.contentHash
          ? existing.id
          : ((prepared(db, 'SELECT id FROM posts WHERE content_hash = ?').get(p.contentHash) as { id: string } | undefined)?.id ?? null);
      const edit = postEditStatements({ id: existing.id, contentHash: existing.content_hash }, p, holder, now);
      for (const st of edit ?? []) prepared(db, st.sql).run(...st.params);
      return { id: existing.id, created: false };
    }
    const id = postIdFor(p.canonicalUrl);
    prepared(
      db,
      `INSERT INTO posts (id, source, url, canonical_url, content_hash, title, body, author, published_at, fetched_at, district, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(id, p.source, p.url, p.canonicalUrl, p.contentHash, p.title, p.body, p.author, p.publishedAt, p.fetchedAt, p.district, now);
    return { id, created: true };
  }

  async get(id: string) {
    const r = this.db.prepare('SELECT * FROM posts WHERE id = ?').get(id) as Row | undefined;
    return r ? toPost(r) : null;
  }

  async getMany(ids: string[]) {
    if (ids.length === 0) return [];
    const out: Post[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM posts WHERE id IN (${placeholders(chunk.length)})`).all(...chunk) as Row[];
      out.push(...rows.map(toPost));
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  async list(q: PostQuery = {}) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.source) (where.push('p.source = ?'), args.push(q.source));
    if (q.since) (where.push('COALESCE(p.published_at, p.fetched_at) >= ?'), args.push(q.since));
    if (q.afterId) (where.push('p.id > ?'), args.push(q.afterId));
    if (q.unscored) where.push('NOT EXISTS (SELECT 1 FROM scores s WHERE s.post_id = p.id)');
    if (q.unclustered) where.push('p.cluster_id IS NULL');
    const sql = `SELECT p.* FROM posts p ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY p.id LIMIT ?`;
    args.push(q.limit ?? 1000);
    return (this.db.prepare(sql).all(...args) as Row[]).map(toPost);
  }

  async count() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM posts').get() as { n: number }).n;
  }

  async setDistrict(id: string, district: string | null) {
    this.db.prepare('UPDATE posts SET district = ? WHERE id = ?').run(district, id);
  }

  async deleteFetchedBefore(cutoffIso: string) {
    return this.db.prepare('DELETE FROM posts WHERE fetched_at < ?').run(cutoffIso).changes;
  }

  async countsByDay(o: { since: string; utcOffsetMinutes: number }) {
    const rows = this.db
      .prepare(
        `SELECT date(COALESCE(p.published_at, p.fetched_at), ? || ' minutes') AS day, s.sentiment AS sentiment, COUNT(*) AS n
         FROM posts p LEFT JOIN scores s ON s.post_id = p.id
         WHERE COALESCE(p.published_at, p.fetched_at) >= ?
         GROUP BY day, s.sentiment ORDER BY day`,
      )
      .all(`${o.utcOffsetMinutes >= 0 ? '+' : ''}${Math.trunc(o.utcOffsetMinutes)}`, o.since) as Row[];
    return rows.filter((r) => r.day !== null).map((r) => ({ day: String(r.day), sentiment: str(r.sentiment) as Sentiment | null, count: Number(r.n) }));
  }

  async countsBy(field: 'source' | 'district' | 'topic', o: { since: string }) {
    const column = { source: 'p.source', district: 'p.district', topic: 's.topic' }[field];
    const rows = this.db
      .prepare(
        `SELECT ${column} AS k, COUNT(*) AS n FROM posts p LEFT JOIN scores s ON s.post_id = p.id
         WHERE COALESCE(p.published_at, p.fetched_at) >= ? GROUP BY k ORDER BY n DESC`,
      )
      .all(o.since) as Row[];
    return rows.map((r) => ({ key: str(r.k), count: Number(r.n) }));
  }
}

export class SqliteScores implements ScoreRepo {
  constructor(private readonly db: Db) {}

  async save(s: Score) {
    this.saveOne(s);
  }

  async saveMany(scores: Score[]) {
    this.db.transaction(() => scores.forEach((s) => this.saveOne(s)))();
  }

  private saveOne(s: Score) {
    prepared(
      this.db,
      `INSERT INTO scores (post_id, sentiment, negative, severity, topic, reasons, model, scored_at) VALUES (?,?,?,?,?,?,?,?)
         ON CONFLICT(post_id) DO UPDATE SET sentiment=excluded.sentiment, negative=excluded.negative, severity=excluded.severity,
           topic=excluded.topic, reasons=excluded.reasons, model=excluded.model, scored_at=excluded.scored_at`,
    ).run(s.postId, s.sentiment, s.negative, s.severity, s.topic, JSON.stringify(s.reasons), s.model, s.scoredAt);
  }

  async get(postId: string) {
    const r = this.db.prepare('SELECT * FROM scores WHERE post_id = ?').get(postId) as Row | undefined;
    return r ? toScore(r) : null;
  }

  async getMany(postIds: string[]) {
    const out = new Map<string, Score>();
    for (let i = 0; i < postIds.length; i += 500) {
      const chunk = postIds.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM scores WHERE post_id IN (${placeholders(chunk.length)})`).all(...chunk) as Row[];
      for (const r of rows) out.set(String(r.post_id), toScore(r));
    }
    return out;
  }

  async count() {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM scores').get() as { n: number }).n;
  }
}

export class SqliteClusters implements ClusterRepo {
  constructor(private readonly db: Db) {}

  async assign(assignments: { postId: string; clusterId: string }[]) {
    const db = this.db;
    db.transaction(() => {
      const touched = new Set<string>();
      const old = db.prepare('SELECT cluster_id FROM posts WHERE id = ?');
      const set = db.prepare('UPDATE posts SET cluster_id = ? WHERE id = ?');
      for (const a of assignments) {
        const prev = old.get(a.postId) as { cluster_id: string | null } | undefined;
        if (!prev) continue;
        if (prev.cluster_id) touched.add(prev.cluster_id);
        touched.add(a.clusterId);
        set.run(a.clusterId, a.postId);
      }
      const summary = db.prepare(
        `SELECT COUNT(*) AS size, json_group_array(DISTINCT source) AS sources,
                MIN(COALESCE(published_at, fetched_at)) AS first_seen, MAX(COALESCE(published_at, fetched_at)) AS last_seen,
                MIN(id) AS rep
         FROM posts WHERE cluster_id = ?`,
      );
      const upsert = db.prepare(
        `INSERT INTO clusters (id, size, sources, first_seen, last_seen, representative_post_id) VALUES (?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET size=excluded.size, sources=excluded.sources, first_seen=excluded.first_seen,
           last_seen=excluded.last_seen, representative_post_id=excluded.representative_post_id`,
      );
      const drop = db.prepare('DELETE FROM clusters WHERE id = ?');
      for (const id of touched) {
        const s = summary.get(id) as { size: number; sources: string; first_seen: string; last_seen: string; rep: string };
        if (!s.size) drop.run(id);
        else upsert.run(id, s.size, s.sources, s.first_seen, s.last_seen, s.rep);
      }
    }).immediate();
  }

  async get(id: string) {
    const r = this.db.prepare('SELECT * FROM clusters WHERE id = ?').get(id) as Row | undefined;
    return r ? toCluster(r) : null;
  }

  async list(options: { minSize?: number } = {}) {
    return (this.db.prepare('SELECT * FROM clusters WHERE size >= ? ORDER BY size DESC, last_seen DESC').all(options.minSize ?? 1) as Row[]).map(toCluster);
  }

  async members(clusterId: string) {
    return (this.db.prepare('SELECT id FROM posts WHERE cluster_id = ? ORDER BY id').all(clusterId) as { id: string }[]).map((r) => r.id);
  }
}

export class SqliteAlerts implements AlertRepo {
  constructor(private readonly db: Db) {}

  async save(write: AlertWrite, expected: Alert | null, at: string) {
    const db = this.db;
    return db
      .transaction(() => {
        const n = write.next;
        let id: string;
        if (!expected) {
          // Compare-and-set for a new alert: none with this rule key may have appeared meanwhile.
          if (db.prepare('SELECT 1 FROM alerts WHERE rule_key = ?').get(n.ruleKey)) return null;
          id = sha(`${n.ruleKey}#${at}`).slice(0, 12);
          const insert = insertAlertStatement(id, n, at);
          db.prepare(insert.sql).run(...insert.params);
        } else {
          id = expected.id;
          const update = updateAlertIfUnchangedStatement(n, expected);
          const info = db.prepare(update.sql).run(...update.params);
          if (info.changes === 0) return null;
        }
        const event = db.prepare('INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)');
        for (const e of write.events) event.run(id, at, null, e.action, e.note);
        return toAlert(db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row);
      })
      .immediate();
  }

  async findByRuleKey(ruleKey: string) {
    const r = this.db.prepare('SELECT * FROM alerts WHERE rule_key = ? ORDER BY created_at DESC LIMIT 1').get(ruleKey) as Row | undefined;
    return r ? toAlert(r) : null;
  }

  async merge(fromId: string, intoId: string, change: GroupingChange) {
    return this.correct(() => {
      const [from, into] = [this.mustGet(fromId), this.mustGet(intoId)];
      return mergeAlerts(from, into, change);
    });
  }

  async moveOut(alertId: string, postId: string, change: GroupingChange) {
    return this.correct(() => {
      const alert = this.mustGet(alertId);
      const rows = this.db.prepare(`SELECT id, source FROM posts WHERE id IN (${placeholders(alert.postIds.length)})`).all(...alert.postIds) as {
        id: string;
        source: string;
      }[];
      return moveOutOfAlert(alert, postId, new Map(rows.map((r) => [r.id, r.source])), change);
    });
  }

  /** Reads and decides inside one write transaction (BEGIN IMMEDIATE), then writes what was decided. */
  private correct(decide: () => AlertCorrection): Alert {
    const db = this.db;
    return db
      .transaction(() => {
        const correction = decide();
        for (const st of alertCorrectionStatements(correction)) db.prepare(st.sql).run(...st.params);
        return this.mustGet(correction.keep);
      })
      .immediate();
  }

  private mustGet(id: string): Alert {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new Error(`预警 ${id} 不存在`);
    return toAlert(row);
  }

  async overrides() {
    return (this.db.prepare('SELECT * FROM alert_overrides ORDER BY id').all() as Row[]).map(toAlertOverride);
  }

  async get(id: string) {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return r ? toAlert(r) : null;
  }

  async list(options: { status?: Alert['status'][]; limit?: number } = {}) {
    const args: unknown[] = [];
    let where = '';
    if (options.status?.length) {
      where = `WHERE status IN (${placeholders(options.status.length)})`;
      args.push(...options.status);
    }
    args.push(options.limit ?? 500);
    const order = `${LEVEL_ORDER_SQL}, last_seen DESC`;
    return (this.db.prepare(`SELECT * FROM alerts ${where} ORDER BY ${order} LIMIT ?`).all(...args) as Row[]).map(toAlert);
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
    const db = this.db;
    return db
      .transaction(() => {
        // Compare-and-set: the change applies only while the status is still the one the caller
        // decided on, so two officers acting at once cannot both move the alert.
        const sets = ['status = COALESCE(?, status)', 'updated_at = ?'];
        const args: unknown[] = [change.status ?? null, change.at];
        if (change.assignee !== undefined) (sets.push('assignee = ?'), args.push(change.assignee));
        let where = 'id = ?';
        args.push(id);
        if (change.from !== undefined) ((where += ' AND status = ?'), args.push(change.from));
        const info = db.prepare(`UPDATE alerts SET ${sets.join(', ')} WHERE ${where}`).run(...args);
        if (info.changes === 0) return null;
        db.prepare('INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)').run(
          id,
          change.at,
          change.actor,
          change.action,
          change.note ?? null,
        );
        return toAlert(db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row);
      })
      .immediate();
  }

  async events(alertId: string) {
    return (this.db.prepare('SELECT * FROM alert_events WHERE alert_id = ? ORDER BY id').all(alertId) as Row[]).map((r): AlertEvent => ({
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
    disabled: Boolean(r.disabled),
  };
}

export class SqliteUsers implements UserRepo {
  constructor(private readonly db: Db) {}

  async add(u: { name: string; role: User['role']; passwordHash: string; createdAt: string }) {
    let info;
    try {
      info = this.db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?,?,?,?)').run(u.name, u.role, u.passwordHash, u.createdAt);
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreConflictError(`用户“${u.name}”已存在`);
      throw err;
    }
    return toUser(this.db.prepare('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  async byName(name: string) {
    const r = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return r ? toUser(r) : null;
  }

  async byId(id: number) {
    const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return r ? toUser(r) : null;
  }

  async list() {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as Row[]).map(toUser);
  }

  async setPasswordHash(name: string, passwordHash: string) {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(passwordHash, name);
  }

  async setDisabled(name: string, disabled: boolean) {
    this.db.prepare('UPDATE users SET disabled = ? WHERE name = ?').run(disabled ? 1 : 0, name);
  }
}

export class SqliteSessions implements SessionRepo {
  constructor(private readonly db: Db) {}

  async create(s: Session) {
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?,?,?,?,?,?)')
      .run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt, s.lastSeenAt);
  }

  async get(idHash: string) {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as Row | undefined;
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
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteExpired(nowIso: string) {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(nowIso).changes;
  }

  async deleteForUser(userId: number) {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  async touch(idHash: string, at: string) {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash);
  }

  async trimForUser(userId: number, keep: number) {
    return this.db
      .prepare(
        'DELETE FROM sessions WHERE user_id = ? AND id_hash NOT IN (SELECT id_hash FROM sessions WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)',
      )
      .run(userId, userId, Math.max(0, keep)).changes;
  }
}

export class SqliteAudit implements AuditRepo {
  constructor(private readonly db: Db) {}

  async record(e: Omit<AuditEntry, 'id'>) {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target, detail, ip) VALUES (?,?,?,?,?,?)')
      .run(e.at, e.actor, e.action, e.target, e.detail, e.ip);
  }

  async countAnonymousSince(since: string) {
    return Number((this.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE at >= ? AND actor IS NULL').get(since) as Row).n);
  }

  async list(options: { limit?: number; actor?: string } = {}) {
    const args: unknown[] = [];
    let where = '';
    if (options.actor) ((where = 'WHERE actor = ?'), args.push(options.actor));
    args.push(options.limit ?? 200);
    return (this.db.prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`).all(...args) as Row[]).map(toAuditEntry);
  }
}

/**
 * Scores (alias s) with no label row and no skip row of the actor bound to the one parameter: the rows
 * LabelRepo.unlabelled names (why these make the queue: analysis/labelling/queue.ts).
 */
const UNLABELLED = `NOT EXISTS (SELECT 1 FROM post_labels l WHERE l.post_id = s.post_id)
  AND NOT EXISTS (SELECT 1 FROM post_label_skips k WHERE k.post_id = s.post_id AND k.actor = ?)`;

export class SqliteLabels implements LabelRepo {
  constructor(private readonly db: Db) {}

  async save(l: Omit<PostLabel, 'id'>) {
    const info = this.db
      .prepare('INSERT INTO post_labels (post_id, sentiment, severity, topic, actor, at, pick) VALUES (?,?,?,?,?,?,?)')
      .run(l.postId, l.sentiment, l.severity, l.topic, l.actor, l.at, l.pick ?? null);
    return toLabel(this.db.prepare('SELECT * FROM post_labels WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  async list(options: { postId?: string } = {}) {
    const rows = options.postId
      ? this.db.prepare('SELECT * FROM post_labels WHERE post_id = ? ORDER BY id').all(options.postId)
      : this.db.prepare('SELECT * FROM post_labels ORDER BY id').all();
    return (rows as Row[]).map(toLabel);
  }

  async skip(postId: string, actor: string, at: string) {
    this.db.prepare('INSERT OR IGNORE INTO post_label_skips (post_id, actor, at) VALUES (?,?,?)').run(postId, actor, at);
  }

  async unlabelled(actor: string, filter: LabelCandidateFilter = {}) {
    const where = [UNLABELLED];
    const args: (string | number)[] = [actor];
    if (filter.minSeverity !== undefined) (where.push('s.severity >= ?'), args.push(filter.minSeverity));
    if (filter.negativeFrom !== undefined) (where.push('s.negative >= ?'), args.push(filter.negativeFrom));
    if (filter.negativeTo !== undefined) (where.push('s.negative <= ?'), args.push(filter.negativeTo));
    const rows = this.db
      .prepare(
        `SELECT s.post_id, s.sentiment, s.negative, s.severity, s.topic, COALESCE(p.published_at, p.fetched_at) AS posted_at
         FROM scores s JOIN posts p ON p.id = s.post_id WHERE ${where.join(' AND ')}${filter.firstById ? ' ORDER BY s.post_id LIMIT 1' : ''}`,
      )
      .all(...args) as Row[];
    return rows.map(toLabelCandidate);
  }

  async countUnlabelled(actor: string) {
    return Number((this.db.prepare(`SELECT COUNT(*) AS n FROM scores s WHERE ${UNLABELLED}`).get(actor) as Row).n);
  }
}
