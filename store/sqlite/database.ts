// Opening the SQLite file and bringing its schema up to date. Migrations are the numbered
// .sql files beside this module, applied once each, in order, inside a transaction.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../../config/paths.ts';

export type Db = Database.Database;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The database's prepared statement for `sql`, prepared on first use. For statements run once per
 * row of a batch (a history import upserts a million posts): preparing each time was about a
 * quarter of the write path's CPU.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map<string, Database.Statement>()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = db.prepare(sql)));
  return statement;
}

const MIGRATIONS_DIR = projectPath('store', 'sqlite', 'migrations');

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets the console read while the crawler writes; NORMAL sync is durable across process
  // crashes (kill -9), which is the failure this system must survive.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort();
}

function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name));
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?');
  for (const file of migrationFiles()) {
    const name = file.replace(/\.sql$/, '');
    if (applied.has(name)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    // Checked again under the write lock: several workers may open an empty database at the same
    // moment, and only the first may apply each migration.
    db.transaction(() => {
      if (isApplied.get(name)) return;
      db.exec(sql);
      record.run(name, new Date().toISOString());
    }).immediate();
  }
}

export function appliedMigrations(db: Db): string[] {
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}
