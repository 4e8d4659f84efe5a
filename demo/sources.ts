// The sources file for the bundled demo board, pointed at wherever the board is running. It goes
// through the same schema as a user's file, so the demo cannot drift from what `crawl` accepts.
// demo/sources.example.yaml is the same thing as a file to copy.
import { sourcesFileSchema, type SourcesFile } from '../crawler/sources.ts';
import { BOARD_NAME } from './board/render.ts';

export const DEMO_SOURCE_ID = 'dazhou-board';

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
    ],
  });
}
