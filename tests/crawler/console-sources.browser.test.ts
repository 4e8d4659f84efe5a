// The board whose layout changes between runs, seen from the console: the source turns empty,
// the admins hear once, and /console/sources (duty and admin, not publicity) and the daily report
// show it, so a quiet day is not mistaken for a calm one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { crawlSources } from '../../crawler/index.ts';
import type { Source } from '../../crawler/sources.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { healthNotifier } from '../../cli/source-notices.ts';
import { parseEnv } from '../../config/env.ts';
import { PASSWORDS, seedStore } from '../console/seed.ts';
import { boardRoutes, boardSource, html, startFixture, type FixtureServer, type Handler } from './fixture-server.ts';
import { siteOutDir } from '../helpers/browser-site.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-sources-console-'));
let server: RunningServer;
let board: FixtureServer;
const notices: Record<string, unknown>[] = [];

beforeAll(async () => {
  let layout: 'old' | 'new' = 'old';
  const routes = boardRoutes({ count: 6, perPage: 10 });
  const list: Handler = (req, res, url) =>
    layout === 'old'
      ? routes.routes['/board/list']!(req, res, url)
      : html(res, '<div class="msg-list"><div class="msg"><a href="/board/post/6">帖</a></div></div>');
  const hook: Handler = async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    notices.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
  board = await startFixture({ ...routes.routes, '/board/list': list, '/hook': hook }, routes.detail);
  const store = openStore(dataDir);
  try {
    await seedStore(store);
    const file = { userAgent: 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)', sources: [boardSource(board.url) as Source] };
    const onHealthChange = healthNotifier(parseEnv({ MINSHENG_ADMIN_WEBHOOK_URL: `${board.url}/hook` }).notify, () => {});
    await crawlSources(store, file, { onHealthChange });
    layout = 'new';
    await crawlSources(store, file, { onHealthChange });
    await crawlSources(store, file, { onHealthChange });
  } finally {
    await store.close();
  }
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await board?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(name: keyof typeof PASSWORDS): Promise<string> {
  const form = await fetch(`${server.url}/console/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const csrfCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_login_csrf='))!
    .split(';')[0]!;
  const res = await fetch(`${server.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: name, password: PASSWORDS[name] }),
  });
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_session='))!
    .split(';')[0]!;
}

describe('/console/sources and the daily report', () => {
  it('notified the admins exactly once for the change', () => {
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ type: 'minsheng.notice', sourceId: 'board', from: 'ok', to: 'empty' });
  });

  it('shows the empty source to duty officers and admins, not to publicity staff', async () => {
    const duty = await login('duty');
    const res = await fetch(`${server.url}/console/sources`, { headers: { cookie: duty } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('1 个来源不正常');
    expect(page).toMatch(/<tr class="late" data-source="board" data-state="empty">/);
    expect(page).toContain('抓不到内容');
    expect(page).toContain('网站可能改版了');
    expect(page).toContain('href="/console/sources"'); // in the navigation
    expect((await fetch(`${server.url}/console/sources`, { headers: { cookie: await login('admin') } })).status).toBe(200);
    expect((await fetch(`${server.url}/console/sources`, { headers: { cookie: await login('publicity') } })).status).toBe(403);
  });

  it('lists the source in the daily report', async () => {
    const page = await (await fetch(`${server.url}/console/report`, { headers: { cookie: await login('duty') } })).text();
    expect(page).toContain('抓取来源有 1 个不正常');
    expect(page).toMatch(/board：抓不到内容（自 [^）]+）— 读到 1 个列表页/);
  });
});
