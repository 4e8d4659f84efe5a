// A leader-message-board API on 127.0.0.1, the way provincial 网络理政 platforms answer their
// single-page app: a GET handshake sets a session cookie and returns a token; the list is a POST
// with the page number in a JSON (or form) body, refused without the cookie and token.
import type http from 'node:http';
import type { Handler } from './fixture-server.ts';

export interface ApiBoard {
  routes: Record<string, Handler>;
  /** Posts on the board; raise it to publish more (newest have the highest ids). */
  count: number;
  /** List calls, each with the page asked for, in order. */
  calls: { page: number; size: number; body: string }[];
  /** Answer every list call with this status instead (a board that starts failing). */
  failWith: number | null;
  /** Rename the list field (a redesign the selectors no longer match). */
  listField: string;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const json = (res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(value));

/** Beijing wall-clock time the way such APIs print it: "2025-09-08 10:30:00". */
export const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Posts dated one hour apart, the newest now, unless `dateOf` says otherwise. */
export function apiBoard(options: { count: number; delayMs?: number; form?: boolean; dateOf?: (id: number) => string }): ApiBoard {
  const board: ApiBoard = { routes: {}, count: options.count, calls: [], failWith: null, listField: 'rows' };
  let handshakes = 0;
  board.routes = {
    '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /admin/\n'),
    '/api/handshake': (_q, res) => {
      handshakes++;
      json(
        res,
        200,
        { code: 0, data: { token: `tok-${handshakes}` } },
        { 'set-cookie': `SESSIONID=s${handshakes}; Path=/; HttpOnly; Expires=Wed, 09 Jun 2027 10:18:14 GMT` },
      );
    },
    '/api/messages': async (req, res) => {
      const raw = await readBody(req);
      if (req.method !== 'POST') return json(res, 405, { code: 405, msg: 'POST only' });
      if (board.failWith) return json(res, board.failWith, { code: board.failWith });
      const session = /SESSIONID=s(\d+)/.exec(req.headers.cookie ?? '')?.[1];
      if (!session || req.headers['x-auth-token'] !== `Bearer tok-${session}`) return json(res, 401, { code: 401, msg: '未登录' });
      const params = options.form ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as Record<string, unknown>);
      const page = Number(params.pageNo);
      const size = Number(params.pageSize);
      board.calls.push({ page, size, body: raw });
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const first = board.count - (page - 1) * size;
      const rows = [];
      for (let id = first; id > Math.max(0, first - size); id--) {
        rows.push({
          msgId: id,
          title: `留言 ${id}：养老保险转移`,
          content: `<p>第 ${id} 条留言，电话 13912345678，反映养老保险关系转移办不下来。</p>`,
          userName: `网友${id}`,
          createTime: options.dateOf?.(id) ?? beijing(new Date(Date.now() - (board.count - id) * 3600_000)),
        });
      }
      json(res, 200, { code: 0, data: { total: board.count, [board.listField]: rows } });
    },
  };
  return board;
}

/** The sources-file entry for the board above. */
export const apiSource = (base: string, extra: Record<string, unknown> = {}) => ({
  id: 'api-board',
  name: '测试理政平台',
  type: 'json' as const,
  start: `${base}/api/messages`,
  encoding: 'auto' as const,
  schedule: '*/10 * * * *',
  rateLimit: { perSecond: 10 },
  allowPrivateNetwork: true,
  maxPages: 50,
  fields: { items: 'data.rows', link: '/message/detail?id={msgId}', title: 'title', body: 'content', author: 'userName', publishedAt: 'createTime' },
  request: {
    method: 'POST' as const,
    json: { pageNo: '{page}', pageSize: '{pageSize}', beginDate: '{since}', sort: 'desc' },
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    pageSize: 10,
    firstPage: 1,
    totalItems: 'data.total',
    handshake: { url: `${base}/api/handshake`, method: 'GET' as const, token: 'data.token', tokenHeader: 'X-Auth-Token', tokenPrefix: 'Bearer ' },
  },
  ...extra,
});
