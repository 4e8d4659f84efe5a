// The crawler as operators run it: `minsheng crawl` killed with SIGKILL mid-crawl and rerun stores
// every post exactly once; exit codes; `minsheng watch` never overlaps a source and stops cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore } from '../../store/index.ts';
import { startWatch } from '../../cli/commands/watch.ts';
import type { SourcesFile } from '../../crawler/sources.ts';
import { boardRoutes, startFixture, type FixtureServer } from './fixture-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-crawl-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sourcesYaml(base: string, extra = '') {
  return `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 30000, retries: 1, backoffMs: 20 }
sources:
  - id: slow-board
    name: 慢速留言板
    type: html
    start: ${base}/board/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 20 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
${extra}`;
}

function cli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const detailHits = (s: FixtureServer) => [...s.hits].filter(([k]) => k.startsWith('/board/post/')).reduce((n, [, v]) => n + v, 0);
async function until(check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('minsheng crawl', () => {
  it('survives kill -9 at two points and ends with every post stored exactly once', async () => {
    const POSTS = 30;
    const board = boardRoutes({ count: POSTS, perPage: 10, detailDelayMs: 40 });
    const site = await startFixture(board.routes, board.detail);
    const data = join(dir, 'kill');
    const file = join(dir, 'kill.yaml');
    writeFileSync(file, sourcesYaml(site.url));
    try {
      for (const killAfter of [7, 18]) {
        const run = cli(['crawl', '--sources', file, '--data', data]);
        await until(() => detailHits(site) >= killAfter, 120_000);
        run.child.kill('SIGKILL');
        expect((await run.done).signal).toBe('SIGKILL');
      }
      const hitsBeforeLastRun = detailHits(site);
      expect(hitsBeforeLastRun).toBeLessThan(POSTS);
      const last = await cli(['crawl', '--sources', file, '--data', data]).done;
      expect(last.code).toBe(0);
      expect(last.stdout).toContain('合计');

      const store = openStore(data);
      try {
        const posts = await store.posts.list({ limit: 1000 });
        expect(posts.length).toBe(POSTS);
        const ids = new Set(posts.map((p) => Number(/post\/(\d+)$/.exec(p.canonicalUrl)?.[1])));
        expect(ids.size).toBe(POSTS);
        expect(Math.min(...ids)).toBe(1);
        expect(Math.max(...ids)).toBe(POSTS);
        expect((await store.crawl.counts('slow-board')).pending).toBe(0);
      } finally {
        await store.close();
      }
      // Resumed, not restarted: only the pages in flight at each kill were fetched twice.
      expect(detailHits(site)).toBeLessThanOrEqual(POSTS + 2);
      // Progress went to stderr as plain lines (not a terminal here).
      expect(last.stderr).toMatch(/慢速留言板（slow-board）：页面 \d+，新帖 \d+/);
      expect(last.stderr).not.toContain('\x1b[');
    } finally {
      await site.close();
    }
  });

  it('exits 1 when every source failed, 2 for an unknown source', async () => {
    const file = join(dir, 'blocked.yaml');
    writeFileSync(file, sourcesYaml('http://127.0.0.1:9').replace('allowPrivateNetwork: true', 'allowPrivateNetwork: false'));
    const failed = await cli(['crawl', '--sources', file, '--data', join(dir, 'blocked')]).done;
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('【失败】');
    expect(failed.stdout).toContain('拒绝访问内网或本机地址');
    const unknown = await cli(['crawl', '--sources', file, '--source', 'nope', '--data', join(dir, 'blocked')]).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有编号为 nope 的来源');
  });
});

describe('minsheng watch', () => {
  it('never overlaps a source with itself and stops promptly, aborting the request in flight', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const board = boardRoutes({ count: 3, perPage: 10 });
    const site = await startFixture(
      {
        ...board.routes,
        // Never answers: the run is still going at every one-second tick, and only an abort ends the
        // request before the crawler's own 20-second timeout, so no margin races a busy machine.
        '/board/list': async (_req, res) => {
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await new Promise((r) => res.on('close', r));
          concurrent--;
        },
      },
      board.detail,
    );
    const store = openStore(':memory:');
    let log = '';
    const sink = new Writable({ write: (chunk, _e, cb) => ((log += chunk), cb()) });
    const file: SourcesFile = {
      userAgent: 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)',
      sources: [
        {
          id: 'tick',
          name: '每秒',
          type: 'html',
          start: `${site.url}/board/list?page=1`,
          encoding: 'auto',
          schedule: '* * * * * *',
          rateLimit: { perSecond: 10 },
          allowPrivateNetwork: true,
          list: { item: 'ul.threads li', link: 'a.title@href', maxPages: 1 },
          post: { title: 'h1', body: '.content' },
        },
      ],
    };
    const watch = startWatch(store, file, { stdout: sink, stderr: sink });
    try {
      await until(() => log.includes('上一轮还没结束'), 60_000);
      expect(watch.running()).toEqual(['tick']);
      const stopping = Date.now();
      await watch.stop();
      // Waiting for the request instead of aborting it would take the 20-second request timeout.
      expect(Date.now() - stopping).toBeLessThan(10_000);
      expect(watch.running()).toEqual([]);
      expect(maxConcurrent).toBe(1);
      expect(log).toContain('【已中止】');
      // The list page stays queued for the next run rather than being marked failed.
      expect((await store.crawl.get('tick', `${site.url}/board/list?page=1`))!.status).toBe('pending');
    } finally {
      await watch.stop();
      await store.close();
      await site.close();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const board = boardRoutes({ count: 2, perPage: 10 });
    const site = await startFixture(board.routes, board.detail);
    const file = join(dir, 'watch.yaml');
    writeFileSync(file, sourcesYaml(site.url));
    try {
      const run = cli(['watch', '--sources', file, '--now', '--data', join(dir, 'watch')]);
      let out = '';
      run.child.stdout!.on('data', (d) => (out += d));
      await until(() => out.includes('新帖 2'), 120_000);
      run.child.kill('SIGTERM');
      const end = await run.done;
      expect(end.code).toBe(0);
      expect(end.stdout).toContain('已停止');
    } finally {
      await site.close();
    }
  });
});
