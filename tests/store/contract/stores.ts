// The store implementations the contract suite runs against: the same assertions for SQLite and
// for PostgreSQL. PostgreSQL's cases are skipped, with the reason in their name, when the tier
// has no server (tests/helpers/postgres.global.ts says why).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
import { openStore, type Store } from '../../../store/index.ts';
import { migrationFiles as sqliteMigrations } from '../../../store/sqlite/database.ts';
import { migrationFiles as postgresMigrations } from '../../../store/postgres/database.ts';
import { freshSchemaUrl, postgresSkipReason } from '../../helpers/postgres.ts';

export interface StoreKit {
  name: 'sqlite' | 'postgres';
  /** A new, empty store (closed after the test). */
  open(): Promise<Store>;
  /** A new, empty location and a way to open it again: the second store sees the first's data. */
  location(): Promise<() => Store>;
  /** Migration names this implementation should have applied, oldest first. */
  migrations(): string[];
}

const names = (files: string[]) => files.map((f) => f.replace(/\.sql$/, ''));

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const track = (s: Store) => (opened.push(s), s);

const sqlite: StoreKit = {
  name: 'sqlite',
  open: async () => track(openStore(':memory:')),
  location: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-contract-'));
    dirs.push(dir);
    return () => track(openStore(dir));
  },
  migrations: () => names(sqliteMigrations()),
};

const postgres: StoreKit = {
  name: 'postgres',
  open: async () => track(openStore('unused', { databaseUrl: await freshSchemaUrl() })),
  location: async () => {
    const url = await freshSchemaUrl();
    return () => track(openStore('unused', { databaseUrl: url }));
  },
  migrations: () => names(postgresMigrations()),
};

/** Runs `body` once per store implementation, inside a describe named after it. */
export function describeStores(title: string, body: (kit: StoreKit) => void) {
  const skip = postgresSkipReason();
  describe(`${title} [sqlite]`, () => body(sqlite));
  if (skip) describe.skip(`${title} [postgres] — 跳过：${skip}`, () => body(postgres));
  else describe(`${title} [postgres]`, () => body(postgres));
}
