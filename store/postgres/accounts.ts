// Login attempt counting in PostgreSQL (see LoginThrottleRepo). Every reserve takes one
// transaction-level advisory lock before reading the counts, so reserves from two web servers on
// one database run one after the other and cannot both pass a limit (SQLite's BEGIN IMMEDIATE).
import type { PgDb } from './database.ts';
import type { AttemptLimit, AttemptReservation, LoginThrottleRepo } from '../store.ts';

/**
 * PostgreSQL text cannot hold NUL, which the throttle's keys use as a separator (name NUL
 * address). Keys are only compared, never read back, so an injective escape is enough.
 */
const storedKey = (key: string) => key.replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0');

export class PgLoginThrottle implements LoginThrottleRepo {
  constructor(private readonly db: PgDb) {}

  async reserve(limits: AttemptLimit[], o: { now: string; windowStart: string; lockUntil: string }): Promise<AttemptReservation> {
    return this.db.tx(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('minsheng.login_throttle'))`);
      await c.query('DELETE FROM login_attempts WHERE at < ?', [o.windowStart]);
      await c.query('DELETE FROM login_locks WHERE until <= ?', [o.now]);
      for (const { key } of limits) {
        const lock = (await c.query('SELECT until FROM login_locks WHERE key = ?', [storedKey(key)])).rows[0];
        if (lock) return { ok: false, key, lockedUntil: String(lock.until), newlyLocked: false };
      }
      for (const { key, limit } of limits) {
        const n = Number((await c.query('SELECT COUNT(*) AS n FROM login_attempts WHERE key = ? AND at >= ?', [storedKey(key), o.windowStart])).rows[0]!.n);
        if (n >= limit) {
          await c.query('INSERT INTO login_locks (key, until) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET until = excluded.until', [
            storedKey(key),
            o.lockUntil,
          ]);
          await c.query('DELETE FROM login_attempts WHERE key = ?', [storedKey(key)]);
          return { ok: false, key, lockedUntil: o.lockUntil, newlyLocked: true };
        }
      }
      const ids: number[] = [];
      for (const { key } of limits)
        ids.push(Number((await c.query('INSERT INTO login_attempts (key, at) VALUES (?, ?) RETURNING id', [storedKey(key), o.now])).rows[0]!.id));
      return { ok: true, ids };
    });
  }

  async release(ids: number[]) {
    if (ids.length) await this.db.query('DELETE FROM login_attempts WHERE id = ANY(?)', [ids]);
  }

  async clear(key: string) {
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM login_attempts WHERE key = ?', [storedKey(key)]);
      await c.query('DELETE FROM login_locks WHERE key = ?', [storedKey(key)]);
    });
  }
}
