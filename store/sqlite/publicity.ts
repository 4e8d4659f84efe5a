// SQLite persistence for 明白纸 versions, workflow state and readers' feedback.
import type { Db } from './database.ts';
import { str, type Row } from './rows.ts';
import type {
  AlertWordingRepo,
  ExplainerAutosave,
  ExplainerRecord,
  ExplainerRepo,
  ExplainerVersion,
  FeedbackEntry,
  FeedbackRepo,
  PublishJob,
  PublishJobRepo,
  PublishStep,
} from '../publicity.ts';
import { toJob, toRecord, toVersion, toWording } from '../rows.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export class SqliteExplainers implements ExplainerRepo {
  constructor(private readonly db: Db) {}

  async get(id: string) {
    const row = this.db.prepare('SELECT * FROM explainers WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async list() {
    return (this.db.prepare('SELECT * FROM explainers ORDER BY id').all() as Row[]).map(toRecord);
  }

  async versions(id: string) {
    return (this.db.prepare('SELECT * FROM explainer_versions WHERE explainer_id = ? ORDER BY number').all(id) as Row[]).map(toVersion);
  }

  async save(r: ExplainerRecord, change: { newVersion?: ExplainerVersion | null; approveVersion?: { number: number; by: string } | null } = {}) {
    const db = this.db;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO explainers (id, state, current_version, submitted_by, approved_by, published_version, published_at, publish_at, updated_at)
         VALUES (@id, @state, @currentVersion, @submittedBy, @approvedBy, @publishedVersion, @publishedAt, @publishAt, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET state=excluded.state, current_version=excluded.current_version, submitted_by=excluded.submitted_by,
           approved_by=excluded.approved_by, published_version=excluded.published_version, published_at=excluded.published_at,
           publish_at=excluded.publish_at, updated_at=excluded.updated_at`,
      ).run(r);
      const v = change.newVersion;
      if (v) {
        if (v.explainerId !== r.id) throw new Error(`版本属于 ${v.explainerId}，不是 ${r.id}`);
        // A taken number means someone else saved meanwhile: the primary key refuses it.
        db.prepare('INSERT INTO explainer_versions (explainer_id, number, source, author, created_at, note, approved_by) VALUES (?,?,?,?,?,?,?)').run(
          v.explainerId,
          v.number,
          v.source,
          v.author,
          v.createdAt,
          v.note,
          v.approvedBy,
        );
      }
      const a = change.approveVersion;
      if (a) {
        const changed = db.prepare('UPDATE explainer_versions SET approved_by = ? WHERE explainer_id = ? AND number = ?').run(a.by, r.id, a.number).changes;
        if (!changed) throw new Error(`${r.id} 没有第 ${a.number} 版`);
      }
      if (!db.prepare('SELECT 1 FROM explainer_versions WHERE explainer_id = ? AND number = ?').get(r.id, r.currentVersion)) {
        throw new Error(`${r.id} 没有第 ${r.currentVersion} 版`);
      }
    }).immediate();
  }

  async getAutosave(id: string, user: string) {
    const r = this.db.prepare('SELECT * FROM explainer_autosaves WHERE explainer_id = ? AND user = ?').get(id, user) as Row | undefined;
    return r
      ? { explainerId: String(r.explainer_id), user: String(r.user), source: String(r.source), baseVersion: num(r.base_version), savedAt: String(r.saved_at) }
      : null;
  }

  async putAutosave(a: ExplainerAutosave) {
    this.db
      .prepare(
        `INSERT INTO explainer_autosaves (explainer_id, user, source, base_version, saved_at) VALUES (?,?,?,?,?)
         ON CONFLICT(explainer_id, user) DO UPDATE SET source=excluded.source, base_version=excluded.base_version, saved_at=excluded.saved_at`,
      )
      .run(a.explainerId, a.user, a.source, a.baseVersion, a.savedAt);
  }

  async deleteAutosave(id: string, user: string) {
    this.db.prepare('DELETE FROM explainer_autosaves WHERE explainer_id = ? AND user = ?').run(id, user);
  }

  async pruneAutosaves(before: string) {
    return this.db.prepare('DELETE FROM explainer_autosaves WHERE saved_at < ?').run(before).changes;
  }
}

export class SqlitePublishJobs implements PublishJobRepo {
  constructor(private readonly db: Db) {}

  async get(id: number) {
    const r = this.db.prepare('SELECT * FROM publish_jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : null;
  }

  async list(limit = 50) {
    return (this.db.prepare('SELECT * FROM publish_jobs ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toJob);
  }

  async holder() {
    const r = this.db.prepare('SELECT j.* FROM publish_slot s JOIN publish_jobs j ON j.id = s.job_id WHERE s.id = 1').get() as Row | undefined;
    return r ? toJob(r) : null;
  }

  async claim(job: Omit<PublishJob, 'id' | 'finishedAt' | 'errors' | 'warnings'>, expected: number | null, replacedError = '') {
    const db = this.db;
    return db
      .transaction((): PublishJob | null => {
        const id = Number(
          db
            .prepare('INSERT INTO publish_jobs (explainer_id, what, step, owner, started_at, heartbeat_at) VALUES (?,?,?,?,?,?)')
            .run(job.explainerId, job.what, job.step, job.owner, job.startedAt, job.heartbeatAt).lastInsertRowid,
        );
        // Compare-and-set: only if the slot still names the holder the caller decided about.
        const swapped = db.prepare('UPDATE publish_slot SET job_id = ? WHERE id = 1 AND job_id IS ?').run(id, expected).changes;
        if (!swapped) {
          db.prepare('DELETE FROM publish_jobs WHERE id = ?').run(id);
          return null;
        }
        if (expected !== null) {
          db.prepare("UPDATE publish_jobs SET step = 'failed', finished_at = ?, errors = ? WHERE id = ? AND finished_at IS NULL").run(
            job.startedAt,
            JSON.stringify([replacedError]),
            expected,
          );
        }
        return toJob(db.prepare('SELECT * FROM publish_jobs WHERE id = ?').get(id) as Row);
      })
      .immediate();
  }

  async beat(id: number, at: string, step?: PublishStep) {
    const db = this.db;
    return db
      .transaction(() => {
        if (!db.prepare('SELECT 1 FROM publish_slot WHERE id = 1 AND job_id = ?').get(id)) return false;
        db.prepare('UPDATE publish_jobs SET heartbeat_at = ?, step = COALESCE(?, step) WHERE id = ?').run(at, step ?? null, id);
        return true;
      })
      .immediate();
  }

  async finish(id: number, o: { step: 'done' | 'failed'; at: string; errors: string[]; warnings: string[] }) {
    const db = this.db;
    db.transaction(() => {
      db.prepare('UPDATE publish_jobs SET step = ?, finished_at = ?, heartbeat_at = ?, errors = ?, warnings = ? WHERE id = ?').run(
        o.step,
        o.at,
        o.at,
        JSON.stringify(o.errors),
        JSON.stringify(o.warnings),
        id,
      );
      db.prepare('UPDATE publish_slot SET job_id = NULL WHERE id = 1 AND job_id = ?').run(id);
    }).immediate();
  }
}

export class SqliteFeedback implements FeedbackRepo {
  constructor(private readonly db: Db) {}

  async add(e: Omit<FeedbackEntry, 'id'>) {
    const info = this.db.prepare('INSERT INTO page_feedback (page, useful, note, at) VALUES (?,?,?,?)').run(e.page, e.useful ? 1 : 0, e.note, e.at);
    return { id: Number(info.lastInsertRowid), ...e };
  }

  async list(options: { since?: string; pagePrefix?: string; limit?: number } = {}) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (options.since) (where.push('at >= ?'), args.push(options.since));
    if (options.pagePrefix) (where.push('substr(page, 1, ?) = ?'), args.push(options.pagePrefix.length, options.pagePrefix));
    args.push(options.limit ?? 10_000);
    const rows = this.db
      .prepare(`SELECT * FROM page_feedback ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...args) as Row[];
    return rows.map((r) => ({ id: Number(r.id), page: String(r.page), useful: Number(r.useful) === 1, note: str(r.note), at: String(r.at) }));
  }
}

export class SqliteAlertWordings implements AlertWordingRepo {
  constructor(private readonly db: Db) {}

  async list(alertId: string) {
    return (this.db.prepare('SELECT * FROM alert_wordings WHERE alert_id = ? ORDER BY number').all(alertId) as Row[]).map(toWording);
  }

  async add(e: { alertId: string; text: string; author: string; createdAt: string }) {
    const db = this.db;
    return db
      .transaction(() => {
        const next = Number((db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM alert_wordings WHERE alert_id = ?').get(e.alertId) as { n: number }).n);
        db.prepare('INSERT INTO alert_wordings (alert_id, number, text, author, created_at) VALUES (?,?,?,?,?)').run(
          e.alertId,
          next,
          e.text,
          e.author,
          e.createdAt,
        );
        return toWording(db.prepare('SELECT * FROM alert_wordings WHERE alert_id = ? AND number = ?').get(e.alertId, next) as Row);
      })
      .immediate();
  }

  async approve(alertId: string, number: number, by: string, at: string) {
    const changed = this.db
      .prepare('UPDATE alert_wordings SET approved_by = ?, approved_at = ? WHERE alert_id = ? AND number = ? AND approved_by IS NULL')
      .run(by, at, alertId, number).changes;
    if (!changed) throw new Error(`预警 ${alertId} 没有待审核的第 ${number} 版口径`);
  }
}
