// The sources file for the bundled demo board, pointed at wherever the board is running. It goes
// through the same schema as a user's file, so the demo cannot drift from what `crawl` accepts.
// demo/sources.example.yaml is the same thing as a file to copy.
import { sourcesFileSchema, type SourcesFile } from '../crawler/sources.ts';
import { BOARD_NAME } from './board/render.ts';

export const DEMO_SOURCE_ID = 'dazhou-board';
export const DEMO_API_SOURCE_ID = 'dazhou-zhengwu';
export const DEMO_BROWSER_SOURCE_ID = 'dazhou-quxian';

export function demoSources(baseUrl: string): SourcesFile {
  const base = baseUrl.replace(/\/+$/, '');
  return sourcesFileSchema.parse({
    sources: [
      {
        id: DEMO_SOURCE_ID,
        name: BOARD_NAME,
        type: 'html',
        start: `${base}/board/list?page=1`,
        encoding: 'utf-8',
        // The board runs on this machine: allowed past the private-address guard, and the
        // schema's highest rate, since there is no one else's server to be polite to.
        allowPrivateNetwork: true,
        rateLimit: { perSecond: 10 },
        list: {
          item: 'ul.threads > li',
          link: 'a.title@href',
          next: 'a.next@href',
          // The board has 6 pages; a test keeps this above its page count.
          maxPages: 10,
        },
        post: {
          title: 'h1',
          body: '.content',
          publishedAt: '.meta time',
          author: '.meta .author',
        },
      },
      {
        // The board's 网络理政 section: a POST API behind a handshake (see board/sections.ts).
        id: DEMO_API_SOURCE_ID,
        name: '达州网络理政（演示）',
        type: 'json',
        start: `${base}/zhengwu/api/list`,
        allowPrivateNetwork: true,
        rateLimit: { perSecond: 10 },
        maxPages: 10,
        fields: { items: 'data.list', link: '/zhengwu/message/{id}', title: 'title', body: 'content', author: 'name', publishedAt: 'createTime' },
        request: {
          method: 'POST',
          json: { pageNo: '{page}', pageSize: '{pageSize}', orderBy: 'createTime desc' },
          pageSize: 5,
          totalItems: 'data.total',
          handshake: { url: `${base}/zhengwu/api/session`, token: 'data.token', tokenHeader: 'X-Token' },
        },
      },
      {
        // The board's 区县专栏: rendered by its script, read in Chromium.
        id: DEMO_BROWSER_SOURCE_ID,
        name: '区县专栏（演示）',
        type: 'browser',
        start: `${base}/quxian/list`,
        allowPrivateNetwork: true,
        rateLimit: { perSecond: 10 },
        list: { item: 'ul.threads > li', link: 'a.title@href', maxPages: 1 },
        post: { title: 'h1.title', body: '.content', publishedAt: '.meta time', author: '.meta .author' },
      },
    ],
  });
}
