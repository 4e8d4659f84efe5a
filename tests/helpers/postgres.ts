// PostgreSQL for a test: the throwaway server of tests/helpers/postgres.global.ts, one database
// per test file and one schema per store a test opens, so tests never see each other's rows and
// need no cleanup (the whole cluster is deleted at the end).
import { inject } from 'vitest';
import pg from 'pg';

/** The reason PostgreSQL tests are skipped here, or null when a server is running. */
export function postgresSkipReason(): string | null {
  const p = inject('postgres');
  if (!p) return '本层测试没有启动 PostgreSQL（vitest.config.ts 里没有 tests/helpers/postgres.global.ts）';
  return 'skip' in p ? p.skip : null;
}

let database: Promise<string> | null = null;
let schemas = 0;

/** This test file's database (created on first use); its URL. */
export function testDatabaseUrl(): Promise<string> {
  return (database ??= (async () => {
    const p = inject('postgres');
    if (!p || 'skip' in p) throw new Error(`没有 PostgreSQL：${postgresSkipReason()}`);
    const name = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: p.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(p.url);
    url.pathname = `/${name}`;
    return url.toString();
  })());
}

/** A URL whose connections work in a new, empty schema: a store opened on it starts from nothing. */
export async function freshSchemaUrl(): Promise<string> {
  const url = new URL(await testDatabaseUrl());
  const schema = `s${++schemas}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
