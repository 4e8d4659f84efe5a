// PostgreSQL persistence for 明白纸 versions, workflow state, readers' feedback and 回应口径.
import { str, type PgDb } from './database.ts';
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

export class PgExplainers implements ExplainerRepo {
  constructor(private readonly db: PgDb) {}

  async get(id: string) {
    const r = (await this.db.query('SELECT * FROM explainers WHERE id = ?', [id])).rows[0];
    return r ? toRecord(r) : null;
  }

  async list() {
    return (await this.db.query('SELECT * FROM explainers ORDER BY id')).rows.map(toRecord);
  }

  async versions(id: string) {
    return (await this.db.query('SELECT * FROM explainer_versions WHERE explainer_id = ? ORDER BY number', [id])).rows.map(toVersion);
  }

  async save(r: ExplainerRecord, change: { newVersion?: ExplainerVersion | null; approveVersion?: { number: number; by: string } | null } = {}) {
    await this.db.tx(async (c) => {
      await c.query(
        `INSERT INTO explainers (id, state, current_version, submitted_by, approved_by, published_version, published_at, publish_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET state=excluded.state, current_version=excluded.current_version, submitted_by=excluded.submitted_by,
           approved_by=excluded.approved_by, published_version=excluded.published_version, published_at=excluded.published_at,
           publish_at=excluded.publish_at, updated_at=excluded.updated_at`,
        [r.id, r.state, r.currentVersion, r.submittedBy, r.approvedBy, r.publishedVersion, r.publishedAt, r.publishAt, r.updatedAt],
      );
      const v = change.newVersion;
      if (v) {
        if (v.explainerId !== r.id) throw new Error(`版本属于 ${v.explainerId}，不是 ${r.id}`);
        // A taken number means someone else saved meanwhile: the primary key refuses it.
        await c.query('INSERT INTO explainer_versions (explainer_id, number, source, author, created_at, note, approved_by) VALUES (?,?,?,?,?,?,?)', [
          v.explainerId,
          v.number,
          v.source,
          v.author,
          v.createdAt,
          v.note,
          v.approvedBy,
        ]);
      }
      const a = change.approveVersion;
      if (a) {
        const changed = (await c.query('UPDATE explainer_versions SET approved_by = ? WHERE explainer_id = ? AND number = ?', [a.by, r.id, a.number])).rowCount;
        if (!changed) throw new Error(`${r.id} 没有第 ${a.number} 版`);
      }
      if (!(await c.query('SELECT 1 FROM explainer_versions WHERE explainer_id = ? AND number = ?', [r.id, r.currentVersion])).rows.length) {
        throw new Error(`${r.id} 没有第 ${r.currentVersion} 版`);
      }
    });
  }

  // The column is "user" (a reserved word in PostgreSQL), so it is quoted in every statement.
  async getAutosave(id: string, user: string) {
    const r = (await this.db.query('SELECT * FROM explainer_autosaves WHERE explainer_id = ? AND "user" = ?', [id, user])).rows[0];
    return r
      ? { explainerId: String(r.explainer_id), user: String(r.user), source: String(r.source), baseVersion: num(r.base_version), savedAt: String(r.saved_at) }
      : null;
  }

  async putAutosave(a: ExplainerAutosave) {
    await this.db.query(
      `INSERT INTO explainer_autosaves (explainer_id, "user", source, base_version, saved_at) VALUES (?,?,?,?,?)
       ON CONFLICT (explainer_id, "user") DO UPDATE SET source=excluded.source, base_version=excluded.base_version, saved_at=excluded.saved_at`,
      [a.explainerId, a.user, a.source, a.baseVersion, a.savedAt],
    );
  }

  async deleteAutosave(id: string, user: string) {
    await this.db.query('DELETE FROM explainer_autosaves WHERE explainer_id = ? AND "user" = ?', [id, user]);
  }

  async pruneAutosaves(before: string) {
    return (await this.db.query('DELETE FROM explainer_autosaves WHERE saved_at < ?', [before])).rowCount;
  }
}

/**
 * Publish jobs. SQLite's single writer makes its read-then-write steps atomic; here the slot row
 * is locked instead: `claim` takes it FOR UPDATE (a second claimer waits, then sees the new
 * holder), `beat` FOR SHARE (a takeover waits for a running beat, and a beat after it sees it lost).
 */
export class PgPublishJobs implements PublishJobRepo {
  constructor(private readonly db: PgDb) {}

  async get(id: number) {
    const r = (await this.db.query('SELECT * FROM publish_jobs WHERE id = ?', [id])).rows[0];
    return r ? toJob(r) : null;
  }

  async list(limit = 50) {
    return (await this.db.query('SELECT * FROM publish_jobs ORDER BY id DESC LIMIT ?', [limit])).rows.map(toJob);
  }

  async holder() {
    const r = (await this.db.query('SELECT j.* FROM publish_slot s JOIN publish_jobs j ON j.id = s.job_id WHERE s.id = 1')).rows[0];
    return r ? toJob(r) : null;
  }

  async claim(job: Omit<PublishJob, 'id' | 'finishedAt' | 'errors' | 'warnings'>, expected: number | null, replacedError = '') {
    return this.db.tx(async (c): Promise<PublishJob | null> => {
      // Compare-and-set: only if the slot still names the holder the caller decided about. Checked
      // under the row lock, so a job is inserted only when it will hold the slot.
      const same = (await c.query('SELECT 1 FROM publish_slot WHERE id = 1 AND job_id IS NOT DISTINCT FROM ? FOR UPDATE', [expected])).rows.length;
      if (!same) return null;
      const inserted = await c.query('INSERT INTO publish_jobs (explainer_id, what, step, owner, started_at, heartbeat_at) VALUES (?,?,?,?,?,?) RETURNING *', [
        job.explainerId,
        job.what,
        job.step,
        job.owner,
        job.startedAt,
        job.heartbeatAt,
      ]);
      const created = toJob(inserted.rows[0]!);
      await c.query('UPDATE publish_slot SET job_id = ? WHERE id = 1', [created.id]);
      if (expected !== null) {
        await c.query("UPDATE publish_jobs SET step = 'failed', finished_at = ?, errors = ? WHERE id = ? AND finished_at IS NULL", [
          job.startedAt,
          JSON.stringify([replacedError]),
          expected,
        ]);
      }
      return created;
    });
  }

  async beat(id: number, at: string, step?: PublishStep) {
    return this.db.tx(async (c) => {
      if (!(await c.query('SELECT 1 FROM publish_slot WHERE id = 1 AND job_id = ? FOR SHARE', [id])).rows.length) return false;
      await c.query('UPDATE publish_jobs SET heartbeat_at = ?, step = COALESCE(?, step) WHERE id = ?', [at, step ?? null, id]);
      return true;
    });
  }

  async finish(id: number, o: { step: 'done' | 'failed'; at: string; errors: string[]; warnings: string[] }) {
    await this.db.tx(async (c) => {
      await c.query('UPDATE publish_jobs SET step = ?, finished_at = ?, heartbeat_at = ?, errors = ?, warnings = ? WHERE id = ?', [
        o.step,
        o.at,
        o.at,
        JSON.stringify(o.errors),
        JSON.stringify(o.warnings),
        id,
      ]);
      await c.query('UPDATE publish_slot SET job_id = NULL WHERE id = 1 AND job_id = ?', [id]);
    });
  }
}

export class PgFeedback implements FeedbackRepo {
  constructor(private readonly db: PgDb) {}

  async add(e: Omit<FeedbackEntry, 'id'>) {
    const r = await this.db.query('INSERT INTO page_feedback (page, useful, note, at) VALUES (?,?,?,?) RETURNING id', [e.page, e.useful ? 1 : 0, e.note, e.at]);
    return { id: Number(r.rows[0]!.id), ...e };
  }

  async list(options: { since?: string; pagePrefix?: string; limit?: number } = {}) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (options.since) (where.push('at >= ?'), args.push(options.since));
    if (options.pagePrefix) (where.push('substr(page, 1, ?) = ?'), args.push(options.pagePrefix.length, options.pagePrefix));
    args.push(options.limit ?? 10_000);
    const rows = (
      await this.db.query(`SELECT * FROM page_feedback ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY at DESC, id DESC LIMIT ?`, args)
    ).rows;
    return rows.map((r) => ({ id: Number(r.id), page: String(r.page), useful: Number(r.useful) === 1, note: str(r.note), at: String(r.at) }));
  }
}

export class PgAlertWordings implements AlertWordingRepo {
  constructor(private readonly db: PgDb) {}

  async list(alertId: string) {
    return (await this.db.query('SELECT * FROM alert_wordings WHERE alert_id = ? ORDER BY number', [alertId])).rows.map(toWording);
  }

  async add(e: { alertId: string; text: string; author: string; createdAt: string }) {
    // Two staff adding at once would both compute the same next number: the loser's INSERT hits
    // the primary key and its transaction runs again with the next one.
    return this.db.tx(
      async (c) => {
        const next = Number((await c.query('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM alert_wordings WHERE alert_id = ?', [e.alertId])).rows[0]!.n);
        const r = await c.query('INSERT INTO alert_wordings (alert_id, number, text, author, created_at) VALUES (?,?,?,?,?) RETURNING *', [
          e.alertId,
          next,
          e.text,
          e.author,
          e.createdAt,
        ]);
        return toWording(r.rows[0]!);
      },
      { retryOn: ['23505'] },
    );
  }

  async approve(alertId: string, number: number, by: string, at: string) {
    const changed = (
      await this.db.query('UPDATE alert_wordings SET approved_by = ?, approved_at = ? WHERE alert_id = ? AND number = ? AND approved_by IS NULL', [
        by,
        at,
        alertId,
        number,
      ])
    ).rowCount;
    if (!changed) throw new Error(`预警 ${alertId} 没有待审核的第 ${number} 版口径`);
  }
}
