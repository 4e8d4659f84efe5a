// `type: browser` sources: pages that are empty until their JavaScript runs, rendered in Debian's
// Chromium. Every request the page makes goes through the crawler's polite fetcher, so the same
// guarantees hold: robots.txt, one rate limit per host, the private-network guard, every post once.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { crawlSources, type CrawlOptions } from '../../crawler/index.ts';
import { sourcesFileSchema } from '../../crawler/sources.ts';
import { DEFAULT_CHROMIUM } from '../../crawler/sources/browser.ts';
import { closedAfterEach } from './fixture-server.ts';
import { jsBoard, jsSource } from './js-board.ts';

const hasChromium = existsSync(DEFAULT_CHROMIUM);
if (!hasChromium) console.warn(`跳过浏览器来源测试：没有找到 ${DEFAULT_CHROMIUM}（apt-get install chromium）`);

// The timeout is only a ceiling (no page here is slow on purpose), far above what Chromium needs on a busy machine.
const FAST: CrawlOptions['tuning'] = { timeoutMs: 30_000, retries: 1, backoffMs: 10, maxBackoffMs: 40, maxRetryAfterMs: 3000 };
const UA = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';

const { serve, memoryStore } = closedAfterEach();
const file = (...sources: unknown[]) => sourcesFileSchema.parse({ userAgent: UA, sources });

describe.skipIf(!hasChromium)('JavaScript-rendered board in Chromium', () => {
  it('stores every post once, reads only page 1 next time, and never loads images or fonts', async () => {
    const board = jsBoard({ count: 12, perPage: 5 });
    const site = await serve(board.routes);
    const store = memoryStore();
    const summary = await crawlSources(store, file(jsSource(site.url)), { tuning: FAST });
    expect(summary.sources[0]).toMatchObject({ newPosts: 12, errors: 0, failed: false });
    const posts = await store.posts.list({ limit: 100 });
    expect(posts).toHaveLength(12);
    const p3 = posts.find((p) => p.canonicalUrl === `${site.url}/spa/post?id=3`)!;
    expect(p3).toMatchObject({ title: '留言 3：医保报销', author: '网友3', publishedAt: '2025-09-04T10:30:00+08:00' });
    expect(p3.body).toContain('138****5678');
    // The script was fetched once for the whole crawl; images and fonts never.
    expect(site.hits.get('/spa/app.js')).toBe(1);
    expect(site.hits.get('/spa/banner.png')).toBeUndefined();
    expect(site.hits.get('/spa/font.woff2')).toBeUndefined();
    // Every request, the page's own XHRs included, carried the crawler's User-Agent after robots.txt.
    expect(site.requests[0]!.path).toBe('/robots.txt');
    expect(site.requests.every((r) => r.headers['user-agent'] === UA)).toBe(true);
    expect(site.hits.get('/spa/api/list')).toBe(3);

    const postCalls = site.hits.get('/spa/api/post');
    board.count = 14;
    const again = await crawlSources(store, file(jsSource(site.url)), { tuning: FAST });
    expect(again.sources[0]!.newPosts).toBe(2);
    expect(site.hits.get('/spa/api/post')).toBe(postCalls! + 2); // known posts are not rendered again
    expect(await store.posts.count()).toBe(14);
    expect((await store.sourceHealth.get('js-board'))!.state).toBe('ok');
  }, 60_000);

  it("keeps the private-network guard and robots.txt for the page's own requests", async () => {
    const board = jsBoard({ count: 3, perPage: 5 });
    const site = await serve({
      ...board.routes,
      '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /spa/api/\n'),
    });
    const store = memoryStore();
    // A short render wait: the awaited list never appears here.
    const summary = await crawlSources(store, file(jsSource(site.url, { renderTimeoutMs: 1500 })), { tuning: FAST });
    // The shell loads, its API call is refused by robots.txt: nothing to read, and the health says so.
    expect(site.hits.get('/spa/api/list')).toBeUndefined();
    expect(summary.sources[0]!.newPosts).toBe(0);
    expect((await store.sourceHealth.get('js-board'))!.state).toBe('empty');

    const guarded = await crawlSources(memoryStore(), file(jsSource(site.url, { allowPrivateNetwork: false })), { tuning: FAST });
    expect(guarded.sources[0]!.problems.join()).toContain('拒绝访问内网或本机地址');
  }, 60_000);
});

describe('browser source without Chromium', () => {
  it('fails with a clear Chinese reason and leaves the queue alone', async () => {
    const store = memoryStore();
    const summary = await crawlSources(store, file(jsSource('http://127.0.0.1:9')), { tuning: FAST, chromiumPath: '/nonexistent/chromium' });
    expect(summary.sources[0]!.failed).toBe(true);
    expect(summary.sources[0]!.problems[0]).toContain('要用 Chromium 打开页面，但没有找到 /nonexistent/chromium。请安装：apt-get install chromium');
    expect(await store.sourceHealth.get('js-board')).toMatchObject({ state: 'failing' });
    expect((await store.crawl.counts('js-board')).pending).toBe(0);
  });
});
