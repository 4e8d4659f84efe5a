// SQLite rows of the cluster tick: read, and compare-and-set on the version.
import type { Db } from './database.ts';
import type { Row } from './rows.ts';
import type { ClusterTick, ClusterTickRepo } from '../cluster-ticks.ts';
import { toClusterTick } from '../rows.ts';

export class SqliteClusterTicks implements ClusterTickRepo {
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      get: db.prepare('SELECT * FROM cluster_ticks WHERE name = ?'),
      insert: db.prepare(
        `INSERT INTO cluster_ticks (name, tick, holder, held_until, done_at, version) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (name) DO NOTHING`,
      ),
      update: db.prepare(`UPDATE cluster_ticks SET tick = ?, holder = ?, held_until = ?, done_at = ?, version = version + 1 WHERE name = ? AND version = ?`),
    };
  }

  async get(name: string) {
    const r = this.stmt.get.get(name) as Row | undefined;
    return r ? toClusterTick(r) : null;
  }

  async cas(t: Omit<ClusterTick, 'version'>, expectedVersion: number) {
    // One statement each: SQLite's write lock makes the version check and the write one step.
    return expectedVersion === 0
      ? this.stmt.insert.run(t.name, t.tick, t.holder, t.heldUntil, t.doneAt).changes > 0
      : this.stmt.update.run(t.tick, t.holder, t.heldUntil, t.doneAt, t.name, expectedVersion).changes > 0;
  }
}
