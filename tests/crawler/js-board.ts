// A board whose pages are empty shells filled by JavaScript: the list and each post come from a
// JSON API the page's script calls (the list with a POST). Images and a web font are referenced
// so tests can see they are never requested.
import type http from 'node:http';
import type { Handler } from './fixture-server.ts';

const page = (res: http.ServerResponse, body: string) =>
  void res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html><head><meta charset="utf-8"><title>留言板</title><style>@font-face{font-family:x;src:url(/spa/font.woff2)}body{font-family:x}</style></head><body><img src="/spa/banner.png" alt="">${body}<script src="/spa/app.js"></script></body></html>`,
    );

const APP = `
(async () => {
  const q = new URLSearchParams(location.search);
  if (location.pathname === '/spa/list') {
    const n = Number(q.get('page') || 1);
    const res = await fetch('/spa/api/list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page: n }) });
    const data = await res.json();
    const ul = document.createElement('ul');
    ul.className = 'threads';
    for (const p of data.rows) {
      const li = document.createElement('li');
      li.innerHTML = '<a class="title" href="/spa/post?id=' + p.id + '"></a>';
      li.firstChild.textContent = p.title;
      ul.appendChild(li);
    }
    document.getElementById('app').appendChild(ul);
    if (data.hasNext) {
      const a = document.createElement('a');
      a.className = 'next';
      a.href = '/spa/list?page=' + (n + 1);
      a.textContent = '下一页';
      document.getElementById('app').appendChild(a);
    }
  } else {
    const res = await fetch('/spa/api/post?id=' + q.get('id'));
    const p = await res.json();
    document.getElementById('app').innerHTML = '<h1></h1><div class="meta"><time></time><span class="author"></span></div><div class="content"></div>';
    document.querySelector('h1').textContent = p.title;
    document.querySelector('time').textContent = p.time;
    document.querySelector('.author').textContent = p.author;
    document.querySelector('.content').textContent = p.body;
  }
})();
`;

export interface JsBoard {
  routes: Record<string, Handler>;
  count: number;
  perPage: number;
}

export function jsBoard(options: { count: number; perPage: number; delayMs?: number }): JsBoard {
  const board: JsBoard = { routes: {}, count: options.count, perPage: options.perPage };
  const json = (res: http.ServerResponse, v: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v));
  board.routes = {
    '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
    '/spa/list': (_q, res) => page(res, '<div id="app"></div>'),
    '/spa/post': (_q, res) => page(res, '<div id="app"></div>'),
    '/spa/app.js': (_q, res) => void res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(APP),
    '/spa/api/list': async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const n = Number(JSON.parse(Buffer.concat(chunks).toString('utf8')).page);
      const first = board.count - (n - 1) * board.perPage;
      const rows = [];
      for (let id = first; id > Math.max(0, first - board.perPage); id--) rows.push({ id, title: `留言 ${id}` });
      json(res, { rows, hasNext: first - board.perPage > 0 });
    },
    '/spa/api/post': async (_q, res, url) => {
      const id = Number(url.searchParams.get('id'));
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      json(res, {
        title: `留言 ${id}：医保报销`,
        body: `第 ${id} 条：异地就医报销要跑好几趟，电话 13812345678。`,
        time: `2025年9月${(id % 28) + 1}日 10:30`,
        author: `网友${id}`,
      });
    },
  };
  return board;
}

export const jsSource = (base: string, extra: Record<string, unknown> = {}) => ({
  id: 'js-board',
  name: '脚本渲染留言板',
  type: 'browser' as const,
  start: `${base}/spa/list?page=1`,
  rateLimit: { perSecond: 10 },
  allowPrivateNetwork: true,
  renderTimeoutMs: 10_000,
  list: { item: 'ul.threads li', link: 'a.title@href', next: 'a.next@href', maxPages: 20 },
  post: { title: 'h1', body: '.content', publishedAt: '.meta time', author: '.meta .author' },
  ...extra,
});
