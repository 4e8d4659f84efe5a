import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseEnv } from '../../config/env.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientIp, trustedProxiesFrom, validIp } from '../../site/server/client-ip.ts';
import { openStore, type Store } from '../../store/index.ts';
import { createSession, hashToken, MAX_SESSIONS_PER_USER, resolveSession, SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../../accounts/sessions.ts';
import { isHttps, loginCsrfCookie, readCookie, serializeCookie, sessionCookie } from '../../site/server/sessions.ts';
import { expectedOrigins, originAllowed, submittedToken, tokensMatch } from '../../site/server/csrf.ts';
import { reserveAttempt } from '../../accounts/throttle.ts';
import { attemptLogin, LOGIN_LOCKED } from '../../accounts/login.ts';
import { hashPassword } from '../../accounts/passwords.ts';
import { safeNext } from '../../site/server/respond.ts';
import { contentSecurityPolicy, inlineHashes } from '../../site/server/security.ts';
import { can, permissionFor } from '../../site/server/access.ts';

describe('sessions', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores only the hash of the cookie token and resolves it back to the user', async () => {
    const user = await store.users.add({ name: 'duty', role: 'duty', passwordHash: 'x', createdAt: new Date().toISOString() });
    const now = new Date('2025-09-01T08:00:00Z');
    const { token, session } = await createSession(store, user, now);
    expect(session.idHash).toBe(hashToken(token));
    expect(session.idHash).not.toContain(token);
    expect(await store.sessions.get(token)).toBeNull();
    const resolved = await resolveSession(store, token, new Date(now.getTime() + 60_000));
    expect(resolved?.user.name).toBe('duty');
    expect(resolved?.session.csrfToken).toHaveLength(43);
    expect(await resolveSession(store, token + 'x', now)).toBeNull();
    expect(await resolveSession(store, null, now)).toBeNull();
  });

  it('expires sessions and removes them', async () => {
    const user = await store.users.add({ name: 'duty', role: 'duty', passwordHash: 'x', createdAt: new Date().toISOString() });
    const now = new Date('2025-09-01T08:00:00Z');
    const { token, session } = await createSession(store, user, now);
    expect(await resolveSession(store, token, new Date(now.getTime() + SESSION_LIFETIME_MS + 1))).toBeNull();
    expect(await store.sessions.get(session.idHash)).toBeNull();
  });

  it('writes HttpOnly SameSite=Strict cookies, Secure only over HTTPS, and reads them back', () => {
    const plain = serializeCookie('ms_session', 'abc', { secure: false, maxAgeSeconds: 60 });
    expect(plain).toBe('ms_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(serializeCookie('ms_session', 'abc', { secure: true })).toContain('; Secure');
    expect(readCookie('a=1; ms_session=tok-en; b=2', 'ms_session')).toBe('tok-en');
    expect(readCookie('ms_sessionx=1', 'ms_session')).toBeNull();
  });
});

describe('CSRF', () => {
  it('compares tokens exactly', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'ab')).toBe(false);
    expect(tokensMatch('abc', null)).toBe(false);
  });

  it('accepts our own origin (also as seen through the Host header) and refuses others', () => {
    const request = new Request('http://localhost/api/alerts/1/transition', { method: 'POST', headers: { host: '127.0.0.1:4321' } });
    const allowed = expectedOrigins(request);
    expect(originAllowed(new Headers({ origin: 'http://127.0.0.1:4321' }), allowed)).toBe(true);
    expect(originAllowed(new Headers({ origin: 'http://evil.example' }), allowed)).toBe(false);
    expect(originAllowed(new Headers({ referer: 'http://127.0.0.1:4321/console/' }), allowed)).toBe(true);
    expect(originAllowed(new Headers(), allowed)).toBe(false);
  });

  it('finds the token in the header or in a form field without consuming the body', async () => {
    const viaHeader = new Request('http://x/api', { method: 'POST', headers: { 'x-csrf-token': 't1' }, body: '{}' });
    expect(await submittedToken(viaHeader)).toBe('t1');
    const form = new Request('http://x/console', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: 't2', action: 'close' }),
    });
    expect(await submittedToken(form)).toBe('t2');
    expect((await form.formData()).get('action')).toBe('close');
    expect(await submittedToken(new Request('http://x', { method: 'POST', body: '{}' }))).toBeNull();
  });
});

// Real scrypt (N=2^17) per checked password: slow when the machine is busy.
describe('login throttle (in the store)', { timeout: 120_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minsheng-throttle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const t0 = new Date('2025-09-01T08:00:00Z');
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it('reserves 5 tries per name+address, then locks for 15 minutes; other addresses unaffected', async () => {
    const store = openStore(dir);
    try {
      for (let i = 0; i < 5; i++) expect((await reserveAttempt(store, 'duty', '1.2.3.4', plus(i))).ok).toBe(true);
      const sixth = await reserveAttempt(store, 'Duty ', '1.2.3.4', plus(10));
      expect(sixth).toMatchObject({ ok: false, scope: 'nameAndAddress', newlyLocked: true });
      expect(await reserveAttempt(store, 'duty', '1.2.3.4', plus(60_000))).toMatchObject({ ok: false, newlyLocked: false });
      expect((await reserveAttempt(store, 'duty', '5.6.7.8', plus(60_000))).ok).toBe(true);
      expect((await reserveAttempt(store, 'duty', '1.2.3.4', plus(10 + 15 * 60_000))).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('keeps a lock across a restart and between two servers on one data directory', async () => {
    const a = openStore(dir);
    const b = openStore(dir);
    try {
      for (let i = 0; i < 5; i++) await reserveAttempt(i % 2 ? a : b, 'admin', '9.9.9.9', plus(i));
      expect((await reserveAttempt(a, 'admin', '9.9.9.9', plus(100))).ok).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
    const restarted = openStore(dir);
    try {
      expect((await reserveAttempt(restarted, 'admin', '9.9.9.9', plus(60_000))).ok).toBe(false);
    } finally {
      await restarted.close();
    }
  });

  it('limits one name across many addresses (20 per 15 minutes)', async () => {
    const store = openStore(dir);
    try {
      for (let i = 0; i < 20; i++) expect((await reserveAttempt(store, 'admin', `10.0.0.${i}`, plus(i))).ok).toBe(true);
      expect(await reserveAttempt(store, 'admin', '10.0.1.1', plus(30))).toMatchObject({ ok: false, scope: 'name' });
    } finally {
      await store.close();
    }
  });

  it('gives a success its reservation back and clears the name+address count', async () => {
    const store = openStore(dir);
    try {
      for (let i = 0; i < 4; i++) await reserveAttempt(store, 'b', 'ip', plus(i));
      const r = await reserveAttempt(store, 'b', 'ip', plus(5));
      if (!r.ok) throw new Error('should be allowed');
      await r.settle('success');
      for (let i = 0; i < 5; i++) expect((await reserveAttempt(store, 'b', 'ip', plus(10 + i))).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('counts 40 parallel guesses before any password is checked: at most 5 are tried, the right one among them is refused', async () => {
    const store = openStore(dir);
    try {
      // A cheap stored hash (checks run at the cost it records): what is counted is the reservations
      // made before any check, which happen before scrypt's first callback whatever its cost.
      const passwordHash = await hashPassword('duty-right-password-1', { N: 2 ** 12, r: 8, p: 1 });
      await store.users.add({ name: 'duty', role: 'duty', passwordHash, createdAt: t0.toISOString() });
      // The right password comes last, as an attacker's burst would contain it somewhere after the first five.
      const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? 'duty-right-password-1' : `wrong-guess-${i}-xx`));
      const outcomes = await Promise.all(guesses.map((p) => attemptLogin(store, 'duty', p, '7.7.7.7', t0)));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(0);
      expect(outcomes.filter((o) => !o.ok && o.reason === 'failed')).toHaveLength(5);
      expect(outcomes.filter((o) => !o.ok && o.error === LOGIN_LOCKED)).toHaveLength(35);
      // One audit row for the lock, not 35.
      expect((await store.audit.list({ limit: 100 })).filter((e) => e.action === 'login.locked')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('upgrades an old password hash at the next successful login', async () => {
    const store = openStore(dir);
    try {
      await store.users.add({
        name: 'old',
        role: 'duty',
        passwordHash: await hashPassword('old-but-good-password', { N: 2 ** 14, r: 8, p: 1 }),
        createdAt: t0.toISOString(),
      });
      expect((await attemptLogin(store, 'old', 'old-but-good-password', '1.1.1.1', t0)).ok).toBe(true);
      expect((await store.users.byName('old'))!.passwordHash).toMatch(/^scrypt\$131072\$/);
    } finally {
      await store.close();
    }
  });

  it('caps the audit rows unauthenticated failures can write', async () => {
    const store = openStore(dir);
    try {
      const { ANONYMOUS_AUDIT_PER_10_MIN } = await import('../../accounts/login.ts');
      for (let i = 0; i < ANONYMOUS_AUDIT_PER_10_MIN; i++) {
        await store.audit.record({ at: plus(i).toISOString(), actor: null, action: 'login.failed', target: `n${i}`, detail: null, ip: '8.8.4.4' });
      }
      // A wrong password for a real name with a cheap stored hash: the same refusal and audit path as
      // an unknown name, without the full-cost scrypt of the dummy hash that unknown names are checked against.
      const passwordHash = await hashPassword('someone-right-password', { N: 2 ** 12, r: 8, p: 1 });
      await store.users.add({ name: 'someone', role: 'duty', passwordHash, createdAt: t0.toISOString() });
      expect((await attemptLogin(store, 'someone', 'a-wrong-password-here', '6.6.6.6', plus(1000))).ok).toBe(false);
      expect((await store.audit.list({ limit: 1 }))[0]!.target).toBe(`n${ANONYMOUS_AUDIT_PER_10_MIN - 1}`);
    } finally {
      await store.close();
    }
  });
});

describe('redirects, roles and CSP', () => {
  it('only returns to console paths after login', () => {
    expect(safeNext('/console/alerts/abc?x=1')).toBe('/console/alerts/abc?x=1');
    expect(safeNext('//evil.example/console')).toBe('/console/');
    expect(safeNext('https://evil.example/')).toBe('/console/');
    expect(safeNext('/console/login')).toBe('/console/');
    expect(safeNext(null)).toBe('/console/');
    expect(safeNext('/console/搜索?q=工资')).toBe('/console/%E6%90%9C%E7%B4%A2?q=%E5%B7%A5%E8%B5%84');
    expect(safeNext('/\\evil.example')).toBe('/console/');
    expect(safeNext('/console/../api/alerts')).toBe('/console/');
    expect(safeNext('/console\t/x')).toBe('/console/');
  });

  it('gives the audit log and users to admins only, and alert actions not to publicity staff', () => {
    expect(permissionFor('/console/audit', 'GET')).toBe('audit');
    expect(can('duty', 'audit')).toBe(false);
    expect(can('admin', 'audit')).toBe(true);
    expect(permissionFor('/api/alerts/x/transition', 'POST')).toBe('alerts.act');
    expect(can('publicity', 'alerts.act')).toBe(false);
    expect(can('publicity', 'alerts.read')).toBe(true);
    expect(permissionFor('/console/users', 'POST')).toBe('users');
  });

  it('allows inline blocks only by their hash and forbids framing', () => {
    const html = '<script type="module">console.log(1)</script><script src="/a.js"></script><style>p{color:red}</style>';
    expect(inlineHashes(html, 'script')).toHaveLength(1);
    const csp = contentSecurityPolicy(html);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toMatch(/style-src 'self' 'sha256-/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('does not hash script-like text inside attribute values, comments or textareas', () => {
    const injected =
      '<input value="&quot;><script>alert(1)</script>"><!-- <script>alert(2)</script> --><textarea><script>alert(3)</script></textarea><title><script>alert(4)</script></title><script>ours()</script>';
    const hashes = inlineHashes(injected, 'script');
    expect(hashes).toHaveLength(1);
    expect(contentSecurityPolicy('<script>ours()</script>')).toContain(hashes[0]);
  });
});

describe('client address', () => {
  const loopbackProxy = trustedProxiesFrom('1');
  it('uses the socket address unless it is a configured proxy, whatever X-Forwarded-For says', () => {
    expect(clientIp('10.0.0.1', '203.0.113.9', null)).toBe('10.0.0.1');
    expect(clientIp('127.0.0.1', '8.8.8.8', null)).toBe('127.0.0.1');
    expect(clientIp('10.0.0.1', '8.8.8.8', loopbackProxy)).toBe('10.0.0.1'); // not a trusted proxy
    expect(clientIp('::ffff:127.0.0.1', null, null)).toBe('127.0.0.1');
  });
  it('walks X-Forwarded-For from the right past trusted proxies, ignoring what the client claimed before', () => {
    expect(clientIp('127.0.0.1', '1.2.3.4, 203.0.113.9', loopbackProxy)).toBe('203.0.113.9');
    const two = trustedProxiesFrom('127.0.0.1, 10.0.0.0/24');
    expect(clientIp('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.3', two)).toBe('198.51.100.7');
    expect(clientIp('127.0.0.1', '<script>x</script>', loopbackProxy)).toBe('127.0.0.1');
    expect(clientIp('127.0.0.1', undefined, loopbackProxy)).toBe('127.0.0.1');
  });
  it('accepts only valid, short IP addresses', () => {
    expect(validIp('8.8.8.8')).toBe('8.8.8.8');
    expect(validIp('2001:db8::1')).toBe('2001:db8::1');
    expect(validIp('1.2.3.4:80')).toBeNull();
    expect(validIp('<img src=x>' + 'a'.repeat(4000))).toBeNull();
    expect(validIp('')).toBeNull();
    expect(() => trustedProxiesFrom('proxy.example')).toThrow(/不是 IP 地址/);
    expect(trustedProxiesFrom('')).toBeNull();
  });
});

describe('sessions: idle timeout, rotation, per-user cap and cookies from configuration', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());
  const t0 = new Date('2025-09-01T08:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('ends a session idle for 30 minutes, and keeps one in use alive (sliding)', async () => {
    const user = await store.users.add({ name: 'duty', role: 'duty', passwordHash: 'x', createdAt: t0.toISOString() });
    const idle = await createSession(store, user, t0);
    const busy = await createSession(store, user, t0);
    for (let m = 20; m <= 100; m += 20) expect(await resolveSession(store, busy.token, later(m * 60_000))).not.toBeNull();
    expect(await resolveSession(store, idle.token, later(SESSION_IDLE_MS))).toBeNull();
    expect(await store.sessions.get(idle.session.idHash)).toBeNull();
  });

  it('rotates at login: the token presented with the login stops working', async () => {
    const user = await store.users.add({ name: 'duty', role: 'duty', passwordHash: 'x', createdAt: t0.toISOString() });
    const old = await createSession(store, user, t0);
    const fresh = await createSession(store, user, later(1000), old.token);
    expect(await resolveSession(store, old.token, later(2000))).toBeNull();
    expect(await resolveSession(store, fresh.token, later(2000))).not.toBeNull();
  });

  it('keeps at most 5 live sessions per user, ending the oldest', async () => {
    const user = await store.users.add({ name: 'duty', role: 'duty', passwordHash: 'x', createdAt: t0.toISOString() });
    const tokens = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 2; i++) tokens.push((await createSession(store, user, later(i * 1000))).token);
    const alive = [];
    for (const t of tokens) alive.push(Boolean(await resolveSession(store, t, later(10_000))));
    expect(alive).toEqual([false, false, true, true, true, true, true]);
  });

  it('uses __Host- cookies with Secure only when configured for HTTPS, never because of X-Forwarded-Proto', () => {
    const spoofed = new Request('http://127.0.0.1/console/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(isHttps(spoofed, parseEnv({}).https)).toBe(false);
    expect(isHttps(spoofed, parseEnv({ MINSHENG_HTTPS: '1' }).https)).toBe(true);
    expect(sessionCookie(true)).toBe('__Host-ms_session');
    expect(serializeCookie(loginCsrfCookie(true), 'v', { secure: true, path: '/console/login' })).toBe(
      '__Host-ms_login_csrf=v; Path=/; HttpOnly; SameSite=Strict; Secure',
    );
  });
});
