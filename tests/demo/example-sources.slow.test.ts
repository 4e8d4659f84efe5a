// The script-rendered demo/sources example, crawled in Chromium against a local fixture board (the
// other examples run in process: example-sources.test.ts). Slow tier: it starts a browser.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { DEFAULT_CHROMIUM } from '../../crawler/sources/browser.ts';
import { jsBoard } from '../crawler/js-board.ts';
import { exampleCrawler } from './example-sources.ts';

const hasChromium = existsSync(DEFAULT_CHROMIUM);
if (!hasChromium) console.warn(`跳过浏览器来源范本的抓取：没有找到 ${DEFAULT_CHROMIUM}`);

const crawlExample = exampleCrawler();

describe('demo/sources examples', () => {
  it.skipIf(!hasChromium)(
    'browser board: renders list and posts in Chromium',
    async () => {
      const board = jsBoard({ count: 4, perPage: 10 });
      const { store, summary } = await crawlExample('browser', board.routes, '/spa/list?page=1');
      expect(summary.sources[0]).toMatchObject({ newPosts: 4, errors: 0 });
      const posts = await store.posts.list({ limit: 10 });
      expect(posts.every((p) => p.title.startsWith('留言') && p.author && p.publishedAt)).toBe(true);
    },
    60_000,
  );
});
