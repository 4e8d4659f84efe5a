// `minsheng run` on PostgreSQL: the real binary with DATABASE_URL set crawls the bundled demo
// board, indexes, scores and alerts, and ends with what the same run on SQLite ends with — the
// same posts, scores and alerts — and search, `alerts` and `export` read them back from PostgreSQL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoBoard } from '../../demo/board/server.ts';
import { demoSources } from '../../demo/sources.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function minsheng(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface AlertJson {
  level: string;
  title: string;
  postIds?: string[];
  posts?: unknown[];
}

const skip = postgresSkipReason();
describe.skipIf(skip)(`minsheng run with DATABASE_URL${skip ? ` — 跳过：${skip}` : ''}`, () => {
  let dir: string;
  let board: Awaited<ReturnType<typeof startDemoBoard>>;
  let databaseUrl: string;
  let sourcesFile: string;
  const onPostgres = (args: string[]) => minsheng([...args, '--data', join(dir, 'pg-data')], { DATABASE_URL: databaseUrl });
  const onSqlite = (args: string[]) => minsheng([...args, '--data', join(dir, 'sqlite-data')], { DATABASE_URL: undefined });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsheng-pg-e2e-'));
    board = await startDemoBoard({ port: 0, host: '127.0.0.1' });
    sourcesFile = join(dir, 'sources.yaml');
    writeFileSync(sourcesFile, stringify(demoSources(board.url)));
    databaseUrl = await freshSchemaUrl();
  });
  afterAll(async () => {
    await board?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('crawls, scores and alerts into PostgreSQL, ending where the SQLite run ends', async () => {
    const pg = await onPostgres(['run', '--sources', sourcesFile]);
    expect(pg.stderr).toBe('');
    expect(pg.code).toBe(0);
    // Nothing was written to a SQLite file: the data directory only holds what is not the store.
    expect(existsSync(join(dir, 'pg-data', 'minsheng.sqlite'))).toBe(false);
    const lite = await onSqlite(['run', '--sources', sourcesFile]);
    expect(lite.code).toBe(0);

    const exported = async (run: typeof onPostgres) => {
      const r = await run(['export']);
      expect(r.code).toBe(0);
      return r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; score: { sentiment: string; severity: number; topic: string } | null; cluster: unknown });
    };
    const [pgPosts, litePosts] = [await exported(onPostgres), await exported(onSqlite)];
    expect(pgPosts.length).toBeGreaterThanOrEqual(40);
    expect(pgPosts.every((p) => p.score)).toBe(true);
    const byId = (posts: typeof pgPosts) => new Map(posts.map((p) => [p.id, p.score]));
    expect(byId(pgPosts)).toEqual(byId(litePosts));

    const alerts = async (run: typeof onPostgres) => {
      const r = await run(['alerts', '--json']);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as AlertJson[]).map((a) => ({ level: a.level, title: a.title })).sort((a, b) => a.title.localeCompare(b.title));
    };
    const pgAlerts = await alerts(onPostgres);
    expect(pgAlerts.some((a) => a.level === 'orange' || a.level === 'red')).toBe(true);
    expect(pgAlerts).toEqual(await alerts(onSqlite));
  });

  it('finds the incident by search on PostgreSQL, and a second run duplicates nothing', async () => {
    const found = await onPostgres(['search', '拖欠工资', '--json']);
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBeGreaterThanOrEqual(5);
    const before = (await onPostgres(['export'])).stdout.trim().split('\n').length;
    const again = await onPostgres(['run', '--sources', sourcesFile]);
    expect(again.code).toBe(0);
    expect((await onPostgres(['export'])).stdout.trim().split('\n').length).toBe(before);
  });

  it('runs the demo on PostgreSQL, and serve then refuses the demo account it finds in the database', async () => {
    const demoUrl = await freshSchemaUrl();
    const demoDir = join(dir, 'demo-data');
    const demo = await minsheng(['demo', '--no-serve', '--board-port', '0', '--data', demoDir], { DATABASE_URL: demoUrl });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/当前预警 [1-9]\d* 条/);
    expect(existsSync(join(demoDir, 'minsheng.sqlite'))).toBe(false);
    // Another data directory, same database: the demo account is in the database, not the folder.
    const serve = await minsheng(['serve', '--port', '0', '--data', join(dir, 'elsewhere')], { DATABASE_URL: demoUrl });
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('演示账号');
  });
});
