// The demo board over HTTP, read with the crawler's own extractors and the demo sources file's
// selectors: if these pass, `minsheng demo` can crawl every post with its title, body, author and date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import robotsParser from 'robots-parser';
import { startDemoBoard, type DemoBoard } from '../../demo/board/server.ts';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { datedBoard } from '../../demo/board/calendar.ts';
import { pageCount } from '../../demo/board/render.ts';
import { demoSources } from '../../demo/sources.ts';
import { extractList, extractPost } from '../../crawler/extract-html.ts';
import { parsePublishedAt } from '../../crawler/dates.ts';
import type { HtmlSource } from '../../crawler/sources.ts';

const NOW = new Date('2025-09-01T15:30:00+08:00');
let board: DemoBoard;
let source: HtmlSource;

beforeAll(async () => {
  board = await startDemoBoard({ port: 0, now: NOW });
  source = demoSources(board.url).sources[0] as HtmlSource;
});
afterAll(() => board?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(board.url + path, { headers, redirect: 'manual' });

describe('demo board server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startDemoBoard({ host: '0.0.0.0' })).rejects.toThrow(/本机地址/);
  });

  it('lists every post exactly once, newest first, ten a page, following the next links', async () => {
    const links: string[] = [];
    let url: string | null = source.start;
    let pages = 0;
    while (url) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = extractList(await res.text(), url, source.list);
      expect(page.unreadable).toBe(0);
      expect(page.links.length).toBeLessThanOrEqual(10);
      links.push(...page.links);
      url = page.next;
      pages++;
      expect(pages).toBeLessThanOrEqual(source.list.maxPages);
    }
    expect(pages).toBe(pageCount(BOARD_POSTS.length));
    const expected = datedBoard(BOARD_POSTS, NOW).map((p) => `${board.url}/board/thread/${p.id}`);
    expect(links).toEqual(expected);
    expect(new Set(links).size).toBe(BOARD_POSTS.length);
  });

  it('serves every thread so the crawler reads title, author, date and body as written', async () => {
    for (const p of datedBoard(BOARD_POSTS, NOW)) {
      const res = await get(`/board/thread/${p.id}`);
      expect(res.status, `帖子 ${p.id}`).toBe(200);
      const html = await res.text();
      const read = extractPost(html, source.post);
      expect(read.title).toBe(p.title);
      expect(read.author).toBe(p.author);
      expect(parsePublishedAt(read.publishedAt)).not.toBeNull();
      expect(new Date(parsePublishedAt(read.publishedAt)!).getTime()).toBe(p.at.getTime());
      // Paragraph by paragraph, and nothing else: no reply, no footer leaking into the body.
      expect(read.body!.split('\n').filter(Boolean)).toEqual([...p.body]);
      if (p.reply) expect(html).toContain(p.reply.unit);
    }
  });

  it('renders post text escaped: the <script> post shows as text', async () => {
    const seed = BOARD_POSTS.find((p) => p.body.join('').includes('<script>'))!;
    const html = await (await get(`/board/thread/${seed.id}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(extractPost(html, source.post).body).toContain("<script>alert('x')</script>");
  });

  it('serves the legacy thread as broken HTML that still reads cleanly', async () => {
    const seed = BOARD_POSTS.find((p) => p.legacyMarkup)!;
    const html = await (await get(`/board/thread/${seed.id}`)).text();
    expect(html).not.toMatch(/<\/html>/);
    expect(html).not.toMatch(/<\/p>/);
    expect(extractPost(html, source.post).body!.split('\n').filter(Boolean)).toEqual([...seed.body]);
  });

  it('serves robots.txt allowing the board and disallowing /admin', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    const robots = robotsParser(`${board.url}/robots.txt`, await res.text());
    expect(robots.isAllowed(`${board.url}/board/list?page=2`, 'MinshengBot')).toBe(true);
    expect(robots.isAllowed(`${board.url}/board/thread/${BOARD_POSTS[0]!.id}`, 'MinshengBot')).toBe(true);
    expect(robots.isAllowed(`${board.url}/admin/login`, 'MinshengBot')).toBe(false);
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since, 200 otherwise', async () => {
    const first = await get('/board/list?page=1');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Date.parse(lastModified)).toBeLessThanOrEqual(NOW.getTime());

    const cached = await get('/board/list?page=1', { 'If-None-Match': etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    expect(cached.headers.get('etag')).toBe(etag);
    expect((await get('/board/list?page=1', { 'If-None-Match': `"stale", W/${etag}` })).status).toBe(304);
    expect((await get('/board/list?page=1', { 'If-None-Match': '"stale"' })).status).toBe(200);
    expect((await get('/board/list?page=1', { 'If-Modified-Since': lastModified })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get('/board/list?page=1', { 'If-Modified-Since': earlier })).status).toBe(200);

    const thread = await get(`/board/thread/${BOARD_POSTS[0]!.id}`);
    expect(thread.headers.get('etag')).not.toBe(etag);
    expect((await get(`/board/thread/${BOARD_POSTS[0]!.id}`, { 'If-None-Match': thread.headers.get('etag')! })).status).toBe(304);
  });

  it('gives the same pages to a restart on the same board day, new ones on another day', async () => {
    const later = await startDemoBoard({ now: new Date(NOW.getTime() + 12 * 3600_000) });
    const nextDay = await startDemoBoard({ now: new Date(NOW.getTime() + 24 * 3600_000) });
    try {
      const etagOf = async (base: string) => (await fetch(`${base}/board/list?page=1`)).headers.get('etag');
      expect(await etagOf(later.url)).toBe(await etagOf(board.url));
      expect(await etagOf(nextDay.url)).not.toBe(await etagOf(board.url));
    } finally {
      await later.close();
      await nextDay.close();
    }
  });

  it('answers 404 for unknown threads and pages, and sends / to the first list page', async () => {
    for (const path of ['/board/thread/1', '/board/thread/abc', '/board/list?page=99', '/board/list?page=0', '/board/list?page=x', '/admin']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('页面不存在');
    }
    const home = await get('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/board/list?page=1');
    expect((await get('/board/list')).status).toBe(200);
  });
});
