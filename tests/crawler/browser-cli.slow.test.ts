// `minsheng crawl` on a JavaScript-rendered board killed with SIGKILL mid-crawl: the rerun resumes
// from the queue and every post is stored exactly once; Chromium does not outlive the crawler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { DEFAULT_CHROMIUM } from '../../crawler/sources/browser.ts';
import { startFixture, type FixtureServer } from './fixture-server.ts';
import { jsBoard } from './js-board.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const hasChromium = existsSync(DEFAULT_CHROMIUM);
if (!hasChromium) console.warn(`跳过浏览器来源的 kill -9 测试：没有找到 ${DEFAULT_CHROMIUM}`);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-browser-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  child.stderr!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, done };
}
async function until(check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
/** Chromium processes whose parent chain leads to `pid` (none once the crawler is gone). */
function chromiumChildren(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const parent = new Map(rows.map(([p, pp]) => [Number(p), Number(pp)]));
  const descends = (p: number) => {
    for (let cur = parent.get(p); cur && cur > 1; cur = parent.get(cur)) if (cur === pid) return true;
    return false;
  };
  return rows.filter(([p, , comm]) => /chrom/i.test(comm ?? '') && descends(Number(p))).map(([p]) => Number(p));
}

describe.skipIf(!hasChromium)('minsheng crawl on a JavaScript-rendered board', () => {
  it('survives kill -9 and ends with every post stored exactly once', async () => {
    const POSTS = 10;
    const board = jsBoard({ count: POSTS, perPage: 5, delayMs: 300 });
    let site: FixtureServer | null = await startFixture(board.routes);
    const postHits = () => site!.hits.get('/spa/api/post') ?? 0;
    const data = join(dir, 'kill');
    const file = join(dir, 'js.yaml');
    writeFileSync(
      file,
      `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 30000, retries: 1, backoffMs: 20 }
sources:
  - id: js-board
    name: 脚本渲染留言板
    type: browser
    start: ${site.url}/spa/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    renderTimeoutMs: 10000
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 10 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`,
    );
    try {
      const run = cli(['crawl', '--sources', file, '--data', data]);
      await until(() => postHits() >= 4, 90_000);
      const browsers = chromiumChildren(run.child.pid!);
      expect(browsers.length).toBeGreaterThan(0);
      run.child.kill('SIGKILL');
      expect((await run.done).signal).toBe('SIGKILL');
      // Chromium notices its pipe closing and exits with the crawler.
      await until(() => chromiumChildren(run.child.pid!).length === 0 && browsers.every((p) => !isAlive(p)), 20_000);
      const before = postHits();
      expect(before).toBeLessThan(POSTS);

      const last = await cli(['crawl', '--sources', file, '--data', data]).done;
      expect(last.code).toBe(0);
      const store = openStore(data);
      try {
        const posts = await store.posts.list({ limit: 100 });
        expect(posts).toHaveLength(POSTS);
        expect(new Set(posts.map((p) => p.canonicalUrl)).size).toBe(POSTS);
        expect((await store.crawl.counts('js-board')).pending).toBe(0);
      } finally {
        await store.close();
      }
      // Resumed: at most the post in flight at the kill was rendered twice.
      expect(postHits()).toBeLessThanOrEqual(POSTS + 1);
    } finally {
      await site?.close();
      site = null;
    }
  }, 240_000);
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
