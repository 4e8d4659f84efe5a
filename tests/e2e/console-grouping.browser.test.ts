// A duty officer corrects the grouping from the console over real HTTP (issue 13): merges two alerts
// through the API and moves a post out through the alert page; both are audited, in the alerts'
// histories, and the page shows the incident timeline. That the decisions stick on later analysis
// runs is tested in tests/analysis/merge.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { PASSWORDS, seedStore } from '../console/seed.ts';
import { siteOutDir } from '../helpers/browser-site.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-grouping-'));
let server: RunningServer;
let base: string;
let store: Store;
let kept: string;
let other: string;
let seeded: string[];

beforeAll(async () => {
  store = openStore(dataDir);
  const seed = await seedStore(store);
  kept = seed.alertId;
  seeded = seed.postIds;
  const now = new Date().toISOString();
  other = (
    await raiseAlert(
      store,
      {
        ruleKey: 'post:' + seed.postIds[2],
        level: 'yellow',
        title: '同一工地另一条预警',
        reasons: [{ kind: 'level', level: 'yellow', why: { kind: 'crowd', people: 3 } }],
        postIds: [seed.postIds[2]!],
        sources: ['演示留言板'],
        firstSeen: now,
        lastSeen: now,
      },
      now,
    )
  ).alert.id;
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
  base = server.url;
}, 240_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login() {
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
    body: new URLSearchParams({ _csrf: token, username: 'duty', password: PASSWORDS.duty }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ms_session='))!
    .split(';')[0]!;
  const page = await (await fetch(`${base}/console/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

describe('grouping corrections in the console', () => {
  it('refuses a merge into the alert itself in Chinese, then merges through the API, audited', async () => {
    const { cookie, csrf } = await login();
    const headers = { cookie, origin: base, 'content-type': 'application/json', 'x-csrf-token': csrf };
    const self = await fetch(`${base}/api/alerts/${other}/merge`, { method: 'POST', headers, body: JSON.stringify({ into: other }) });
    expect(self.status).toBe(422);
    expect(await self.json()).toEqual({ error: '不能把预警并入它自己' });

    const ok = await fetch(`${base}/api/alerts/${other}/merge`, { method: 'POST', headers, body: JSON.stringify({ into: kept, note: '同一工地' }) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).alert.id).toBe(kept);
    expect((await store.alerts.get(kept))!.postIds).toEqual(expect.arrayContaining(seeded));
    expect((await store.alerts.get(other))!.status).toBe('closed');
    expect((await store.audit.list({ limit: 50 })).find((e) => e.action === 'alert.merge')).toMatchObject({ actor: 'duty', target: kept });
  });

  it('moves a post out from the alert page and shows the incident timeline with both corrections', async () => {
    const { cookie, csrf } = await login();
    const res = await fetch(`${base}/console/alerts/${kept}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, action: 'move_out', post: seeded[2]! }),
    });
    expect(res.status).toBe(303);
    expect((await store.alerts.get(kept))!.postIds).not.toContain(seeded[2]);
    expect(await store.alerts.overrides()).toEqual([
      expect.objectContaining({ kind: 'merge', alertId: other, targetAlertId: kept }),
      expect.objectContaining({ kind: 'move_out', alertId: kept, postId: seeded[2] }),
    ]);
    const page = await (await fetch(`${base}${res.headers.get('location')}`, { headers: { cookie } })).text();
    expect(page).toContain('已移出帖子');
    expect(page).toContain('事件时间线');
    expect(page).toContain('首帖：达川区某工地拖欠农民工工资三个月');
    expect(page).toMatch(/合并预警<\/strong>（duty）/);
    expect(page).toMatch(/移出帖子<\/strong>（duty）/);
    expect(page).toContain('不属于本事件，移出');
  });
});
