// Several `minsheng worker` processes on one data directory, as operators run them: three started
// at the same moment on an empty directory share two boards (every page fetched and stored once,
// each host's rate limit kept across the three, measured on the servers' own arrival log); and a
// worker killed with SIGKILL mid-crawl leaves leases another worker takes over after they lapse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { boardRoutes, closedAfterEach, type FixtureServer } from './fixture-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const { serve } = closedAfterEach();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (id: string, base: string, perSecond: number) => `  - id: ${id}
    name: 留言板 ${id}
    type: html
    start: ${base}/board/list?page=1
    rateLimit: { perSecond: ${perSecond} }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 50 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`;

function sourcesFile(name: string, sources: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"\nhttp: { timeoutMs: 3000, retries: 1, backoffMs: 20 }\nsources:\n${sources.join('')}`,
  );
  return file;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}
function worker(args: string[]): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', 'worker', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Requests per board page (path with query), from the server's own log. */
function pageHits(s: FixtureServer): [string, number][] {
  const hits = new Map<string, number>();
  for (const r of s.requests) if (r.path.startsWith('/board/')) hits.set(r.path, (hits.get(r.path) ?? 0) + 1);
  return [...hits];
}

/** Every post of the boards stored once: one row per canonical URL, and the ids 1..n of each board. */
async function storedPosts(data: string) {
  const store = openStore(data);
  try {
    const posts = await store.posts.list({ limit: 10_000 });
    const pending = (await Promise.all(['a', 'b', 'k'].map((id) => store.crawl.counts(id)))).reduce((n, c) => n + c.pending, 0);
    return { posts, pending };
  } finally {
    await store.close();
  }
}

describe('minsheng worker', () => {
  it('three workers started together on an empty directory fetch and store every page once, keeping each host’s spacing', async () => {
    const [A, B] = [60, 40];
    const boardA = boardRoutes({ count: A, perPage: 15 });
    // Different texts: the same text on two boards would be one post (content hash).
    const boardB = boardRoutes({ count: B, perPage: 15, bodyOf: (i) => `另一个留言板的第 ${i} 条留言，反映医保报销问题。` });
    const [siteA, siteB] = [await serve(boardA.routes, boardA.detail), await serve(boardB.routes, boardB.detail)];
    // 10 and 8 requests a second: 100 ms and 125 ms between one request's end and the next start.
    const file = sourcesFile('three', [source('a', siteA.url, 10), source('b', siteB.url, 8)]);
    const data = join(dir, 'three');
    const runs = [1, 2, 3].map((n) => worker(['--sources', file, '--data', data, '--once', '--id', `w${n}`]));
    const ends = await Promise.all(runs.map((r) => r.done));
    for (const end of ends) expect(end.code, end.stderr).toBe(0);

    const { posts, pending } = await storedPosts(data);
    expect(posts.length).toBe(A + B);
    expect(new Set(posts.map((p) => p.canonicalUrl)).size).toBe(A + B);
    expect(pending).toBe(0);
    for (const [site, count, perPage] of [
      [siteA, A, 15],
      [siteB, B, 15],
    ] as const) {
      // Every list and post page requested exactly once by the three workers together.
      const hits = pageHits(site);
      expect(hits.length).toBe(count + Math.ceil(count / perPage));
      expect(hits.every(([, n]) => n === 1)).toBe(true);
      // robots.txt at most once per worker (each reads it before its first request to the host).
      expect(site.hits.get('/robots.txt') ?? 0).toBeLessThanOrEqual(3);
    }
    // Each source's round was started by one worker; the others joined it.
    const started = ends.map((e) => Number(/开始了 (\d+) 轮/.exec(e.stdout)?.[1]));
    expect(started.reduce((a, b) => a + b, 0)).toBe(2);
    // What the workers say they fetched adds up to what the servers saw.
    const pages = ends.map((e) => Number(/合计：页面 (\d+)/.exec(e.stdout)?.[1]));
    expect(pages.reduce((a, b) => a + b, 0)).toBe(A + B + Math.ceil(A / 15) + Math.ceil(B / 15));
    // The servers' own clock: no two requests to one host closer than its interval.
    for (const [site, intervalMs] of [
      [siteA, 100],
      [siteB, 125],
    ] as const) {
      const arrivals = site.requests.map((r) => r.at).sort((x, y) => x - y);
      const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(intervalMs);
    }
  });

  it('a worker killed with kill -9 leaves nothing lost or doubled: another takes its leased pages over', async () => {
    const POSTS = 60;
    const board = boardRoutes({ count: POSTS, perPage: 20, detailDelayMs: 30 });
    const site = await serve(board.routes, board.detail);
    const file = sourcesFile('kill', [source('k', site.url, 10)]);
    const data = join(dir, 'kill');
    const first = worker(['--sources', file, '--data', data, '--once', '--lease', '3', '--id', 'doomed']);
    // Wait on the store, not on time: kill once some posts are in.
    const probe = openStore(data);
    try {
      for (;;) {
        if ((await probe.posts.count()) >= 12) break;
        const exited = await Promise.race([first.done, new Promise((r) => setTimeout(r, 25, null))]);
        if (exited) throw new Error(`the worker ended before it could be killed: ${JSON.stringify(exited)}`);
      }
    } finally {
      await probe.close();
    }
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const before = await storedPosts(data);
    expect(before.posts.length).toBeLessThan(POSTS);

    const second = await worker(['--sources', file, '--data', data, '--once', '--lease', '3', '--id', 'heir']).done;
    expect(second.code, second.stderr).toBe(0);
    // It joined the killed worker's round rather than starting another.
    expect(second.stdout).toContain('开始了 0 轮');
    const after = await storedPosts(data);
    expect(after.posts.length).toBe(POSTS);
    expect(new Set(after.posts.map((p) => p.canonicalUrl)).size).toBe(POSTS);
    expect(after.pending).toBe(0);
    // Only a page in flight at the kill can have been fetched twice (one host: one page at a time).
    const detailHits = pageHits(site).filter(([k]) => k.startsWith('/board/post/'));
    expect(detailHits.length).toBe(POSTS);
    expect(detailHits.reduce((n, [, v]) => n + v, 0)).toBeLessThanOrEqual(POSTS + 1);
  });
});
