// The demo board's two other faces, so `npm start` crawls all three kinds of source:
//  - 网络理政 (/zhengwu/): a single-page app's JSON API, the way provincial 网络理政 platforms
//    answer — a GET handshake sets a session cookie and returns a token, the list is a POST with
//    the page number in a JSON body, refused without both.
//  - 区县专栏 (/quxian/): pages that are empty shells until their script fetches the content.
// The messages are fictional, written for this project: polite questions and thanks, so the
// demo's incident stays the only thing worth an alert.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { boardDay, formatBoardTime, instantOf } from './calendar.ts';
import { escapeHtml } from './render.ts';

interface SectionPost {
  id: number;
  daysAgo: number;
  time: string;
  author: string;
  title: string;
  body: string;
}

export const ZHENGWU_POSTS: readonly SectionPost[] = [
  {
    id: 7101,
    daysAgo: 9,
    time: '15:20',
    author: '杨女士',
    title: '社保卡换新卡需要带什么材料？',
    body: '您好，我的社保卡芯片坏了，想换一张新卡，请问去哪里办、要带哪些材料，能不能当天拿到？谢谢。',
  },
  {
    id: 7102,
    daysAgo: 7,
    time: '10:05',
    author: '赵先生',
    title: '失业保险金可以在手机上申请吗？',
    body: '我上个月合同到期没有续签，单位已经办了离职。请问失业保险金能不能在手机上申请，大概多久到账？',
  },
  {
    id: 7103,
    daysAgo: 5,
    time: '16:40',
    author: '吴同学',
    title: '应届毕业生就业见习补贴怎么申请',
    body: '我今年大专毕业，在通川区一家企业参加就业见习，听说有见习补贴，请问是单位申请还是个人申请？',
  },
  {
    id: 7104,
    daysAgo: 3,
    time: '09:30',
    author: '郑阿姨',
    title: '养老金领取资格认证在哪里做',
    body: '我母亲今年八十岁，腿脚不方便，养老金领取资格认证可以在家里用手机做吗？需要子女帮忙怎么操作？',
  },
  {
    id: 7105,
    daysAgo: 2,
    time: '14:10',
    author: '冯先生',
    title: '异地就医备案后报销比例会变吗',
    body: '我退休后跟孩子住在成都，已经办了异地就医备案。请问在成都住院报销比例和在达州一样吗？',
  },
  {
    id: 7106,
    daysAgo: 1,
    time: '11:25',
    author: '何女士',
    title: '感谢开江县社保窗口耐心解答',
    body: '前几天去开江县社保窗口咨询灵活就业参保，工作人员讲得很清楚，还帮我在手机上操作了一遍，特此感谢！',
  },
];

export const QUXIAN_POSTS: readonly SectionPost[] = [
  {
    id: 8201,
    daysAgo: 6,
    time: '09:40',
    author: '罗先生',
    title: '大竹县零工市场什么时候开门',
    body: '想问一下大竹县的零工市场每天几点开门，周末有没有招工信息发布？',
  },
  {
    id: 8202,
    daysAgo: 4,
    time: '17:15',
    author: '谢女士',
    title: '渠县技能培训报名还有名额吗',
    body: '看到渠县人社局在办育婴员培训，请问现在还能报名吗，培训期间有没有生活补贴？',
  },
  {
    id: 8203,
    daysAgo: 1,
    time: '08:50',
    author: '唐师傅',
    title: '感谢万源市劳动监察帮我们要回工资',
    body: '上个月反映的工资问题，万源市劳动保障监察大队很快就联系了老板，工资已经全部发到卡上了，谢谢你们！',
  },
];

const PAGE_SIZE = 5;

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, ...headers });
  res.end(body);
};

const html = (res: ServerResponse, text: string) => {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
};

function shell(title: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><header><a href="/board/list?page=1">达州市民留言板</a> · 区县专栏（本页内容由脚本加载）</header>
<main id="app"><p class="loading">正在加载……</p></main>
<script src="/quxian/app.js"></script></body></html>`;
}

/** The 区县专栏 script: fills the list or the post from the section's JSON. */
const QUXIAN_APP = `(async () => {
  const app = document.getElementById('app');
  const q = new URLSearchParams(location.search);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; };
  if (q.has('id')) {
    const p = await (await fetch('/quxian/api/post?id=' + encodeURIComponent(q.get('id')))).json();
    app.replaceChildren(el('h1', 'title', p.title), el('p', 'meta'), el('div', 'content', p.body));
    app.querySelector('.meta').append(el('time', '', p.time), ' ', el('span', 'author', p.author));
  } else {
    const list = await (await fetch('/quxian/api/list')).json();
    const ul = el('ul', 'threads');
    for (const p of list.items) {
      const li = el('li');
      const a = el('a', 'title', p.title);
      a.href = '/quxian/post?id=' + p.id;
      li.append(a);
      ul.append(li);
    }
    app.replaceChildren(el('h1', '', '区县专栏'), ul);
  }
})();
`;

async function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('请求体过大');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type SectionHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Handles the two sections' routes; false for anything else (the board handles it). */
export function sectionRoutes(now: Date): SectionHandler {
  const day = boardDay(now);
  const dated = (posts: readonly SectionPost[]) =>
    posts.map((p) => ({ ...p, at: instantOf(day, p.daysAgo, p.time) })).sort((a, b) => b.at.getTime() - a.at.getTime());
  const zhengwu = dated(ZHENGWU_POSTS);
  const quxian = dated(QUXIAN_POSTS);
  // One session per board run: enough to show the handshake; the crawler shakes hands each run.
  const session = randomBytes(8).toString('hex');
  const token = randomBytes(8).toString('hex');

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://board.invalid');
    const path = url.pathname;
    if (path === '/zhengwu/api/session' && req.method === 'GET') {
      json(res, 200, { code: 0, data: { token } }, { 'Set-Cookie': `ZWSESSION=${session}; Path=/zhengwu; HttpOnly; SameSite=Lax` });
      return true;
    }
    if (path === '/zhengwu/api/list') {
      if (req.method !== 'POST') return (json(res, 405, { code: 405, msg: '只支持 POST' }, { Allow: 'POST' }), true);
      let params: { pageNo?: unknown; pageSize?: unknown };
      try {
        params = JSON.parse(await readBody(req)) as typeof params;
      } catch {
        return (json(res, 400, { code: 400, msg: '请求体应为 JSON' }), true);
      }
      const cookieOk = (req.headers.cookie ?? '').split(/;\s*/).includes(`ZWSESSION=${session}`);
      if (!cookieOk || req.headers['x-token'] !== token) return (json(res, 401, { code: 401, msg: '会话已过期，请刷新页面' }), true);
      const pageNo = Math.max(1, Number(params.pageNo) || 1);
      const pageSize = Math.min(20, Math.max(1, Number(params.pageSize) || PAGE_SIZE));
      const list = zhengwu.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((p) => ({
        id: p.id,
        title: p.title,
        content: p.body,
        name: p.author,
        createTime: formatBoardTime(p.at),
      }));
      json(res, 200, { code: 0, data: { total: zhengwu.length, pageNo, list } });
      return true;
    }
    const zw = /^\/zhengwu\/message\/(\d{1,9})$/.exec(path);
    if (zw && req.method === 'GET') {
      const p = zhengwu.find((x) => x.id === Number(zw[1]));
      if (!p) return false;
      html(
        res,
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title></head><body><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.author)} · ${formatBoardTime(p.at)}</p><p>${escapeHtml(p.body)}</p></body></html>`,
      );
      return true;
    }
    if (req.method !== 'GET') return false;
    if (path === '/quxian/' || path === '/quxian/list') return (html(res, shell('区县专栏')), true);
    if (path === '/quxian/post' && quxian.some((p) => String(p.id) === url.searchParams.get('id'))) return (html(res, shell('区县专栏 留言')), true);
    if (path === '/quxian/app.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' });
      res.end(QUXIAN_APP);
      return true;
    }
    if (path === '/quxian/api/list') return (json(res, 200, { items: quxian.map((p) => ({ id: p.id, title: p.title })) }), true);
    if (path === '/quxian/api/post') {
      const p = quxian.find((x) => String(x.id) === url.searchParams.get('id'));
      if (!p) return (json(res, 404, { msg: '没有这条留言' }), true);
      json(res, 200, { title: p.title, body: p.body, author: p.author, time: formatBoardTime(p.at) });
      return true;
    }
    return false;
  };
}
