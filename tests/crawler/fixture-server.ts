// A tiny HTTP server on 127.0.0.1 (port 0) for crawler tests: routes by path (query included
// when a route names it), counts hits, and records request headers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void | Promise<void>;

export interface FixtureServer {
  url: string;
  hits: Map<string, number>;
  /** Request headers of every request, in order. */
  requests: { path: string; headers: http.IncomingHttpHeaders; at: number }[];
  close(): Promise<void>;
}

export function html(res: http.ServerResponse, body: string | Buffer, headers: Record<string, string> = {}, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

export async function startFixture(routes: Record<string, Handler>, fallback?: Handler): Promise<FixtureServer> {
  const hits = new Map<string, number>();
  const requests: FixtureServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = routes[url.pathname + url.search] ? url.pathname + url.search : url.pathname;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    requests.push({ path: url.pathname + url.search, headers: req.headers, at: Date.now() });
    const handler = routes[key] ?? fallback;
    try {
      if (handler) await handler(req, res, url);
      else html(res, 'not found', {}, 404);
    } catch (err) {
      if (!res.headersSent) html(res, String(err), {}, 500);
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A message board: `count` posts, `perPage` per list page, newest first. */
export function boardRoutes(options: { count: number; perPage: number; detailDelayMs?: number; bodyOf?: (i: number) => string }) {
  const { count, perPage } = options;
  const pages = Math.ceil(count / perPage);
  const routes: Record<string, Handler> = {
    '/robots.txt': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
    },
    '/board/list': (_q, res, url) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      const first = count - (page - 1) * perPage;
      const items: string[] = [];
      for (let i = first; i > Math.max(0, first - perPage); i--) {
        items.push(`<li><a class="title" href="/board/post/${i}?utm_source=list">帖子 ${i}</a></li>`);
      }
      const next = page < pages ? `<a class="next" href="/board/list?page=${page + 1}">下一页</a>` : '';
      html(res, `<html><body><ul class="threads">${items.join('')}</ul>${next}</body></html>`);
    },
  };
  const detail: Handler = async (_q, res, url) => {
    const m = /^\/board\/post\/(\d+)$/.exec(url.pathname);
    if (!m) return html(res, 'not found', {}, 404);
    const i = Number(m[1]);
    if (options.detailDelayMs) await new Promise((r) => setTimeout(r, options.detailDelayMs));
    const body = options.bodyOf?.(i) ?? `这是第 ${i} 条留言的正文，反映养老保险问题。`;
    html(
      res,
      `<html><head><title>t</title></head><body><h1>留言 ${i}</h1><div class="meta"><time>2025年9月${(i % 28) + 1}日 10:30</time><span class="author">网友${i}</span></div><div class="content"><p>${body}</p></div></body></html>`,
    );
  };
  return { routes, detail };
}

export const boardSource = (base: string, extra: Record<string, unknown> = {}) => ({
  id: 'board',
  name: '测试留言板',
  type: 'html' as const,
  start: `${base}/board/list?page=1`,
  encoding: 'auto' as const,
  schedule: '*/10 * * * *',
  rateLimit: { perSecond: 1000 },
  allowPrivateNetwork: true,
  list: { item: 'ul.threads li', link: 'a.title@href', next: 'a.next@href', maxPages: 50 },
  post: { title: 'h1', body: '.content', publishedAt: '.meta time', author: '.meta .author' },
  ...extra,
});

/**
 * Fixture servers and in-memory stores for one test file, all closed after each test: call once at
 * the top of the file and use `serve` and `memoryStore` inside the tests.
 */
export function closedAfterEach() {
  let servers: FixtureServer[] = [];
  let stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(stores.map((s) => s.close()));
    servers = [];
    stores = [];
  });
  return {
    serve: async (routes: Record<string, Handler>, fallback?: Handler): Promise<FixtureServer> => {
      const s = await startFixture(routes, fallback);
      servers.push(s);
      return s;
    },
    memoryStore: (): Store => {
      const s = openStore(':memory:');
      stores.push(s);
      return s;
    },
  };
}
