// Two `minsheng serve` processes on one PostgreSQL behave as one site behind a proxy: a session
// made on one is valid on the other (with its CSRF token), and failed logins made on both count
// towards one lock. The web servers keep nothing of their own — sessions, throttle and audit live
// in the database. Browser tier because it serves the tier's one site build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { cookiePair, postLogin, serve, stop, type Serve } from '../helpers/serve-process.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';
import { PASSWORDS, seedStore } from '../console/seed.ts';

const skip = postgresSkipReason();
describe.skipIf(skip)(`two web servers on one PostgreSQL${skip ? ` — 跳过：${skip}` : ''}`, { timeout: 240_000 }, () => {
  let store: Store;
  let alertId: string;
  let a: Serve | undefined;
  let b: Serve | undefined;
  const dirs = [mkdtempSync(join(tmpdir(), 'minsheng-web-a-')), mkdtempSync(join(tmpdir(), 'minsheng-web-b-'))];

  beforeAll(async () => {
    const databaseUrl = await freshSchemaUrl();
    store = openStore('unused', { databaseUrl });
    ({ alertId } = await seedStore(store));
    [a, b] = await Promise.all([serve(dirs[0]!, databaseUrl), serve(dirs[1]!, databaseUrl)]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await store?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a session made on one server works on the other, CSRF token included, and logout ends it on both', async () => {
    const res = await postLogin(a!.url, a!.url, 'duty', PASSWORDS.duty);
    expect(res.status).toBe(303);
    const cookie = cookiePair(res.headers.getSetCookie().find((c) => c.startsWith('ms_session='))!);
    const page = await fetch(`${b!.url}/console/`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const transition = await fetch(`${b!.url}/api/alerts/${alertId}/transition`, {
      method: 'POST',
      headers: { cookie, origin: b!.url, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(transition.status).toBe(200);
    expect((await store.alerts.get(alertId))!.status).toBe('acknowledged');
    // Visible from the first server at once: there is no per-server cache of the alert.
    const onA = await fetch(`${a!.url}/console/alerts/${alertId}`, { headers: { cookie } });
    expect(onA.status).toBe(200);
    expect(await onA.text()).toContain('已确认');

    const logout = await fetch(`${a!.url}/console/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: a!.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect([303, 302]).toContain(logout.status);
    const after = await fetch(`${b!.url}/console/`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/console\/login/);
  });

  it('failed logins on both servers count towards one lock', async () => {
    await store.users.add({
      name: 'shared',
      role: 'duty',
      passwordHash: (await store.users.byName('duty'))!.passwordHash,
      createdAt: new Date().toISOString(),
    });
    // Five wrong passwords (the per-name-and-address limit), alternating servers.
    for (let i = 0; i < 5; i++) {
      const server = i % 2 ? b! : a!;
      const res = await postLogin(server.url, server.url, 'shared', `wrong-password-${i}`);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('登录失败次数过多');
    }
    // The right password is now refused on either server: the lock is in the database.
    for (const server of [a!, b!]) {
      const res = await postLogin(server.url, server.url, 'shared', PASSWORDS.duty);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('登录失败次数过多');
    }
    const failures = (await store.audit.list({ limit: 100 })).filter((e) => e.target === 'shared' || e.detail?.includes('shared'));
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });
});
