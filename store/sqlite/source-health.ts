// SQLite source health: the run log and the current state per source.
import { prepared, type Db } from './database.ts';
import { type Row } from './rows.ts';
import type { SourceHealth, SourceHealthRepo, SourceRun } from '../source-health.ts';
import { recordSourceStatements, toHealth } from '../rows.ts';

export class SqliteSourceHealth implements SourceHealthRepo {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      get: db.prepare('SELECT * FROM source_health WHERE source_id = ?'),
      list: db.prepare('SELECT * FROM source_health ORDER BY source_id'),
      newPostTimes: db.prepare('SELECT finished_at FROM source_runs WHERE source_id = ? AND new_posts > 0 ORDER BY finished_at DESC LIMIT ?'),
    };
  }

  async get(sourceId: string) {
    const r = this.stmt.get.get(sourceId) as Row | undefined;
    return r ? toHealth(r) : null;
  }

  async list() {
    return (this.stmt.list.all() as Row[]).map(toHealth);
  }

  async record(run: SourceRun, h: SourceHealth) {
    const db = this.db;
    db.transaction(() => {
      for (const st of recordSourceStatements(run, h)) prepared(db, st.sql).run(...st.params);
    }).immediate();
  }

  async newPostTimes(sourceId: string, limit: number) {
    return (this.stmt.newPostTimes.all(sourceId, limit) as Row[]).map((r) => String(r.finished_at));
  }
}
