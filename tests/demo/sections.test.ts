// The demo board's three faces crawled the way `npm start` does: the html board, the 网络理政 POST
// API behind its handshake and the script-rendered 区县专栏 (in Chromium when it is installed).
// The extra sections hold only polite questions and thanks, so the demo still ends with its
// incident as the one orange alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../store/index.ts';
import { startDemoBoard, type DemoBoard } from '../../demo/board/server.ts';
import { demoSources } from '../../demo/sources.ts';
import { QUXIAN_POSTS, ZHENGWU_POSTS } from '../../demo/board/sections.ts';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { runPipeline } from '../../cli/pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { DEFAULT_CHROMIUM } from '../../crawler/sources/browser.ts';

const hasChromium = existsSync(DEFAULT_CHROMIUM);
if (!hasChromium) console.warn(`演示的区县专栏需要 ${DEFAULT_CHROMIUM}：没有时只检查它给出清楚的中文原因`);

let dir: string;
let board: DemoBoard;
let store: Store;
let result: Awaited<ReturnType<typeof runPipeline>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-demo-sections-'));
  board = await startDemoBoard({ port: 0 });
  store = openStore(dir);
  result = await runPipeline(store, demoSources(board.url), loadRegion());
}, 240_000);

afterAll(async () => {
  await store?.close();
  await board?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on the demo board', () => {
  it('crawls the html board, the POST API and the script-rendered section', async () => {
    const by = Object.fromEntries(result.crawl.sources.map((s) => [s.id, s]));
    expect(by['dazhou-board']!.newPosts).toBe(BOARD_POSTS.length);
    expect(by['dazhou-zhengwu']).toMatchObject({ newPosts: ZHENGWU_POSTS.length, errors: 0 });
    const api = await store.posts.list({ limit: 1000 }).then((all) => all.filter((p) => p.source === 'dazhou-zhengwu'));
    expect(api.map((p) => p.canonicalUrl).sort()).toEqual(ZHENGWU_POSTS.map((p) => `${board.url}/zhengwu/message/${p.id}`).sort());
    expect(api.every((p) => p.publishedAt && p.author)).toBe(true);
    if (hasChromium) {
      expect(by['dazhou-quxian']).toMatchObject({ newPosts: QUXIAN_POSTS.length, errors: 0 });
      const js = await store.posts.list({ limit: 1000 }).then((all) => all.filter((p) => p.source === 'dazhou-quxian'));
      expect(js.every((p) => p.title && p.body && p.publishedAt && p.author)).toBe(true);
    } else {
      expect(by['dazhou-quxian']!.problems[0]).toContain('要用 Chromium 打开页面');
    }
    for (const id of ['dazhou-board', 'dazhou-zhengwu']) expect((await store.sourceHealth.get(id))!.state).toBe('ok');
  });

  it('still ends with the incident as the one orange alert, none from the new sections', async () => {
    const alerts = await store.alerts.list();
    const orange = alerts.filter((a) => a.level === 'orange' || a.level === 'red');
    expect(orange).toHaveLength(1);
    expect(orange[0]!.level).toBe('orange');
    expect(orange[0]!.sources).toEqual(['dazhou-board']);
    expect(alerts.filter((a) => a.sources.some((x) => x !== 'dazhou-board'))).toEqual([]);
  });
});
