// Connecting to PostgreSQL and bringing its schema up to date. Migrations are the numbered .sql
// files beside this module, with the same numbers and names as store/sqlite/migrations, applied
// once each, in order, each in its own transaction, by one process at a time: every process that
// opens the store takes the same advisory lock first, so servers and workers started together
// on an empty database do not run a migration twice.
import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../config/paths.ts';

const MIGRATIONS_DIR = projectPath('store', 'postgres', 'migrations');
/** pg_advisory_lock key for migrations ("minsheng" in ASCII, truncated to fit a bigint). */
const MIGRATION_LOCK = 0x6d696e7368656e67n;

export type Row = Record<string, unknown>;
export type Params = unknown[];

/**
 * Statements are written with `?` placeholders, as in store/sqlite, and numbered here ($1, $2…),
 * so the two dialects read alike. No statement here uses `?` for anything else (no jsonb `?`).
 */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** What repos run statements on: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: Params): Promise<{ rows: R[]; rowCount: number }>;
}

// pg hands bigint (COUNT, identity ids) over as strings, so that large values are not rounded;
// ids and counts here stay far below 2^53, so numbers are what the repos expect.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort();
}

/**
 * One pool per store. Every query waits for the migrations (started on open), so opening stays
 * synchronous like the SQLite store and the first query reports a connection or migration error.
 */
export class PgDb implements Queryable {
  readonly pool: pg.Pool;
  private readonly ready: Promise<void>;

  constructor(url: string) {
    // Timestamps are kept as ISO text (as in SQLite); the session time zone only matters where SQL
    // reads them as times (per-day counts), and UTC there matches SQLite's reading.
    this.pool = new pg.Pool({ ...connection(url), max: 10 });
    // An idle client losing its connection (server restart) must not crash the process; the pool
    // drops it and the next query connects again.
    this.pool.on('error', () => {});
    this.ready = migrate(this.pool);
    // Reported by the first query that awaits it; this only keeps Node from calling it unhandled.
    this.ready.catch(() => {});
  }

  async query<R extends Row = Row>(sql: string, params: Params = []) {
    await this.ready;
    const r = await this.pool.query<R>(numbered(sql), params);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it returns, rolled back
   * when it throws. `retryOn` lists SQLSTATEs (e.g. 23505 unique_violation, 40001 serialization
   * failure) after which the whole transaction runs again, a few times.
   */
  async tx<T>(work: (c: Queryable) => Promise<T>, options: { retryOn?: string[]; isolation?: 'repeatable read' } = {}): Promise<T> {
    await this.ready;
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const c: Queryable = {
        query: async <R extends Row = Row>(sql: string, params: Params = []) => {
          const r = await client.query<R>(numbered(sql), params);
          return { rows: r.rows, rowCount: r.rowCount ?? 0 };
        },
      };
      try {
        await client.query(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN');
        const result = await work(c);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (err as { code?: string }).code;
        if (attempt < 5 && code && options.retryOn?.includes(code)) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  async applied(): Promise<string[]> {
    return (await this.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
  }

  private closing: Promise<void> | null = null;

  /** Waits for the migrations, then ends the pool; closing twice is harmless (as with SQLite). */
  close(): Promise<void> {
    return (this.closing ??= this.ready.catch(() => {}).then(() => this.pool.end()));
  }
}

/**
 * The pool's settings: the URL, with its own `options` (e.g. a search_path) kept and the session
 * time zone added (node-postgres lets options in the URL override the config, so they are joined).
 */
function connection(url: string): pg.PoolConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL 不是有效的地址（应为 postgres://用户@主机:端口/数据库）`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`DATABASE_URL 应以 postgres:// 开头，现在是 ${parsed.protocol}//`);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: [own, '-c TimeZone=UTC'].filter(Boolean).join(' ') };
}

async function migrate(pool: pg.Pool): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new Error(`连不上 PostgreSQL（DATABASE_URL）：${(err as Error).message}`, { cause: err });
  }
  try {
    // Session-level lock: held across the per-migration transactions, released in finally.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
      for (const file of migrationFiles()) {
        const name = file.replace(/\.sql$/, '');
        if (applied.has(name)) continue;
        const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
        try {
          await client.query('BEGIN');
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`PostgreSQL 迁移 ${name} 失败：${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

// Lists are passed as one array parameter (`= ANY(?)`), never as `?,?,?`.
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v as string | number));
export const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;
