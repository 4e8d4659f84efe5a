// PostgreSQL source health: the run log and the current state per source.
import { type PgDb } from './database.ts';
import type { SourceHealth, SourceHealthRepo, SourceRun } from '../source-health.ts';
import { recordSourceStatements, toHealth } from '../rows.ts';

export class PgSourceHealth implements SourceHealthRepo {
  constructor(private readonly db: PgDb) {}

  async get(sourceId: string) {
    const r = (await this.db.query('SELECT * FROM source_health WHERE source_id = ?', [sourceId])).rows[0];
    return r ? toHealth(r) : null;
  }

  async list() {
    return (await this.db.query('SELECT * FROM source_health ORDER BY source_id')).rows.map(toHealth);
  }

  async record(run: SourceRun, h: SourceHealth) {
    await this.db.tx(async (c) => {
      for (const st of recordSourceStatements(run, h)) await c.query(st.sql, st.params);
    });
  }

  async newPostTimes(sourceId: string, limit: number) {
    return (
      await this.db.query('SELECT finished_at FROM source_runs WHERE source_id = ? AND new_posts > 0 ORDER BY finished_at DESC LIMIT ?', [sourceId, limit])
    ).rows.map((r) => String(r.finished_at));
  }
}
