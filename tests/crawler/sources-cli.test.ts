// `minsheng sources test` and `minsheng sources status`: a staff member adding a board sees what
// each selector found before the board is scheduled, and anyone can see which sources are not ok.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../cli/main.ts';
import { openStore } from '../../store/index.ts';
import { boardRoutes, startFixture, type FixtureServer } from './fixture-server.ts';
import { apiBoard } from './api-board.ts';

let dir: string;
let servers: FixtureServer[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-sources-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: new Writable({ write: (c, _e, cb) => ((stdout += c), cb()) }),
    stderr: new Writable({ write: (c, _e, cb) => ((stderr += c), cb()) }),
    stdin: Readable.from([]),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function sourcesFile(name: string, base: string, post = '{ title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }') {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"
http: { timeoutMs: 30000, retries: 1, backoffMs: 20 }
sources:
  - id: board
    name: 测试留言板
    type: html
    start: ${base}/board/list?page=1
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href" }
    post: ${post}
  - id: api-board
    name: 理政平台
    type: json
    start: ${base}/api/messages
    rateLimit: { perSecond: 10 }
    allowPrivateNetwork: true
    fields: { items: data.rows, link: "/message/detail?id={msgId}", title: title, body: content, author: userName, publishedAt: createTime }
    request:
      method: POST
      json: { pageNo: "{page}", pageSize: "{pageSize}" }
      pageSize: 10
      handshake: { url: ${base}/api/handshake, token: data.token, tokenHeader: X-Auth-Token, tokenPrefix: "Bearer " }
`,
  );
  return path;
}

async function site() {
  const board = boardRoutes({ count: 12, perPage: 10 });
  const api = apiBoard({ count: 4, dateOf: () => '2025-09-03 08:15:00' });
  const s = await startFixture({ ...board.routes, ...api.routes, '/robots.txt': board.routes['/robots.txt']! }, board.detail);
  servers.push(s);
  return s;
}

describe('minsheng sources test', () => {
  it('shows what each selector found on one list page and one post, and stores nothing', async () => {
    const s = await site();
    const data = join(dir, 'untouched');
    const out = await run(['sources', 'test', sourcesFile('ok', s.url), '--source', 'board', '--data', data]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('读到 10 个条目（条目 ul.threads li，链接 a.title@href）');
    expect(out.stdout).toContain(`下一页：${s.url}/board/list?page=2`);
    expect(out.stdout).toContain(`第一条帖子：${s.url}/board/post/12`);
    expect(out.stdout).toContain('✓ 标题（h1）：留言 12');
    expect(out.stdout).toMatch(/✓ 正文（\.content）：这是第 12 条留言的正文，反映养老保险问题。\u3000共 \d+ 字/);
    expect(out.stdout).toContain('✓ 时间（.meta time）：2025年9月13日 10:30　读作 2025-09-13T10:30:00+08:00');
    expect(out.stdout).toContain('✓ 作者（.meta .author）：网友12');
    expect(out.stdout).toContain('结论：可以抓取。');
    expect(s.hits.get('/board/post/12')).toBe(1);
    expect(s.hits.get('/board/post/11')).toBeUndefined(); // one post, not the board
    // Nothing was written to the data directory's store.
    const store = openStore(data);
    try {
      expect(await store.posts.count()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('says which selector found nothing, and exits 1', async () => {
    const s = await site();
    const out = await run([
      'sources',
      'test',
      sourcesFile('broken', s.url, '{ title: "h1.subject", body: ".post-body", author: ".meta .author" }'),
      '--source',
      'board',
    ]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('✗ 标题（h1.subject）：没找到');
    expect(out.stdout).toContain('✗ 正文（.post-body）：没找到');
    expect(out.stdout).toContain('时间：未配置');
    expect(out.stdout).toContain('有 2 个问题：');
    expect(out.stdout).toContain('- 帖子的正文没找到（.post-body）');
  });

  it('checks a POST API source through its handshake', async () => {
    const s = await site();
    const out = await run(['sources', 'test', sourcesFile('api', s.url), '--source', 'api-board']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('握手：拿到令牌（data.token）和 1 个 Cookie');
    expect(out.stdout).toContain(`请求：POST ${s.url}/api/messages {"pageNo":1,"pageSize":10}`);
    expect(out.stdout).toContain('读到 4 个条目（字段 data.rows）');
    expect(out.stdout).toContain('✓ 时间（createTime）：2025-09-03 08:15:00　读作 2025-09-03T08:15:00+08:00');
  });

  it('refuses an unknown source id with exit code 2', async () => {
    const out = await run(['sources', 'test', sourcesFile('unknown', 'http://127.0.0.1:9'), '--source', 'nope']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('没有编号为 nope 的来源（有：board、api-board）');
  });
});

describe('minsheng sources status', () => {
  it("prints each source's state, the broken ones first, and the JSON the issue specifies", async () => {
    const s = await site();
    const data = join(dir, 'status');
    const file = sourcesFile('status', s.url);
    expect((await run(['crawl', '--sources', file, '--data', data])).code).toBe(0);
    await s.close();
    servers = [];
    await run(['crawl', '--sources', file, '--source', 'api-board', '--data', data]); // the server is gone now

    const json = await run(['sources', 'status', '--json', '--data', data]);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(list.map((x) => Object.keys(x))).toEqual([
      ['id', 'state', 'lastSuccessAt', 'lastNewPostAt', 'lastError', 'itemsLastRun'],
      ['id', 'state', 'lastSuccessAt', 'lastNewPostAt', 'lastError', 'itemsLastRun'],
    ]);
    expect(list[0]).toMatchObject({ id: 'api-board', state: 'failing', itemsLastRun: 0, lastError: expect.stringContaining('握手失败') });
    expect(list[1]).toMatchObject({ id: 'board', state: 'ok', itemsLastRun: 12, lastError: null });
    expect(list[0]!.lastSuccessAt).toEqual(expect.any(String));

    const text = await run(['sources', 'status', '--data', data]);
    expect(text.stdout).toMatch(/！api-board {2}抓取失败（failing） {2}每次请求都失败/);
    expect(text.stdout).toContain('最近错误：握手失败');
  }, 30_000);
});
