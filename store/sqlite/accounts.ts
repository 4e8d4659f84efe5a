// Login attempt counting in SQLite (see LoginThrottleRepo). BEGIN IMMEDIATE takes the write lock
// before reading the counts, so two server processes on one file cannot both pass a limit.
import type { Db } from './database.ts';
import type { AttemptLimit, AttemptReservation, LoginThrottleRepo } from '../store.ts';
import { placeholders } from './rows.ts';

export class SqliteLoginThrottle implements LoginThrottleRepo {
  constructor(private readonly db: Db) {}

  async reserve(limits: AttemptLimit[], o: { now: string; windowStart: string; lockUntil: string }): Promise<AttemptReservation> {
    const db = this.db;
    return db
      .transaction((): AttemptReservation => {
        db.prepare('DELETE FROM login_attempts WHERE at < ?').run(o.windowStart);
        db.prepare('DELETE FROM login_locks WHERE until <= ?').run(o.now);
        for (const { key } of limits) {
          const lock = db.prepare('SELECT until FROM login_locks WHERE key = ?').get(key) as { until: string } | undefined;
          if (lock) return { ok: false, key, lockedUntil: lock.until, newlyLocked: false };
        }
        for (const { key, limit } of limits) {
          const { n } = db.prepare('SELECT COUNT(*) AS n FROM login_attempts WHERE key = ? AND at >= ?').get(key, o.windowStart) as { n: number };
          if (n >= limit) {
            db.prepare('INSERT OR REPLACE INTO login_locks (key, until) VALUES (?, ?)').run(key, o.lockUntil);
            db.prepare('DELETE FROM login_attempts WHERE key = ?').run(key);
            return { ok: false, key, lockedUntil: o.lockUntil, newlyLocked: true };
          }
        }
        const insert = db.prepare('INSERT INTO login_attempts (key, at) VALUES (?, ?)');
        return { ok: true, ids: limits.map(({ key }) => Number(insert.run(key, o.now).lastInsertRowid)) };
      })
      .immediate();
  }

  async release(ids: number[]) {
    if (ids.length) this.db.prepare(`DELETE FROM login_attempts WHERE id IN (${placeholders(ids.length)})`).run(...ids);
  }

  async clear(key: string) {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM login_attempts WHERE key = ?').run(key);
        this.db.prepare('DELETE FROM login_locks WHERE key = ?').run(key);
      })
      .immediate();
  }
}
