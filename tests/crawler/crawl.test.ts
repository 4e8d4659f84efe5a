// The crawler against fixture sites on 127.0.0.1: what a duty officer would notice is that every
// post arrives once, masked, and that a misbehaving site never stops the crawl.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { type Store } from '../../store/index.ts';
import { crawlSources, type CrawlOptions } from '../../crawler/index.ts';
import { nodeTransport, type Transport } from '../../crawler/http.ts';
import { guardedLookup } from '../../crawler/net-guard.ts';
import type { Source, SourcesFile } from '../../crawler/sources.ts';
import { boardRoutes, boardSource, html, closedAfterEach, type FixtureServer, type Handler } from './fixture-server.ts';

// Short waits between retries, but a request timeout no fixture answer comes near however busy the
// machine is (400 ms once failed a page under load): only the slow-page test waits for a timeout.
const FAST: CrawlOptions['tuning'] = { timeoutMs: 30_000, retries: 2, backoffMs: 10, maxBackoffMs: 40, maxRetryAfterMs: 3000 };
const UA = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';

const { serve, memoryStore } = closedAfterEach();
const file = (...sources: unknown[]): SourcesFile => ({ userAgent: UA, sources: sources as Source[] });
const crawl = (store: Store, f: SourcesFile, options: CrawlOptions = {}) => crawlSources(store, f, { tuning: FAST, ...options });
const detailHits = (s: FixtureServer) => [...s.hits].filter(([k]) => k.startsWith('/board/post/')).reduce((n, [, v]) => n + v, 0);

describe('paginated message board', () => {
  it('collects every post across pages, once, with dates, authors and the source district', async () => {
    const board = boardRoutes({ count: 45, perPage: 10 });
    const site = await serve(board.routes, board.detail);
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url, { district: '通川区' })));
    expect(summary.sources[0]).toMatchObject({ pages: 50, newPosts: 45, errors: 0, failed: false });
    expect(await store.posts.count()).toBe(45);
    const [post] = await store.posts.list({ limit: 1 });
    expect(post!.canonicalUrl).not.toContain('utm_source');
    expect(post!.publishedAt).toMatch(/^2025-09-\d\dT10:30:00\+08:00$/);
    expect(post!.author).toMatch(/^网友\d+$/);
    expect(post!.district).toBe('通川区');
    expect(site.requests[0]!.path).toBe('/robots.txt');
    expect(site.requests.every((r) => r.headers['user-agent'] === UA)).toBe(true);
  });

  it('on the next run reads only page 1, refetches no known post, and stops paging at known posts', async () => {
    let count = 45;
    const board = boardRoutes({ count: 1000, perPage: 10 });
    const list: Handler = (req, res, url) => {
      const page = Number(url.searchParams.get('page'));
      const first = count - (page - 1) * 10;
      const items = Array.from({ length: Math.max(0, Math.min(10, first)) }, (_, k) => `<li><a class="title" href="/board/post/${first - k}">x</a></li>`);
      const next = first - 10 > 0 ? `<a class="next" href="/board/list?page=${page + 1}">下一页</a>` : '';
      html(res, `<ul class="threads">${items.join('')}</ul>${next}`);
    };
    const site = await serve({ ...board.routes, '/board/list': list }, board.detail);
    const store = memoryStore();
    await crawl(store, file(boardSource(site.url)));
    const before = detailHits(site);
    const listHits = site.hits.get('/board/list')!;

    const again = await crawl(store, file(boardSource(site.url)));
    expect(again.sources[0]).toMatchObject({ newPosts: 0, pages: 1, skipped: 10 });
    expect(detailHits(site)).toBe(before);
    expect(site.hits.get('/board/list')).toBe(listHits + 1);

    count = 48; // three new posts push older ones to page 2
    const third = await crawl(store, file(boardSource(site.url)));
    expect(third.sources[0]!.newPosts).toBe(3);
    expect(await store.posts.count()).toBe(48);
    expect(site.hits.get('/board/list')).toBe(listHits + 3); // page 1 and page 2 (2 new-then-known), not page 3

    const refreshed = await crawl(store, file(boardSource(site.url)), { refresh: true });
    expect(refreshed.sources[0]!.newPosts).toBe(0);
    expect(detailHits(site)).toBe(before + 3 + 48);
    expect(await store.posts.count()).toBe(48);
  });

  it("keeps paging after a run that died between queueing a page's links and queueing the next page", async () => {
    const board = boardRoutes({ count: 25, perPage: 10 });
    const site = await serve(board.routes, board.detail);
    const store = memoryStore();
    // The state such a run leaves behind: page 1 still pending, its ten links queued, page 2 not.
    const links = Array.from({ length: 10 }, (_, k) => ({ sourceId: 'board', url: `${site.url}/board/post/${25 - k}`, kind: 'detail' as const, meta: null }));
    await store.crawl.enqueue([{ sourceId: 'board', url: `${site.url}/board/list?page=1`, kind: 'list', meta: '{"page":1}' }, ...links]);
    const summary = await crawl(store, file(boardSource(site.url)));
    expect(summary.sources[0]!.newPosts).toBe(25);
    expect(await store.posts.count()).toBe(25);
  });

  it('sends If-None-Match / If-Modified-Since and accepts 304 for an unchanged list', async () => {
    const board = boardRoutes({ count: 5, perPage: 10 });
    const list: Handler = (req, res, url) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      return board.routes['/board/list']!(req, res, url);
    };
    const withEtag: Handler = async (req, res, url) => {
      res.setHeader('etag', '"v1"');
      res.setHeader('last-modified', 'Mon, 01 Sep 2025 02:30:00 GMT');
      await list(req, res, url);
    };
    const site = await serve({ ...board.routes, '/board/list': withEtag }, board.detail);
    const store = memoryStore();
    await crawl(store, file(boardSource(site.url)));
    const second = await crawl(store, file(boardSource(site.url)));
    const lastListRequest = site.requests.filter((r) => r.path.startsWith('/board/list')).at(-1)!;
    expect(lastListRequest.headers['if-none-match']).toBe('"v1"');
    expect(lastListRequest.headers['if-modified-since']).toBe('Mon, 01 Sep 2025 02:30:00 GMT');
    expect(second.sources[0]).toMatchObject({ pages: 1, newPosts: 0, errors: 0 });
  });

  it('spaces requests to one host by the rate limit', async () => {
    // The spacing itself is checked on a fake clock (rules.test.ts); here only a bound that a busy
    // machine cannot break: six requests at 10 per second cannot all have arrived within 0.5 s.
    const board = boardRoutes({ count: 4, perPage: 10 });
    const site = await serve(board.routes, board.detail);
    const started = Date.now();
    await crawl(memoryStore(), file(boardSource(site.url, { rateLimit: { perSecond: 10 } })));
    const times = site.requests.map((r) => r.at);
    expect(times.length).toBe(6);
    expect(Math.max(...times) - started).toBeGreaterThanOrEqual(500);
  });
});

describe('encodings, feeds and JSON', () => {
  it('decodes a GBK site that declares its charset only in <meta>', async () => {
    const gbk = (s: string) => iconv.encode(s, 'gbk');
    const head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>';
    const site = await serve({
      '/board/list': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(gbk(`${head}<ul class="threads"><li><a class="title" href="/board/post/1">社保卡</a></li></ul></body></html>`));
      },
      '/board/post/1': (_q, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(gbk(`${head}<h1>社保卡补办要多久？</h1><div class="content">达州市民反映：补办社保卡等了两个月。</div></body></html>`));
      },
    });
    const store = memoryStore();
    await crawl(store, file(boardSource(site.url)));
    const [post] = await store.posts.list();
    expect(post!.title).toBe('社保卡补办要多久？');
    expect(post!.body).toBe('达州市民反映：补办社保卡等了两个月。');
  });

  it('reads RSS 2.0 and Atom feeds, items becoming posts', async () => {
    const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
      <item><title>养老金何时到账</title><link>/news/1?utm_medium=rss</link><description><![CDATA[<p>请问养老金<b>何时</b>到账？</p>]]></description><author>张三</author><pubDate>Mon, 01 Sep 2025 02:30:00 GMT</pubDate></item>
      <item><title>失业保险金</title><link>/news/2</link><description>领取失业保险金需要什么材料</description></item>
    </channel></rss>`;
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>
      <entry><title type="html">医保&amp;报销</title><link rel="alternate" href="/atom/1"/><id>urn:1</id><updated>2025-09-02T08:00:00+08:00</updated><author><name>李四</name></author><content type="html">&lt;p&gt;异地就医报销比例&lt;/p&gt;</content></entry>
    </feed>`;
    const site = await serve({
      '/feed.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
      '/atom.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom),
    });
    const store = memoryStore();
    const summary = await crawl(
      store,
      file(
        {
          id: 'rss',
          name: 'RSS',
          type: 'rss',
          start: `${site.url}/feed.xml`,
          encoding: 'auto',
          schedule: '* * * * *',
          rateLimit: { perSecond: 1000 },
          allowPrivateNetwork: true,
        },
        {
          id: 'atom',
          name: 'Atom',
          type: 'rss',
          start: `${site.url}/atom.xml`,
          encoding: 'auto',
          schedule: '* * * * *',
          rateLimit: { perSecond: 1000 },
          allowPrivateNetwork: true,
        },
      ),
    );
    expect(summary.totals.newPosts).toBe(3);
    const posts = await store.posts.list();
    const first = posts.find((p) => p.title === '养老金何时到账')!;
    expect(first).toMatchObject({ body: '请问养老金何时到账？', author: '张三', publishedAt: '2025-09-01T10:30:00+08:00', canonicalUrl: `${site.url}/news/1` });
    expect(posts.find((p) => p.source === 'atom')).toMatchObject({
      title: '医保&报销',
      body: '异地就医报销比例',
      author: '李四',
      publishedAt: '2025-09-02T08:00:00+08:00',
    });
    const again = await crawl(
      store,
      file({
        id: 'rss',
        name: 'RSS',
        type: 'rss',
        start: `${site.url}/feed.xml`,
        encoding: 'auto',
        schedule: '* * * * *',
        rateLimit: { perSecond: 1000 },
        allowPrivateNetwork: true,
      }),
    );
    expect(again.sources[0]).toMatchObject({ newPosts: 0, skipped: 2 });
  });

  it('reads a paged JSON API with field paths', async () => {
    const page = (n: number) => ({
      code: 0,
      data: {
        list: [0, 1]
          .map((k) => ({
            tid: n * 10 + k,
            subject: `留言${n * 10 + k}`,
            content: `内容${n * 10 + k}，电话 13912345678`,
            user: { nick: '网友' },
            dateline: 1756693800,
          }))
          .map((x) => ({ ...x, url: `/threads/content?tid=${x.tid}` })),
        next: n < 3 ? `/api/list?page=${n + 1}` : null,
      },
    });
    const site = await serve({
      '/api/list': (_q, res, url) =>
        void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page(Number(url.searchParams.get('page'))))),
    });
    const store = memoryStore();
    const summary = await crawl(
      store,
      file({
        id: 'api',
        name: 'API',
        type: 'json',
        start: `${site.url}/api/list?page=1`,
        encoding: 'auto',
        schedule: '* * * * *',
        rateLimit: { perSecond: 1000 },
        allowPrivateNetwork: true,
        maxPages: 10,
        fields: { items: 'data.list', link: 'url', title: 'subject', body: 'content', author: 'user.nick', publishedAt: 'dateline', next: 'data.next' },
      }),
    );
    expect(summary.sources[0]).toMatchObject({ newPosts: 6, pages: 3, errors: 0 });
    const post = (await store.posts.list()).find((p) => p.title === '留言11')!;
    expect(post).toMatchObject({ body: '内容11，电话 139****5678', author: '网友', publishedAt: '2025-09-01T10:30:00+08:00' });
  });
});

describe('misbehaving sites never end the crawl', () => {
  /** A list linking to the given paths, each served by its handler, plus one good post. */
  async function siteWith(details: Record<string, Handler>, extraRoutes: Record<string, Handler> = {}) {
    const good: Handler = (_q, res) => html(res, '<h1>正常的帖子</h1><div class="content">正文</div>');
    const paths = [...Object.keys(details), '/board/post/good'];
    return serve({
      '/board/list': (_q, res) => html(res, `<ul class="threads">${paths.map((p) => `<li><a class="title" href="${p}">x</a></li>`).join('')}</ul>`),
      '/board/post/good': good,
      ...details,
      ...extraRoutes,
    });
  }

  it('waits out a 429 with Retry-After, then stores the post', async () => {
    let calls = 0;
    const site = await siteWith({
      '/board/post/busy': (_q, res) => {
        if (++calls === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
        html(res, '<h1>忙碌</h1><div class="content">稍后成功</div>');
      },
    });
    const store = memoryStore();
    const started = Date.now();
    const summary = await crawl(store, file(boardSource(site.url, { list: { item: 'li', link: 'a@href', maxPages: 1 } })));
    const busy = site.requests.filter((r) => r.path === '/board/post/busy').map((r) => r.at);
    expect(busy.length).toBe(2);
    expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(summary.sources[0]).toMatchObject({ newPosts: 2, errors: 0 });
  });

  it('retries a flaky 500, tries a failing URL again next run, then gives it up with the reason recorded', async () => {
    let flaky = 0;
    const site = await siteWith({
      '/board/post/flaky': (_q, res) => (++flaky <= 2 ? html(res, 'oops', {}, 500) : html(res, '<h1>终于</h1><div class="content">好了</div>')),
      '/board/post/broken': (_q, res) => html(res, 'down', {}, 502),
    });
    const store = memoryStore();
    const source = file(boardSource(site.url, { list: { item: 'li', link: 'a@href', maxPages: 1 } }));
    const options = { tuning: { ...FAST, runAttempts: 2, retryLaterMs: 0 } };
    const first = await crawl(store, source, options);
    expect(first.sources[0]).toMatchObject({ newPosts: 2, errors: 1 });
    expect(site.hits.get('/board/post/broken')).toBe(3); // first try + 2 retries
    expect(await store.crawl.get('board', `${site.url}/board/post/broken`)).toMatchObject({ status: 'pending', attempts: 1 });

    const second = await crawl(store, source, options);
    expect(second.sources[0]).toMatchObject({ newPosts: 0, errors: 1 });
    expect(site.hits.get('/board/post/broken')).toBe(6);
    const [failure] = await store.crawl.failures('board', 5);
    expect(failure).toMatchObject({ url: `${site.url}/board/post/broken`, status: 'failed' });
    expect(failure!.lastError).toContain('HTTP 502');

    await crawl(store, source, options);
    expect(site.hits.get('/board/post/broken')).toBe(6); // given up: not tried again
  });

  it('gives up on a page slower than the timeout, an oversized page and a redirect loop', async () => {
    const site = await siteWith(
      {
        // Never answers (the server drops the connection after the test), so no timeout is too short
        // to catch it; the 3 s timeout below only has to outlast the other pages on a busy machine.
        '/board/post/slow': () => undefined,
        '/board/post/huge': (_q, res) => html(res, `<h1>大</h1><div class="content">${'很长'.repeat(200_000)}</div>`),
        '/board/post/loop': (_q, res) => void res.writeHead(302, { location: '/board/post/loop2' }).end(),
      },
      { '/board/post/loop2': (_q, res) => void res.writeHead(302, { location: '/board/post/loop' }).end() },
    );
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url, { list: { item: 'li', link: 'a@href', maxPages: 1 } })), {
      tuning: { ...FAST, timeoutMs: 3_000, retries: 0, maxBytes: 256 * 1024, runAttempts: 1 },
    });
    expect(summary.sources[0], summary.sources[0]!.problems.join('\n')).toMatchObject({ newPosts: 1, errors: 3 });
    const reasons = Object.fromEntries((await store.crawl.failures('board', 10)).map((f) => [f.url.replace(site.url, ''), f.lastError]));
    expect(reasons['/board/post/slow']).toMatch(/超时/);
    expect(reasons['/board/post/huge']).toMatch(/大小上限/);
    expect(reasons['/board/post/loop']).toMatch(/重定向循环/);
  });

  it('obeys a robots.txt disallow without fetching the page', async () => {
    const site = await siteWith(
      { '/board/private/1': (_q, res) => html(res, '<h1>私密</h1><div class="content">不该抓</div>') },
      { '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /board/private/\n') },
    );
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url, { list: { item: 'li', link: 'a@href', maxPages: 1 } })));
    expect(site.hits.get('/board/private/1')).toBeUndefined();
    expect(summary.sources[0]).toMatchObject({ newPosts: 1, errors: 0, skipped: 1 });
    expect((await store.crawl.get('board', `${site.url}/board/private/1`))!.lastError).toMatch(/robots\.txt/);
  });

  it('disallows the whole site when robots.txt answers 5xx', async () => {
    const site = await siteWith({}, { '/robots.txt': (_q, res) => html(res, 'err', {}, 503) });
    const summary = await crawl(memoryStore(), file(boardSource(site.url)));
    expect(summary.sources[0]).toMatchObject({ pages: 0, failed: true });
    expect(site.hits.get('/board/list')).toBeUndefined();
  });

  it('stores malformed pages as far as they can be read and skips empty ones with a reason', async () => {
    const site = await siteWith({
      '/board/post/broken-html': (_q, res) => html(res, '<h1>未闭合<div class="content"><p>正文在<b>这里<p>第二段'),
      '/board/post/no-title': (_q, res) => html(res, '<div class="content">没有标题的留言，内容很长</div>'),
      '/board/post/empty': (_q, res) => html(res, ''),
    });
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url, { list: { item: 'li', link: 'a@href', maxPages: 1 } })));
    expect(summary.sources[0]).toMatchObject({ newPosts: 3, errors: 0, skipped: 1 });
    const titles = (await store.posts.list()).map((p) => p.title).sort();
    expect(titles).toContain('没有标题的留言，内容很长');
    expect(summary.sources[0]!.problems.join()).toMatch(/empty.*找不到标题和正文/);
  });
});

describe('identity, privacy and safety', () => {
  it('stores one post reached by two URLs once', async () => {
    const page: Handler = (_q, res) => html(res, '<h1>同一条留言</h1><div class="content">工伤认定太慢</div><span class="author">王五</span>');
    const site = await serve({
      '/board/list': (_q, res) =>
        html(
          res,
          `<ul class="threads"><li><a class="title" href="/board/post/7?from=timeline">a</a></li><li><a class="title" href="/board/post/7#reply">b</a></li><li><a class="title" href="/mirror/7.html">c</a></li></ul>`,
        ),
      '/board/post/7': page,
      '/mirror/7.html': page,
    });
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url)));
    expect(await store.posts.count()).toBe(1);
    expect(summary.sources[0]).toMatchObject({ newPosts: 1, skipped: 1 });
    expect(site.hits.get('/board/post/7')).toBe(1);
  });

  it('masks phone and ID numbers in bodies, titles and authors before storage', async () => {
    const site = await serve({
      '/board/list': (_q, res) => html(res, '<ul class="threads"><li><a class="title" href="/p/1">a</a></li></ul>'),
      '/p/1': (_q, res) =>
        html(
          res,
          '<h1>求助 13812345678</h1><div class="content">我的身份证 51170219800101123X，手机 15987654321，请回电。</div><div class="meta"><span class="author">13700001111</span></div>',
        ),
    });
    const store = memoryStore();
    await crawl(store, file(boardSource(site.url)));
    const [post] = await store.posts.list();
    expect(post!.title).toBe('求助 138****5678');
    expect(post!.body).toBe('我的身份证 ******************，手机 159****4321，请回电。');
    expect(post!.author).toBe('137****1111');
    expect(JSON.stringify(post)).not.toMatch(/12345678|51170219800101123X|87654321|00001111/);
  });

  it('refuses loopback targets when the source does not allow private networks', async () => {
    const board = boardRoutes({ count: 3, perPage: 10 });
    const site = await serve(board.routes, board.detail);
    const store = memoryStore();
    const viaIp = await crawl(store, file(boardSource(site.url, { allowPrivateNetwork: false })));
    const viaName = await crawl(store, file(boardSource(site.url.replace('127.0.0.1', 'localhost'), { id: 'byname', allowPrivateNetwork: false })));
    expect(viaIp.sources[0]).toMatchObject({ failed: true, pages: 0 });
    expect(viaName.sources[0]).toMatchObject({ failed: true, pages: 0 });
    expect(viaIp.sources[0]!.problems.join()).toMatch(/拒绝访问内网或本机地址/);
    expect(site.requests.length).toBe(0);
    await expect(new Promise((resolve, reject) => guardedLookup(false)('localhost', {}, (err, a) => (err ? reject(err) : resolve(a))))).rejects.toThrow(/拒绝/);
  });

  it('limits allowPrivateNetwork to the source’s own host: a link or redirect to another internal host:port is refused', async () => {
    // Another internal service on this machine (different port), which must stay out of reach.
    const internal = await serve({
      '/robots.txt': (_q, res) => html(res, 'User-agent: *\nAllow: /\n'),
      '/admin/post/1': (_q, res) => html(res, '<h1>内部系统</h1><div class="meta"><time>2025年9月1日 10:30</time></div><div class="content">内部数据</div>'),
    });
    const board = boardRoutes({ count: 1, perPage: 10 });
    const site = await serve(
      {
        ...board.routes,
        '/board/list': (_q, res) =>
          html(
            res,
            `<ul class="threads"><li><a class="title" href="/board/post/1">本站</a></li><li><a class="title" href="${internal.url}/admin/post/1">链到内网</a></li><li><a class="title" href="/go">跳到内网</a></li></ul>`,
          ),
        '/go': (_q, res) => {
          res.writeHead(302, { location: `${internal.url}/admin/post/1?via=redirect` });
          res.end();
        },
      },
      board.detail,
    );
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource(site.url)));
    expect(summary.sources[0]).toMatchObject({ newPosts: 1, errors: 2 });
    expect(internal.requests).toHaveLength(0);
    expect((await store.posts.list()).map((p) => p.title)).toEqual(['留言 1']);
    expect(summary.sources[0]!.problems.join()).toMatch(/拒绝访问内网或本机地址/);

    // An explicit list names the internal hosts a source may reach.
    const listed = await crawl(memoryStore(), file(boardSource(site.url, { allowPrivateNetwork: [new URL(site.url).host, new URL(internal.url).host] })));
    // The internal page is reached both ways; it is one post (same content).
    expect(listed.sources[0]).toMatchObject({ newPosts: 2, errors: 0 });
    expect(internal.requests.length).toBeGreaterThan(0);
  });

  it('refuses a redirect from a public host to a private address', async () => {
    const site = await serve({ '/secret': (_q, res) => html(res, '<h1>内网</h1><div class="content">机密</div>') });
    // A "public" site that redirects into the loopback; every other hop goes to the real network layer.
    const transport: Transport = async (req) => {
      const url = new URL(req.url);
      if (url.hostname === 'public.example') {
        if (url.pathname === '/robots.txt') return { status: 404, headers: {}, body: Buffer.alloc(0) };
        if (url.pathname === '/list')
          return {
            status: 200,
            headers: { 'content-type': 'text/html' },
            body: Buffer.from('<ul class="threads"><li><a class="title" href="/go">x</a></li></ul>'),
          };
        return { status: 302, headers: { location: `${site.url}/secret` }, body: Buffer.alloc(0) };
      }
      return nodeTransport(req);
    };
    const store = memoryStore();
    const summary = await crawl(store, file(boardSource('http://public.example', { start: 'http://public.example/list', allowPrivateNetwork: false })), {
      fetchImpl: transport,
    });
    expect(summary.sources[0]).toMatchObject({ pages: 1, newPosts: 0, errors: 1 });
    expect(site.hits.get('/secret')).toBeUndefined();
  });
});
