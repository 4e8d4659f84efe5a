// The console's alert list over real HTTP (the browser tier's shared build): incidents most severe
// first, blue (一般) alerts left to the daily digest unless the officer asks for them (含蓝色).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { siteOutDir } from '../helpers/browser-site.ts';
import { PASSWORDS, seedStore } from './seed.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';
import type { AlertLevel } from '../../store/types.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-alert-list-'));
let server: RunningServer;

beforeAll(async () => {
  const store = openStore(dataDir);
  const now = new Date();
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  try {
    await seedStore(store, now); // one orange alert: 达川区工地欠薪（2 条相似帖）
    const extra: [AlertLevel, string, number][] = [
      ['blue', '两人反映社保窗口排队', 20],
      ['yellow', '三人反映认证系统故障', 40],
      ['red', '锦江纺织厂百人讨薪', 70],
      ['blue', '一人反映拖欠五个月工资', 10],
    ];
    for (const [level, title, minutes] of extra) {
      await raiseAlert(
        store,
        {
          ruleKey: `test:${title}`,
          level,
          title,
          reasons: [{ kind: 'text', text: '测试' }],
          postIds: [],
          sources: ['演示留言板'],
          firstSeen: at(minutes),
          lastSeen: at(minutes),
        },
        at(minutes),
      );
    }
  } finally {
    await store.close();
  }
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(): Promise<string> {
  const form = await fetch(`${server.url}/console/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const loginCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_login_csrf='))!
    .split(';')[0]!;
  const res = await fetch(`${server.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: 'duty', password: PASSWORDS.duty }),
  });
  expect(res.status).toBe(303);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_session='))!
    .split(';')[0]!;
}

/** The alert titles of the list, in the order shown. */
const titles = (html: string) => [...html.matchAll(/<td data-label="预警" class="alert-title">\s*<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);

describe('the console alert list', { timeout: 120_000 }, () => {
  it('shows red, orange and yellow most severe first, leaves blue to the digest, and shows it on 含蓝色', async () => {
    const cookie = await login();
    const page = await (await fetch(`${server.url}/console/`, { headers: { cookie } })).text();
    expect(titles(page)).toEqual(['锦江纺织厂百人讨薪', '达川区工地欠薪（2 条相似帖）', '三人反映认证系统故障']);
    expect(page).toContain('蓝色（一般）预警不在此列表');
    expect(page).toContain('（另有 2 条）');
    const link = /<a href="([^"]+)" data-with-blue>含蓝色<\/a>/.exec(page)?.[1];
    expect(link).toBe('/console/?blue=1');

    const withBlue = await (await fetch(`${server.url}${link!.replaceAll('&amp;', '&')}`, { headers: { cookie } })).text();
    expect(titles(withBlue)).toEqual([
      '锦江纺织厂百人讨薪',
      '达川区工地欠薪（2 条相似帖）',
      '三人反映认证系统故障',
      '一人反映拖欠五个月工资',
      '两人反映社保窗口排队',
    ]);
    expect(withBlue).toContain('不含蓝色');

    // Choosing the blue level shows the blue ones alone; the JSON API still lists every level.
    const blueOnly = await (await fetch(`${server.url}/console/?level=blue`, { headers: { cookie } })).text();
    // Within a level, the most recent first.
    expect(titles(blueOnly)).toEqual(['一人反映拖欠五个月工资', '两人反映社保窗口排队']);
    const api = (await (await fetch(`${server.url}/api/alerts`, { headers: { cookie } })).json()) as { alerts?: unknown[] } | unknown[];
    expect((Array.isArray(api) ? api : (api.alerts ?? [])).length).toBe(5);
  });
});
