// API sources that page by number, as leader message boards and 网络理政 platforms answer their
// single-page apps: a handshake for a cookie and token, then POSTs with the page in the body.
// What a duty officer notices: every post arrives once, the next run asks only for what is new,
// and the crawler's politeness (robots.txt, SSRF guard) holds for POSTs too.
import { describe, expect, it } from 'vitest';
import { type Store } from '../../store/index.ts';
import { crawlSources, type CrawlOptions } from '../../crawler/index.ts';
import { sourcesFileSchema } from '../../crawler/sources.ts';
import { closedAfterEach } from './fixture-server.ts';
import { apiBoard, apiSource } from './api-board.ts';

// No fixture here is slow on purpose: the timeout is a ceiling well above a busy machine.
const FAST: CrawlOptions['tuning'] = { timeoutMs: 30_000, retries: 1, backoffMs: 10, maxBackoffMs: 40, maxRetryAfterMs: 3000 };
const UA = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';

const { serve, memoryStore } = closedAfterEach();
/** Through the schema, as `minsheng crawl` reads it, so defaults and checks apply. */
const file = (...sources: unknown[]) => sourcesFileSchema.parse({ userAgent: UA, sources });
const crawl = (store: Store, f: ReturnType<typeof file>, options: CrawlOptions = {}) => crawlSources(store, f, { tuning: FAST, ...options });

describe('POST API board with a token handshake', () => {
  it('stores every post once across pages, carrying the cookie and token, and masks phone numbers', async () => {
    const board = apiBoard({ count: 35, dateOf: (id) => `2025-09-${String((id % 28) + 1).padStart(2, '0')} 10:30:00` });
    const site = await serve(board.routes);
    const store = memoryStore();
    const summary = await crawl(store, file(apiSource(site.url)));
    expect(summary.sources[0]).toMatchObject({ newPosts: 35, errors: 0, failed: false });
    expect(board.calls.map((c) => c.page)).toEqual([1, 2, 3, 4]); // 35 posts, 10 a page: stops at the total
    expect(JSON.parse(board.calls[0]!.body)).toMatchObject({ pageNo: 1, pageSize: 10, sort: 'desc' });
    expect(JSON.parse(board.calls[0]!.body).beginDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(site.hits.get('/api/handshake')).toBe(1);
    const apiCall = site.requests.find((r) => r.path === '/api/messages')!;
    expect(apiCall.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(apiCall.headers['content-type']).toContain('application/json');
    expect(apiCall.headers['user-agent']).toBe(UA);
    expect(site.requests[0]!.path).toBe('/robots.txt');

    const posts = await store.posts.list({ limit: 100 });
    expect(posts).toHaveLength(35);
    expect(new Set(posts.map((p) => p.canonicalUrl)).size).toBe(35);
    const p7 = posts.find((p) => p.canonicalUrl === `${site.url}/message/detail?id=7`)!;
    expect(p7).toMatchObject({ title: '留言 7：养老保险转移', author: '网友7', publishedAt: '2025-09-08T10:30:00+08:00' });
    expect(p7.body).toContain('139****5678');
    expect(p7.body).not.toContain('<p>');
  });

  it('on the next run asks for page 1 only, then only the pages holding new posts', async () => {
    const board = apiBoard({ count: 35 });
    const site = await serve(board.routes);
    const store = memoryStore();
    await crawl(store, file(apiSource(site.url)));
    board.calls.length = 0;

    const again = await crawl(store, file(apiSource(site.url)));
    expect(again.sources[0]).toMatchObject({ newPosts: 0, errors: 0 });
    expect(board.calls.map((c) => c.page)).toEqual([1]);
    // A second run shakes hands again: tokens are per run, never stored.
    expect(site.hits.get('/api/handshake')).toBe(2);

    board.count = 47; // twelve new posts: page 1 all new, page 2 two new then known
    board.calls.length = 0;
    const third = await crawl(store, file(apiSource(site.url)));
    expect(third.sources[0]!.newPosts).toBe(12);
    expect(board.calls.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(await store.posts.count()).toBe(47);
  });

  it("stops at the first page whose posts are all older than the last run (a day's margin)", async () => {
    const old = (id: number) => (id > 20 ? '2025-03-01 09:00:00' : '2025-02-01 09:00:00');
    const board = apiBoard({ count: 20, dateOf: old });
    const site = await serve(board.routes);
    const store = memoryStore();
    await crawl(store, file(apiSource(site.url)));
    expect(await store.posts.count()).toBe(20);
    // Fifteen posts appear, but dated long before the last run (a board re-publishing old
    // messages): page 1 is stored, then paging stops instead of walking the archive.
    board.count = 35;
    board.calls.length = 0;
    const again = await crawl(store, file(apiSource(site.url)));
    expect(board.calls.map((c) => c.page)).toEqual([1]);
    expect(again.sources[0]!.newPosts).toBe(10);
  });

  it('sends a form body when configured, and stops at maxPages', async () => {
    const board = apiBoard({ count: 100, form: true });
    const site = await serve(board.routes);
    const store = memoryStore();
    const src = apiSource(site.url, { maxPages: 3 });
    const summary = await crawl(store, file({ ...src, request: { ...src.request, json: undefined, form: { pageNo: '{page}', pageSize: '{pageSize}' } } }));
    expect(summary.sources[0]!.newPosts).toBe(30);
    expect(board.calls.map((c) => c.body)).toEqual(['pageNo=1&pageSize=10', 'pageNo=2&pageSize=10', 'pageNo=3&pageSize=10']);
    const apiCall = site.requests.find((r) => r.path === '/api/messages')!;
    expect(apiCall.headers['content-type']).toContain('application/x-www-form-urlencoded');
  });

  it('fails clearly without the handshake, and obeys robots.txt and the private-network guard for POSTs', async () => {
    const board = apiBoard({ count: 5 });
    const site = await serve(board.routes);
    const src = apiSource(site.url);
    const noHandshake = await crawl(memoryStore(), file({ ...src, request: { ...src.request, handshake: undefined } }));
    expect(noHandshake.sources[0]).toMatchObject({ newPosts: 0, failed: true });
    expect(noHandshake.sources[0]!.problems.join()).toContain('HTTP 401');

    const robots = await serve({
      ...board.routes,
      '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /api/messages\n'),
    });
    const refused = await crawl(memoryStore(), file(apiSource(robots.url)));
    expect(refused.sources[0]).toMatchObject({ newPosts: 0, failed: true });
    expect(refused.sources[0]!.tally.errors.robots).toBe(1);
    expect([...robots.hits.keys()]).not.toContain('/api/messages');

    const guarded = await crawl(memoryStore(), file(apiSource(site.url, { allowPrivateNetwork: false })));
    expect(guarded.sources[0]!.problems.join()).toContain('拒绝访问内网或本机地址');
    expect(board.calls).toHaveLength(0);
  });

  it('refuses a body on a GET and two bodies at once, in Chinese', () => {
    const src = apiSource('http://127.0.0.1:1');
    expect(() => file({ ...src, request: { ...src.request, method: 'GET' } })).toThrow(/带 form 或 json 请求体时 method 应为 POST/);
    expect(() => file({ ...src, request: { ...src.request, form: { a: '1' } } })).toThrow(/form 和 json 只能写一个/);
  });
});

describe('building an API call', () => {
  it('fills {page}, {pageSize}, {since}, {today} and {token} in the query of a GET, keeping other parameters', async () => {
    const { buildCall, ApiSession } = await import('../../crawler/sources/json-api.ts');
    const session = new ApiSession('Authorization', 'Bearer ');
    session.token = 't0k';
    session.absorb(['JSESSIONID=abc; Path=/; HttpOnly', 'lang=zh; Expires=Wed, 09 Jun 2027 10:18:14 GMT']);
    const call = buildCall(
      'https://wlwz.example.cn/api/list?channel=2',
      {
        method: 'GET',
        query: { p: '{page}', n: '{pageSize}', from: '{since}', to: '{today}', sign: 'x-{token}' },
        headers: { Referer: 'https://wlwz.example.cn/' },
      },
      { page: 3, pageSize: 20, since: '2026-02-28', today: '2026-03-01', token: 't0k' },
      session,
    );
    expect(call.method).toBe('GET');
    expect(call.body).toBeUndefined();
    expect(call.url).toBe('https://wlwz.example.cn/api/list?channel=2&p=3&n=20&from=2026-02-28&to=2026-03-01&sign=x-t0k');
    expect(call.headers).toEqual({ referer: 'https://wlwz.example.cn/', cookie: 'JSESSIONID=abc; lang=zh', authorization: 'Bearer t0k' });
  });

  it("fills {since} and {today} with calendar days in the region's time zone, not a hand-written UTC+8", async () => {
    const { dayVars } = await import('../../crawler/sources/json-api.ts');
    // 00:30 on 2 March in 达州 is still 1 March in UTC; the last success a day and a half earlier, less the day's margin.
    const now = new Date('2026-03-01T16:30:00Z');
    expect(dayVars(now, '2026-02-28T04:00:00Z')).toEqual({ since: '2026-02-27', today: '2026-03-02' });
    // Another city in another zone is configuration: the same instant is still 1 March in New York.
    expect(dayVars(now, null, 'America/New_York')).toEqual({ since: '2026-01-30', today: '2026-03-01' });
  });
});
