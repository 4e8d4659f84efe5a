// The demo's sources file: valid under the real schema, and the YAML template a user copies says
// the same thing as the code the demo runs.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DEMO_SOURCE_ID, demoSources } from '../../demo/sources.ts';
import { loadSources, sourcesFileSchema, type HtmlSource } from '../../crawler/sources.ts';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { pageCount } from '../../demo/board/render.ts';

const EXAMPLE = fileURLToPath(new URL('../../demo/sources.example.yaml', import.meta.url));

describe('demo sources', () => {
  it("describes the board's three sections (html, POST API, browser) as sources the schema accepts", () => {
    const file = demoSources('http://127.0.0.1:4567/');
    expect(sourcesFileSchema.parse(file)).toEqual(file);
    expect(file.sources.map((x) => [x.id, x.type])).toEqual([
      [DEMO_SOURCE_ID, 'html'],
      ['dazhou-zhengwu', 'json'],
      ['dazhou-quxian', 'browser'],
    ]);
    const s = file.sources[0] as HtmlSource;
    expect(s).toMatchObject({ id: DEMO_SOURCE_ID, name: '达州市民留言板', type: 'html', allowPrivateNetwork: true });
    expect(s.start).toBe('http://127.0.0.1:4567/board/list?page=1');
    expect(s.list.maxPages).toBeGreaterThanOrEqual(pageCount(BOARD_POSTS.length));
  });

  it('matches the YAML template for the default board port', () => {
    expect(loadSources(EXAMPLE)).toEqual(demoSources('http://127.0.0.1:8765'));
  });
});
