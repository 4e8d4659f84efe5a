// HTML of the demo board, in the shape of a plain government message board. Every piece of post
// text is escaped, as a real board must: a post that quotes <script> shows it as text. One post
// goes through the board's "old template" with sloppy, unclosed markup, as migrated threads on
// real boards do, so the crawler's tolerance of broken HTML is exercised on the way.
import { formatBoardTime, type DatedPost } from './calendar.ts';

export const BOARD_NAME = '达州市民留言板';
export const PAGE_SIZE = 10;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
body{margin:0;font:16px/1.7 "PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f4f4f4}
header.site{background:#b5121b;color:#fff;padding:12px 20px}
header.site a{color:#fff;text-decoration:none;font-size:22px;font-weight:bold}
header.site small{margin-left:12px;opacity:.85}
main{max-width:860px;margin:16px auto;background:#fff;padding:16px 24px;border:1px solid #ddd}
ul.threads{list-style:none;padding:0;margin:0}
ul.threads li{padding:10px 0;border-bottom:1px dashed #ccc}
ul.threads .meta{display:block;color:#666;font-size:14px}
.meta{color:#666;font-size:14px}
.status-replied{color:#1a7f37}.status-waiting{color:#b5121b}
.content{margin:16px 0}
.reply{background:#f0f5fb;border-left:4px solid #1f5fa8;padding:8px 16px;margin-top:24px}
nav.pager{margin-top:16px;display:flex;gap:16px;align-items:center}
a{color:#1f5fa8}
footer{text-align:center;color:#888;font-size:13px;padding:16px}
table.legacy{width:100%;border-collapse:collapse}
table.legacy td{border:1px solid #ddd;padding:6px 10px}
`;

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${BOARD_NAME}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site"><a href="/board/list?page=1">${BOARD_NAME}</a><small>民声项目演示站点 · 帖子均为虚构</small></header>
<main>
${main}
</main>
<footer>${BOARD_NAME}（演示）· 本站内容为民声项目编写的虚构留言，不代表任何真实单位或个人</footer>
</body>
</html>
`;
}

const paragraphs = (body: readonly string[]) => body.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
const timeTag = (at: Date) => `<time datetime="${at.toISOString()}">${formatBoardTime(at)}</time>`;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** List page `n` (1-based) of posts already sorted newest first. */
export function renderList(posts: readonly DatedPost[], n: number): string {
  const pages = pageCount(posts.length);
  const items = posts.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE).map((p) => {
    const status = p.reply ? '<span class="status-replied">已回复</span>' : '<span class="status-waiting">待回复</span>';
    return `<li><a class="title" href="/board/thread/${p.id}">${escapeHtml(p.title)}</a> <span class="meta">[${escapeHtml(p.district)}] ${escapeHtml(p.author)} · ${formatBoardTime(p.at)} · ${status}</span></li>`;
  });
  const prev = n > 1 ? `<a class="prev" href="/board/list?page=${n - 1}">上一页</a>` : '';
  const next = n < pages ? `<a class="next" href="/board/list?page=${n + 1}">下一页</a>` : '';
  return page(
    `群众留言 第${n}页`,
    `<h1>群众留言</h1>
<p class="meta">共 ${posts.length} 条留言，按时间从新到旧排列。</p>
<ul class="threads">
${items.join('\n')}
</ul>
<nav class="pager">${prev}<span>第 ${n} / ${pages} 页</span>${next}</nav>`,
  );
}

function replyBlock(p: DatedPost): string {
  if (!p.reply) return '';
  return `<section class="reply">
<h2>回复</h2>
<p class="meta">回复单位：<span class="unit">${escapeHtml(p.reply.unit)}</span>　回复时间：${timeTag(p.reply.at)}</p>
<div class="reply-body">
${paragraphs(p.reply.body)}
</div>
</section>`;
}

export function renderThread(p: DatedPost): string {
  if (p.legacyMarkup) return renderLegacyThread(p);
  return page(
    p.title,
    `<article class="thread">
<h1>${escapeHtml(p.title)}</h1>
<p class="meta">留言人：<span class="author">${escapeHtml(p.author)}</span>　留言时间：${timeTag(p.at)}　地区：${escapeHtml(p.district)}</p>
<div class="content">
${paragraphs(p.body)}
</div>
${replyBlock(p)}
</article>
<p><a href="/board/list?page=1">返回留言列表</a></p>`,
  );
}

/**
 * The old template: table layout, unquoted attributes, <p> and <font> never closed, a stray
 * </span>, and no closing </td>, </tr>, </table>, </body> or </html>. Browsers (and the crawler's
 * parser) still read it; the text is escaped all the same.
 */
function renderLegacyThread(p: DatedPost): string {
  const body = p.body.map((para) => `<p><font color=#333>${escapeHtml(para)}`).join('\n');
  const reply = p.reply
    ? `<tr><td class=reply>回复单位：<span class=unit>${escapeHtml(p.reply.unit)}</span>　回复时间：${timeTag(p.reply.at)}<br>
${p.reply.body.map((para) => `<p>${escapeHtml(para)}`).join('\n')}`
    : '';
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>${escapeHtml(p.title)} - ${BOARD_NAME}</title>
<style>${STYLE}</style>
<body>
<header class=site><a href=/board/list?page=1>${BOARD_NAME}</a><small>民声项目演示站点 · 旧版页面 · 帖子均为虚构</small></header>
<main>
<table class=legacy cellspacing=0>
<tr><td><h1>${escapeHtml(p.title)}</h1>
<tr><td class=meta>留言人：<span class=author>${escapeHtml(p.author)}</span></span>　留言时间：${timeTag(p.at)}　地区：${escapeHtml(p.district)}
<tr><td><div class=content>
${body}
</div>
${reply}
<tr><td><a href=/board/list?page=1>返回留言列表</a>
`;
}

export function renderNotFound(): string {
  return page('页面不存在', `<h1>页面不存在</h1>\n<p>您要找的留言不存在或已被删除。<a href="/board/list?page=1">返回留言列表</a></p>`);
}
