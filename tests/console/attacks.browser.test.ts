// The outside security test of issue 15, re-run against the built server on 127.0.0.1: each
// attack is performed as the tester did it (real parallel requests where it was a race) and must
// be refused. Lower-level checks of the same rules are in sessions-csrf.test.ts.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Alert, type Store } from '../../store/index.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { inlineHashes } from '../../site/server/security.ts';
import { onRequest } from '../../site/middleware.ts';
import { availableActions, planTransition, type WorkflowAction } from '../../analysis/alerts/lifecycle.ts';
import { hashPassword } from '../../accounts/passwords.ts';
import { createHash } from 'node:crypto';
import { PASSWORDS, seedStore } from './seed.ts';
import { siteOutDir } from '../helpers/browser-site.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-attacks-'));
let server: RunningServer;
let base: string;
let store: Store;

beforeAll(async () => {
  store = openStore(dataDir);
  await seedStore(store);
  // Accounts only this file attacks, so one attack's lock does not spill into another.
  for (const name of ['victim', 'racer', 'rotator']) {
    await store.users.add({ name, role: 'duty', passwordHash: await hashPassword(`${name}-right-password-1`), createdAt: new Date().toISOString() });
  }
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
  base = server.url;
}, 600_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

async function loginForm() {
  const res = await fetch(`${base}/console/login`);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const cookie = cookiePair(res.headers.getSetCookie().find((c) => c.startsWith('ms_login_csrf='))!);
  return { token, cookie };
}

async function postLogin(
  name: string,
  password: string,
  extra: { headers?: Record<string, string>; query?: string; form?: { token: string; cookie: string } } = {},
) {
  const form = extra.form ?? (await loginForm());
  return fetch(`${base}/console/login${extra.query ?? ''}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', ...extra.headers },
    body: new URLSearchParams({ _csrf: form.token, username: name, password }),
  });
}

const sessionOf = (res: Response) => {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('ms_session=') && !x.startsWith('ms_session=;'));
  return c ? cookiePair(c) : null;
};

async function login(name: string, password: string) {
  const res = await postLogin(name, password);
  expect(res.status).toBe(303);
  const cookie = sessionOf(res)!;
  const page = await (await fetch(`${base}/console/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}

/** A raw request, so the body can be as large (or as absent) as the attacker likes. */
function rawRequest(path: string, headers: Record<string, string | number>, body: Buffer | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may answer and close before the body is sent: that is the point.
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err),
    );
    if (body) req.write(body);
    req.end();
  });
}

// Every login is a real scrypt (N=2^17): seconds apiece on a busy machine, hence the long timeouts.
describe('1. client address comes from the socket, not X-Forwarded-For', { timeout: 180_000 }, () => {
  it('locks the account although every wrong password claims a new address, and logs the real address', async () => {
    const form = await loginForm();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await postLogin('victim', `wrong-password-${i}`, { form, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    const right = await postLogin('victim', 'victim-right-password-1', { headers: { 'x-forwarded-for': '198.51.100.200' } });
    expect(right.status).toBe(401);
    expect(await right.text()).toContain('登录失败次数过多');

    const markup = `<img src=x onerror=alert(1)>${'1'.repeat(4000)}`;
    await (await postLogin('nobody-at-all', 'whatever-password-1', { headers: { 'x-forwarded-for': markup } })).body?.cancel();
    const ips = new Set((await store.audit.list({ limit: 500 })).map((e) => e.ip));
    expect([...ips]).toEqual(['127.0.0.1']);
  });

  it('records an administrator action with the address it came from, not a claimed one', async () => {
    const { cookie, csrf } = await login('admin', PASSWORDS.admin);
    const alert = await raise('xff');
    const res = await fetch(`${base}/api/alerts/${alert.id}/transition`, {
      method: 'POST',
      headers: { cookie, origin: base, 'x-csrf-token': csrf, 'content-type': 'application/json', 'x-forwarded-for': '8.8.8.8' },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(res.status).toBe(200);
    const row = (await store.audit.list({ limit: 20 })).find((e) => e.action === 'alert.acknowledge' && e.target === alert.id);
    expect(row?.ip).toBe('127.0.0.1');
  });
});

describe('2. login throttle race', { timeout: 180_000 }, () => {
  it('tries at most 5 of 40 parallel guesses; the right password in the burst gets no session', async () => {
    const form = await loginForm();
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? 'racer-right-password-1' : `racer-guess-${i}-wrong`));
    const results = await Promise.all(guesses.map((p) => postLogin('racer', p, { form })));
    expect(results.filter((r) => r.status === 303)).toHaveLength(0);
    expect(results.every((r) => sessionOf(r) === null)).toBe(true);
    const failedChecks = (await store.audit.list({ limit: 500 })).filter((e) => e.action === 'login.failed' && e.target === 'racer');
    expect(failedChecks.length).toBeLessThanOrEqual(5);
  });
});

let raised = 0;
async function raise(tag: string): Promise<Alert> {
  const now = new Date().toISOString();
  return (
    await raiseAlert(
      store,
      {
        ruleKey: `test:${tag}:${raised++}`,
        level: 'orange',
        title: `并发测试 ${tag}`,
        reasons: [{ kind: 'text', text: '测试' }],
        postIds: [],
        sources: ['演示留言板'],
        firstSeen: now,
        lastSeen: now,
      },
      now,
    )
  ).alert;
}

describe('3. alert workflow race', { timeout: 180_000 }, () => {
  it('accepts exactly one of two terminal transitions fired together, in each of 20 rounds, and audits the true "from"', async () => {
    const duty = await login('duty', PASSWORDS.duty);
    const admin = await login('admin', PASSWORDS.admin);
    const act = (who: { cookie: string; csrf: string }, id: string, body: Record<string, string>) =>
      fetch(`${base}/api/alerts/${id}/transition`, {
        method: 'POST',
        headers: { cookie: who.cookie, origin: base, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let round = 0; round < 20; round++) {
      const alert = await raise('terminal');
      const [a, b] = await Promise.all([act(duty, alert.id, { action: 'close' }), act(admin, alert.id, { action: 'false_positive', note: '不是人社问题' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const events = (await store.alerts.events(alert.id)).map((e) => e.action);
      expect(events.filter((e) => e === 'closed' || e === 'false_positive')).toHaveLength(1);
      const audits = (await store.audit.list({ limit: 50 })).filter((e) => e.target === alert.id && e.action.startsWith('alert.'));
      expect(audits).toHaveLength(1);
      expect(audits[0]!.detail).toMatch(/^待处理 → (已关闭|误报)/);
    }
  });

  it('keeps 200 mixed parallel actions on 10 alerts to legal steps only', async () => {
    const duty = await login('duty', PASSWORDS.duty);
    const alerts = await Promise.all(Array.from({ length: 10 }, () => raise('mixed')));
    const actions: WorkflowAction[] = ['acknowledge', 'assign', 'start', 'respond', 'close', 'false_positive', 'reopen', 'note'];
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let seed = 15;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const batch = Array.from({ length: 200 }, () => ({ alert: alerts[rnd(10)]!, action: actions[rnd(actions.length)]! }));
    const results = await Promise.all(
      batch.map(({ alert, action }) =>
        fetch(`${base}/api/alerts/${alert.id}/transition`, {
          method: 'POST',
          headers: { cookie: duty.cookie, origin: base, 'x-csrf-token': duty.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ action, note: '并发测试', assignee: 'duty' }),
        }).then(async (r) => (await r.body?.cancel(), r.status)),
      ),
    );
    expect(results.every((s) => s === 200 || s === 409)).toBe(true);
    // Replaying each alert's recorded events through the lifecycle finds no illegal step.
    const byEvent: Record<string, WorkflowAction> = {
      acknowledged: 'acknowledge',
      assigned: 'assign',
      in_progress: 'start',
      responded: 'respond',
      closed: 'close',
      false_positive: 'false_positive',
      reopened: 'reopen',
      note: 'note',
    };
    let applied = 0;
    for (const alert of alerts) {
      let status: Alert['status'] = 'new';
      for (const e of await store.alerts.events(alert.id)) {
        const action = byEvent[e.action];
        if (!action) continue;
        expect(availableActions(status)).toContain(action);
        const plan = planTransition({ status }, { action, note: 'x', assignee: 'duty' }, ['duty']);
        if (!plan.ok) throw new Error(`illegal ${action} from ${status}`);
        status = plan.change.status ?? status;
        applied++;
      }
      expect((await store.alerts.get(alert.id))!.status).toBe(status);
    }
    expect(applied).toBe(results.filter((s) => s === 200).length);
  });
});

describe('4. request bodies are capped before anything reads them', { timeout: 180_000 }, () => {
  it('answers a 150 MB login POST with 413 without reading it, and a 2 MB JSON call too', async () => {
    const huge = await rawRequest(
      '/console/login',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 150 * 1024 * 1024, origin: base },
      Buffer.alloc(1024 * 1024, 'a'),
    );
    expect(huge.status).toBe(413);
    const json = await rawRequest(
      '/api/alerts/x/transition',
      { 'content-type': 'application/json', 'content-length': 2 * 1024 * 1024 },
      Buffer.alloc(2 * 1024 * 1024, ' '),
    );
    expect(json.status).toBe(413);
    const form = await rawRequest(
      '/console/login',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 70 * 1024, origin: base },
      Buffer.alloc(70 * 1024, 'b'),
    );
    expect(form.status).toBe(413);
  });

  it('refuses a chunked body without a length (411) and a cross-site login before reading its body (403)', async () => {
    const chunked = await rawRequest(
      '/console/login',
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', origin: base },
      Buffer.from('username=a'),
    );
    expect(chunked.status).toBe(411);
    const crossSite = await fetch(`${base}/console/login`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=a&password=b',
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('5. a login flood does not stall the public site', { timeout: 180_000 }, () => {
  it('answers the excess of 60 parallel logins with 429 at once, and still serves GET /', async () => {
    const form = await loginForm();
    const flood = Array.from({ length: 60 }, (_, i) => postLogin(`flood-${i}`, 'flood-password-123', { form }));
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    const results = await Promise.all(flood);
    const busy = results.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(30);
    expect(busy[0]!.headers.get('retry-after')).toBe('5');
    expect(await busy[0]!.text()).toContain('登录请求过多');
    expect(results.every((r) => r.status === 429 || r.status === 401)).toBe(true);
  });
});

describe('6–8, 14. headers, CSP, redirects, charset and bad dates', { timeout: 180_000 }, () => {
  it('gives no CSP hash to a script injected through the search box', async () => {
    const { cookie } = await login('publicity', PASSWORDS.publicity);
    const res = await fetch(`${base}/console/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`, { headers: { cookie } });
    const csp = res.headers.get('content-security-policy')!;
    const injected = `'sha256-${createHash('sha256').update('alert(1)').digest('base64')}'`;
    expect(csp).not.toContain(injected);
    expect(inlineHashes(await res.text(), 'script').every((h) => csp.includes(h))).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('sends a strict CSP and no-store on console and API 404s', async () => {
    for (const path of ['/console/no-such-page', '/api/no-such-thing']) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers an exception inside the console with a 500 page that still carries the headers', async () => {
    const context = {
      url: new URL(`${base}/console/login`),
      request: new Request(`${base}/console/login`),
      locals: {},
      isPrerendered: false,
      clientAddress: '127.0.0.1',
    };
    const res = (await onRequest(context as never, (() => Promise.reject(new Error('boom'))) as never)) as Response;
    expect(res.status).toBe(500);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toContain('boom');
  });

  it('logs in and follows a non-ASCII next, percent-encoded, keeping the session cookie', async () => {
    const res = await postLogin('duty', PASSWORDS.duty, { query: `?next=${encodeURIComponent('/console/搜索?q=工资')}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/%E6%90%9C%E7%B4%A2?q=%E5%B7%A5%E8%B5%84');
    expect(sessionOf(res)).not.toBeNull();
  });

  it('answers an impossible search date with 400, not 503', async () => {
    const { cookie } = await login('publicity', PASSWORDS.publicity);
    const api = await fetch(`${base}/api/search?q=${encodeURIComponent('工资')}&since=2025-13-45`, { headers: { cookie } });
    expect(api.status).toBe(400);
    expect((await api.json()).error).toContain('日期参数 since');
    expect((await fetch(`${base}/console/search?q=x&until=2025-02-30`, { headers: { cookie } })).status).toBe(400);
  });
});

describe('9–11. users, passwords and sessions', { timeout: 180_000 }, () => {
  it('answers ten parallel adds of one name with one success and nine 409s, no 500', async () => {
    const admin = await login('admin', PASSWORDS.admin);
    const add = () =>
      fetch(`${base}/console/users`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: admin.cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: admin.csrf, op: 'add', name: 'twin', role: 'duty', password: 'evening-duty-pass-9' }),
      }).then(async (r) => (await r.body?.cancel(), r.status));
    const statuses = await Promise.all(Array.from({ length: 10 }, add));
    expect(statuses.sort()).toEqual([303, ...Array(9).fill(409)]);
  });

  it('refuses ten spaces as a password', async () => {
    const admin = await login('admin', PASSWORDS.admin);
    const res = await fetch(`${base}/console/users`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrf, op: 'add', name: 'blank', role: 'duty', password: ' '.repeat(10) }),
    });
    expect(res.status).toBe(422);
    expect(await store.users.byName('blank')).toBeNull();
  });

  it('ends the old session when the browser logs in again (rotation)', async () => {
    const first = await login('rotator', 'rotator-right-password-1');
    const form = await loginForm();
    const again = await fetch(`${base}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, cookie: `${form.cookie}; ${first.cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: form.token, username: 'rotator', password: 'rotator-right-password-1' }),
    });
    expect(again.status).toBe(303);
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie: sessionOf(again)! } })).status).toBe(200);
  });

  it('marks cookies Secure and __Host- only when configured for HTTPS, not for a client-sent X-Forwarded-Proto', async () => {
    const spoofed = await fetch(`${base}/console/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.getSetCookie().join()).not.toMatch(/Secure|__Host-/);
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    process.env.MINSHENG_HTTPS = '1';
    try {
      const configured = await fetch(`${base}/console/login`);
      expect(configured.headers.getSetCookie().find((c) => c.startsWith('__Host-ms_login_csrf='))).toMatch(/; Path=\/;.*; Secure$/);
      expect(configured.headers.get('strict-transport-security')).toContain('max-age=');
    } finally {
      delete process.env.MINSHENG_HTTPS;
    }
  });
});
