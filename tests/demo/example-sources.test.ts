// The commented source files in demo/sources/ are what staff copy to add a real board, so each is
// loaded through the real schema and crawled against a local fixture of its kind: a GBK Discuz!
// forum and a POST API behind a handshake here; the script-rendered board starts Chromium, so it is
// in example-sources.slow.test.ts.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { apiBoard } from '../crawler/api-board.ts';
import { exampleCrawler } from './example-sources.ts';

const crawlExample = exampleCrawler();

describe('demo/sources examples', () => {
  it('GBK Discuz! forum: decodes GBK, reads the thread rows, the first floor, date and author', async () => {
    const gbk = (html: string) =>
      iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>${html}</body></html>`, 'gbk');
    const send = (res: import('node:http').ServerResponse, html: string) => void res.writeHead(200, { 'content-type': 'text/html' }).end(gbk(html));
    const threads = [305, 304, 303, 302, 301];
    const { store, summary } = await crawlExample(
      'gbk-forum',
      {
        '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /api/\n'),
        '/forum.php': (_q, res, url) => {
          if (url.searchParams.get('mod') === 'forumdisplay') {
            const page = Number(url.searchParams.get('page'));
            const rows = threads
              .slice((page - 1) * 3, page * 3)
              .map(
                (t) =>
                  `<tbody id="normalthread_${t}"><tr><th><a href="forum.php?mod=viewthread&amp;tid=${t}" class="s xst">主题 ${t}：社保补缴问题</a></th></tr></tbody>`,
              );
            const next = page < 2 ? `<div class="pg"><a href="forum.php?mod=forumdisplay&amp;fid=2&amp;page=${page + 1}" class="nxt">下一页</a></div>` : '';
            return send(res, `<table id="threadlisttableid"><tbody id="separatorline"></tbody>${rows.join('')}</table>${next}`);
          }
          const tid = url.searchParams.get('tid');
          send(
            res,
            `<h1 class="ts"><span id="thread_subject">主题 ${tid}：社保补缴问题</span></h1><div class="authi"><a class="xw1" href="#">县城网友${tid}</a></div><div class="authi"><em id="authorposton1">发表于 2025-9-${Number(tid) - 290} 10:30</em></div><table><tr><td class="t_f" id="postmessage_1">想问一下断缴两年的养老保险能不能补缴，去哪里办？</td></tr></table>`,
          );
        },
      },
      '/forum.php?mod=forumdisplay&fid=2&page=1',
    );
    expect(summary.sources[0]).toMatchObject({ newPosts: 5, errors: 0 });
    const post = (await store.posts.list({ limit: 10 })).find((p) => p.canonicalUrl.endsWith('tid=305'))!;
    expect(post).toMatchObject({ title: '主题 305：社保补缴问题', author: '县城网友305', publishedAt: '2025-09-15T10:30:00+08:00', district: '通川区' });
    expect(post.body).toBe('想问一下断缴两年的养老保险能不能补缴，去哪里办？');
  });

  it('POST API board: handshake, token header, JSON body with {page}/{since}/{today}, stops at the total', async () => {
    const board = apiBoard({ count: 23 });
    const { store, summary } = await crawlExample(
      'post-api',
      { ...board.routes, '/api/message/list': board.routes['/api/messages']!, '/api/session': board.routes['/api/handshake']! },
      '/api/message/list',
    );
    expect(summary.sources[0]).toMatchObject({ newPosts: 23, errors: 0 });
    expect(board.calls.map((c) => c.page)).toEqual([1, 2, 3]);
    const body = JSON.parse(board.calls[0]!.body);
    expect(body).toMatchObject({ pageNo: 1, pageSize: 10, sort: 'desc' });
    expect(body.beginDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.endDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await store.posts.count()).toBe(23);
  });
});
