// `minsheng worker --tick` as the cluster runs it: two workers on one store crawl a board and take
// part in the cluster tick. Every tick (index → analyze and alert → index) is done by exactly one
// of them — the other says it skipped it — and the board's posts end up scored once. On SQLite (one
// data directory) and, when the tier has a server, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';
import { boardRoutes, closedAfterEach } from './fixture-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const { serve } = closedAfterEach();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-worker-tick-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[], databaseUrl: string | undefined) {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', 'worker', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => ((exited = true), resolve({ code, stdout, stderr }))),
  );
  return { child, done, out: () => stdout + stderr, exited: () => exited };
}

const skip = postgresSkipReason();
const stores = [
  { name: 'sqlite', skip: null as string | null },
  { name: 'postgres', skip },
];

describe.each(stores)('minsheng worker --tick [$name]', ({ name, skip: why }) => {
  it.skipIf(why)(`two workers: every tick done by one of them, the board scored once${why ? ` — 跳过：${why}` : ''}`, async () => {
    const POSTS = 12;
    const board = boardRoutes({ count: POSTS, perPage: 12 });
    const site = await serve(board.routes, board.detail);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 3000, retries: 1, backoffMs: 20 }
sources:
  - id: t
    name: 留言板 t
    type: html
    schedule: "0 0 1 1 *"
    start: ${site.url}/board/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 5 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`,
    );
    const databaseUrl = name === 'postgres' ? await freshSchemaUrl() : undefined;
    const data = join(dir, `${name}-data`);
    const args = (id: string) => ['--sources', file, '--data', data, '--now', '--tick', '10', '--id', id];
    const workers = [start(args('ta'), databaseUrl), start(args('tb'), databaseUrl)];
    const probe = openStore(data, { databaseUrl });
    try {
      // Wait on the store, not on time: until a tick after the crawl has scored every post and is done.
      for (const began = Date.now(); ;) {
        // A generous bound for real work (two processes' start, a crawl, jieba's first load), only so a
        // hang reports what the workers said instead of timing out silently.
        if (Date.now() - began > 180_000 || workers.some((w) => w.exited()))
          throw new Error(`没有等到分析完成（或有进程提前退出）：\n${workers.map((w) => w.out()).join('\n----\n')}`);
        const tick = await probe.clusterTicks.get('analyze');
        if ((await probe.scores.count()) === POSTS && (await probe.posts.count()) === POSTS && tick?.doneAt) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await probe.close();
    }
    for (const w of workers) w.child.kill('SIGTERM');
    const ends = await Promise.all(workers.map((w) => w.done));
    for (const end of ends) expect(end.code, end.stderr).toBe(0);
    const did = ends.map((e) => [...e.stdout.matchAll(/索引与分析（([^）]+)）：由本进程做/g)].map((m) => m[1]!));
    const skipped = ends.map((e) => [...e.stdout.matchAll(/索引与分析（([^）]+)）：(?:已由|正由)进程 (\S+)/g)].map((m) => m[1]!));
    const ticks = [...did[0]!, ...did[1]!];
    expect(ticks.length).toBeGreaterThan(0);
    // No tick done twice; both workers reached ticks, and the one that did not win a tick skipped it.
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const [i, mine] of did.entries()) for (const t of mine) expect(did[1 - i]).not.toContain(t);
    expect(skipped.flat().length).toBeGreaterThan(0);
    // (A skipped tick may be done by nobody: while the other worker is still at an earlier tick, a
    // later one is not started beside it; the next tick catches up.)
    for (const [i, theirs] of skipped.entries()) for (const t of theirs) expect(did[i]).not.toContain(t);
  });
});
