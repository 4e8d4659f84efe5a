// Two `minsheng worker --once` processes with DATABASE_URL set, started together on an empty
// PostgreSQL schema, share one local board: every page is requested once and every post stored
// once, and nothing is written to a SQLite file (the leases, rounds and host slot live in PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';
import { boardRoutes, closedAfterEach } from './fixture-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = postgresSkipReason();
const { serve } = closedAfterEach();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-workers-pg-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function worker(args: string[], databaseUrl: string) {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', 'worker', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(skip)(`minsheng worker with DATABASE_URL${skip ? ` — 跳过：${skip}` : ''}`, () => {
  it('two workers started together fetch and store every page of a board once', async () => {
    const POSTS = 40;
    const PER_PAGE = 15;
    const board = boardRoutes({ count: POSTS, perPage: PER_PAGE });
    const site = await serve(board.routes, board.detail);
    const file = join(dir, 'sources.yaml');
    writeFileSync(
      file,
      `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 3000, retries: 1, backoffMs: 20 }
sources:
  - id: pg
    name: 留言板 pg
    type: html
    start: ${site.url}/board/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 50 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`,
    );
    const databaseUrl = await freshSchemaUrl();
    const data = join(dir, 'data');
    const ends = await Promise.all([1, 2].map((n) => worker(['--sources', file, '--data', data, '--once', '--id', `w${n}`], databaseUrl)));
    for (const end of ends) expect(end.code, end.stderr).toBe(0);

    const store = openStore('unused', { databaseUrl });
    try {
      const posts = await store.posts.list({ limit: 10_000 });
      expect(posts.length).toBe(POSTS);
      expect(new Set(posts.map((p) => p.canonicalUrl)).size).toBe(POSTS);
      expect((await store.crawl.counts('pg')).pending).toBe(0);
      expect((await store.crawlLeases.round('pg'))?.round).toBe(1);
    } finally {
      await store.close();
    }
    // Every list and post page requested exactly once by the two workers together.
    const hits = new Map<string, number>();
    for (const r of site.requests) if (r.path.startsWith('/board/')) hits.set(r.path, (hits.get(r.path) ?? 0) + 1);
    expect(hits.size).toBe(POSTS + Math.ceil(POSTS / PER_PAGE));
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
    // One of the two started the round, the other joined it.
    expect(ends.map((e) => Number(/开始了 (\d+) 轮/.exec(e.stdout)?.[1])).reduce((a, b) => a + b, 0)).toBe(1);
    expect(existsSync(join(data, 'minsheng.sqlite'))).toBe(false);
  });
});
