// PostgreSQL rows of the cluster tick: read, and compare-and-set on the version (a conditional
// UPDATE: a second writer waits for the row lock, then finds the version changed).
import type { PgDb } from './database.ts';
import type { ClusterTick, ClusterTickRepo } from '../cluster-ticks.ts';
import { toClusterTick } from '../rows.ts';

export class PgClusterTicks implements ClusterTickRepo {
  constructor(private readonly db: PgDb) {}

  async get(name: string) {
    const r = (await this.db.query('SELECT * FROM cluster_ticks WHERE name = ?', [name])).rows[0];
    return r ? toClusterTick(r) : null;
  }

  async cas(t: Omit<ClusterTick, 'version'>, expectedVersion: number) {
    const r =
      expectedVersion === 0
        ? await this.db.query(
            `INSERT INTO cluster_ticks (name, tick, holder, held_until, done_at, version) VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (name) DO NOTHING`,
            [t.name, t.tick, t.holder, t.heldUntil, t.doneAt],
          )
        : await this.db.query(
            `UPDATE cluster_ticks SET tick = ?, holder = ?, held_until = ?, done_at = ?, version = version + 1 WHERE name = ? AND version = ?`,
            [t.tick, t.holder, t.heldUntil, t.doneAt, t.name, expectedVersion],
          );
    return r.rowCount > 0;
  }
}
