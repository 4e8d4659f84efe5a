// The demo message board as an HTTP server on the loopback interface: robots.txt, paginated list
// pages, thread pages, validators (ETag, Last-Modified) with 304 answers, 404 for anything else.
// Pages are rendered once at start: the board does not change while it runs.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOARD_POSTS } from './posts.ts';
import { datedBoard, type DatedPost } from './calendar.ts';
import { BOARD_NAME, pageCount, renderList, renderNotFound, renderThread } from './render.ts';
import { sectionRoutes } from './sections.ts';

export interface DemoBoardOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** The moment the board's dates are computed from; defaults to now. */
  now?: Date;
}

export interface DemoBoard {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8765 */
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const ROBOTS_TXT = `# ${BOARD_NAME}（演示）
User-agent: *
Allow: /board
Disallow: /admin
`;

interface Resource {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

function resource(text: string, contentType: string, lastModified: Date): Resource {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
  // HTTP dates carry whole seconds; drop the rest so If-Modified-Since compares cleanly.
  return { body, contentType, etag, lastModified: new Date(Math.floor(lastModified.getTime() / 1000) * 1000) };
}

/** Every page of the board, keyed by path (and page query for lists). */
export function buildBoardPages(posts: readonly DatedPost[]): Map<string, Resource> {
  const pages = new Map<string, Resource>();
  const newest = posts.reduce((m, p) => (p.updatedAt > m ? p.updatedAt : m), new Date(0));
  pages.set('/robots.txt', resource(ROBOTS_TXT, 'text/plain; charset=utf-8', newest));
  for (let n = 1; n <= pageCount(posts.length); n++) {
    // Any new post shifts every list page, so each carries the board's last change.
    pages.set(`/board/list?page=${n}`, resource(renderList(posts, n), 'text/html; charset=utf-8', newest));
  }
  for (const p of posts) pages.set(`/board/thread/${p.id}`, resource(renderThread(p), 'text/html; charset=utf-8', p.updatedAt));
  return pages;
}

/** Maps a request URL onto a page key; null for anything the board does not serve. */
function pageKey(rawUrl: string): string | null {
  const url = new URL(rawUrl, 'http://board.invalid');
  if (url.pathname === '/robots.txt') return '/robots.txt';
  if (url.pathname === '/board/list') {
    const raw = url.searchParams.get('page') ?? '1';
    return /^[1-9]\d{0,3}$/.test(raw) ? `/board/list?page=${raw}` : null;
  }
  if (/^\/board\/thread\/\d{1,9}$/.test(url.pathname)) return url.pathname;
  return null;
}

/** True when the client's cached copy is still good (RFC 9110 §13.1: If-None-Match wins). */
function notModified(req: IncomingMessage, r: Resource): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) {
    const tags = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(r.etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && r.lastModified.getTime() <= since;
  }
  return false;
}

function handle(pages: Map<string, Resource>, notFound: Buffer, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('只支持 GET 和 HEAD 请求\n');
    return;
  }
  const url = req.url ?? '/';
  if (url === '/' || url === '/board' || url === '/board/') {
    res.writeHead(302, { Location: '/board/list?page=1' });
    res.end();
    return;
  }
  const key = pageKey(url);
  const r = key ? pages.get(key) : undefined;
  if (!r) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': notFound.length });
    res.end(req.method === 'HEAD' ? undefined : notFound);
    return;
  }
  const validators = { ETag: r.etag, 'Last-Modified': r.lastModified.toUTCString(), 'Cache-Control': 'no-cache' };
  if (notModified(req, r)) {
    res.writeHead(304, validators);
    res.end();
    return;
  }
  res.writeHead(200, { ...validators, 'Content-Type': r.contentType, 'Content-Length': r.body.length });
  res.end(req.method === 'HEAD' ? undefined : r.body);
}

export async function startDemoBoard(options: DemoBoardOptions = {}): Promise<DemoBoard> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`演示留言板只在本机地址上运行（127.0.0.1），不能监听 ${host}`);
  const pages = buildBoardPages(datedBoard(BOARD_POSTS, options.now ?? new Date()));
  const notFound = Buffer.from(renderNotFound(), 'utf8');
  // The 网络理政 API and the script-rendered 区县专栏 first; everything else is the board.
  const sections = sectionRoutes(options.now ?? new Date());
  const server = createServer((req, res) => {
    sections(req, res)
      .then((handled) => {
        if (!handled) handle(pages, notFound, req, res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('请求无效\n');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '::1' ? '[::1]' : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections from the crawler would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}
