// /console/policy over real HTTP: publicity staff and administrators see every calculator parameter
// with its year status (the same table as `minsheng policy status`); duty officers are refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { PASSWORDS, seedDataDir } from '../console/seed.ts';
import { parameterStatus } from '../../policy/status.ts';
import { siteOutDir } from '../helpers/browser-site.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-policy-page-'));
let server: RunningServer;
let base: string;

beforeAll(async () => {
  await seedDataDir(dataDir);
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
  base = server.url;
}, 300_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(name: keyof typeof PASSWORDS): Promise<string> {
  const form = await fetch(`${base}/console/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const loginCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_login_csrf='))!
    .split(';')[0]!;
  const res = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: name, password: PASSWORDS[name] }),
  });
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_session='))!
    .split(';')[0]!;
}

describe('/console/policy', () => {
  it('publicity staff see every parameter with this year and next, and the nav links to it', async () => {
    const cookie = await login('publicity');
    const res = await fetch(`${base}/console/policy`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const status = parameterStatus(new Date());
    expect([...html.matchAll(/<tr data-parameter="([^"]+)"/g)].map((m) => m[1])).toEqual(status.map((s) => s.id));
    expect(html).toContain('四川企业职工基本养老金计发基数');
    expect(html).toMatch(/<a href="\/console\/policy"[^>]*>计算器参数<\/a>/);
    const year = new Date().getUTCFullYear();
    expect(html).toContain(`${year + 1} 年`);
  }, 60_000);

  it('administrators may open it; duty officers get 403 and no link', async () => {
    expect((await fetch(`${base}/console/policy`, { headers: { cookie: await login('admin') } })).status).toBe(200);
    const duty = await login('duty');
    const res = await fetch(`${base}/console/policy`, { headers: { cookie: duty } });
    expect(res.status).toBe(403);
    const home = await (await fetch(`${base}/console/`, { headers: { cookie: duty } })).text();
    expect(home).not.toContain('/console/policy');
  }, 60_000);
});
