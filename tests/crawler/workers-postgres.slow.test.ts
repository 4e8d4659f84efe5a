// Two `minsheng worker --once` processes with DATABASE_URL set, started together on an empty
// PostgreSQL schema, share one local board: every page is requested once and every post stored
// once, and nothing is written to a SQLite file (the leases, rounds and host slot live in PostgreSQL).
// And kill -9: of three workers one is killed mid-crawl; the other two take its leased pages over
// once the leases lapse, every post is stored exactly once, and the round's health is recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
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

function start(args: string[], databaseUrl: string) {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', 'worker', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child: child as ChildProcess, done };
}
const worker = (args: string[], databaseUrl: string) => start(args, databaseUrl).done;

const sourcesYaml = (id: string, base: string) => `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 3000, retries: 1, backoffMs: 20 }
sources:
  - id: ${id}
    name: 留言板 ${id}
    type: html
    start: ${base}/board/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 50 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`;

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

  it('a worker killed with kill -9 mid-crawl: the other two finish, every post stored exactly once, health recorded once', async () => {
    const POSTS = 60;
    const board = boardRoutes({ count: POSTS, perPage: 20, detailDelayMs: 30 });
    const site = await serve(board.routes, board.detail);
    const file = join(dir, 'kill.yaml');
    writeFileSync(file, sourcesYaml('k', site.url));
    const databaseUrl = await freshSchemaUrl();
    const args = (id: string) => ['--sources', file, '--data', join(dir, 'kill-data'), '--once', '--lease', '3', '--id', id];
    const runs = ['doomed', 'w2', 'w3'].map((id) => start(args(id), databaseUrl));
    // Wait on the store, not on time: kill once some posts are in.
    const probe = openStore('unused', { databaseUrl });
    try {
      for (;;) {
        if ((await probe.posts.count()) >= 12) break;
        const exited = await Promise.race([runs[0]!.done, new Promise((r) => setTimeout(r, 25, null))]);
        if (exited) throw new Error(`the worker ended before it could be killed: ${JSON.stringify(exited)}`);
      }
      runs[0]!.child.kill('SIGKILL');
      expect((await runs[0]!.done).signal).toBe('SIGKILL');
      expect(await probe.posts.count()).toBeLessThan(POSTS);
      for (const end of await Promise.all(runs.slice(1).map((r) => r.done))) expect(end.code, end.stderr).toBe(0);

      const posts = await probe.posts.list({ limit: 10_000 });
      expect(posts.length).toBe(POSTS);
      expect(new Set(posts.map((p) => p.canonicalUrl)).size).toBe(POSTS);
      expect((await probe.crawl.counts('k')).pending).toBe(0);
      // One round (the survivors finished the killed worker's round rather than starting another),
      // recorded once as one run of the source with every post new.
      expect(await probe.crawlLeases.round('k')).toMatchObject({ round: 1, finishedAt: expect.any(String) });
      expect(await probe.sourceHealth.newPostTimes('k', 10)).toHaveLength(1);
      expect((await probe.sourceHealth.get('k'))?.state).toBe('ok');
    } finally {
      await probe.close();
    }
    // Only a page in flight at the kill can have been fetched twice (one host: one request at a time).
    const hits = new Map<string, number>();
    for (const r of site.requests) if (r.path.startsWith('/board/post/')) hits.set(r.path, (hits.get(r.path) ?? 0) + 1);
    expect(hits.size).toBe(POSTS);
    const twice = [...hits.values()].reduce((n, v) => n + v, 0) - POSTS;
    console.log(`kill -9 on PostgreSQL: ${POSTS}/${POSTS} posts stored once; post pages fetched twice: ${twice}`);
    expect(twice).toBeLessThanOrEqual(1);
  });
});
