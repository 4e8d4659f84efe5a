// SQLite source health: the run log and the current state per source.
import type { Db } from './database.ts';
import { type Row } from './rows.ts';
import type { SourceHealth, SourceHealthRepo, SourceRun } from '../source-health.ts';
import { toHealth } from '../rows.ts';

export class SqliteSourceHealth implements SourceHealthRepo {
  private readonly stmt;

  constructor(private readonly db: Db) {
    this.stmt = {
      get: db.prepare('SELECT * FROM source_health WHERE source_id = ?'),
      list: db.prepare('SELECT * FROM source_health ORDER BY source_id'),
      run: db.prepare(
        `INSERT INTO source_runs (source_id, started_at, finished_at, pages_fetched, items_found, new_posts, errors, last_error, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      health: db.prepare(
        `INSERT INTO source_health (source_id, state, state_since, last_run_at, last_success_at, last_new_post_at, last_error,
           items_last_run, pages_last_run, new_posts_last_run, errors_last_run, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(source_id) DO UPDATE SET state = excluded.state, state_since = excluded.state_since,
           last_run_at = excluded.last_run_at, last_success_at = excluded.last_success_at,
           last_new_post_at = excluded.last_new_post_at, last_error = excluded.last_error,
           items_last_run = excluded.items_last_run, pages_last_run = excluded.pages_last_run,
           new_posts_last_run = excluded.new_posts_last_run, errors_last_run = excluded.errors_last_run, detail = excluded.detail`,
      ),
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
    this.db
      .transaction(() => {
        this.stmt.run.run(
          run.sourceId,
          run.startedAt,
          run.finishedAt,
          run.pagesFetched,
          run.itemsFound,
          run.newPosts,
          JSON.stringify(run.errors),
          run.lastError,
          run.state,
        );
        this.stmt.health.run(
          h.sourceId,
          h.state,
          h.stateSince,
          h.lastRunAt,
          h.lastSuccessAt,
          h.lastNewPostAt,
          h.lastError,
          h.itemsLastRun,
          h.pagesLastRun,
          h.newPostsLastRun,
          JSON.stringify(h.errorsLastRun),
          h.detail,
        );
      })
      .immediate();
  }

  async newPostTimes(sourceId: string, limit: number) {
    return (this.stmt.newPostTimes.all(sourceId, limit) as Row[]).map((r) => String(r.finished_at));
  }
}
