import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientIp, trustProxyFromEnv } from '../../site/server/client-ip.ts';
import { openStore, type Store } from '../../store/index.ts';
import {
  createSession,
  hashToken,
  readCookie,
  resolveSession,
  serializeCookie,
  SESSION_LIFETIME_MS,
} from '../../site/server/sessions.ts';
import { expectedOrigins, originAllowed, submittedToken, tokensMatch } from '../../site/server/csrf.ts';
import { LoginThrottle } from '../../site/server/throttle.ts';
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

describe('login throttle', () => {
  it('locks a name+address after 5 failures for 15 minutes, other addresses unaffected', () => {
    const t = new LoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) expect(t.fail('duty', '1.2.3.4', t0 + i)).toBe(false);
    expect(t.lockedFor('duty', '1.2.3.4', t0 + 10)).toBe(0);
    expect(t.fail('Duty ', '1.2.3.4', t0 + 5)).toBe(true);
    expect(t.lockedFor('duty', '1.2.3.4', t0 + 60_000)).toBeGreaterThan(13 * 60_000);
    expect(t.lockedFor('duty', '5.6.7.8', t0 + 60_000)).toBe(0);
    expect(t.lockedFor('duty', '1.2.3.4', t0 + 5 + 15 * 60_000)).toBe(0);
  });

  it('forgets failures older than the window and after a success', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 4; i++) t.fail('a', 'ip', i);
    expect(t.fail('a', 'ip', 16 * 60_000)).toBe(false);
    for (let i = 0; i < 3; i++) t.fail('b', 'ip', i);
    t.succeed('b', 'ip');
    for (let i = 0; i < 4; i++) expect(t.fail('b', 'ip', 10 + i)).toBe(false);
  });
});

describe('redirects, roles and CSP', () => {
  it('only returns to console paths after login', () => {
    expect(safeNext('/console/alerts/abc?x=1')).toBe('/console/alerts/abc?x=1');
    expect(safeNext('//evil.example/console')).toBe('/console/');
    expect(safeNext('https://evil.example/')).toBe('/console/');
    expect(safeNext('/console/login')).toBe('/console/');
    expect(safeNext(null)).toBe('/console/');
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
});

describe('client address behind a proxy', () => {
  const h = (xff?: string) => new Headers(xff ? { 'x-forwarded-for': xff } : {});
  it('uses the socket address unless the proxy is trusted', () => {
    expect(clientIp('10.0.0.1', h('203.0.113.9'), false)).toBe('10.0.0.1');
  });
  it('takes the entry the trusted proxy appended, not what the client claimed before it', () => {
    expect(clientIp('10.0.0.1', h('1.2.3.4, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientIp('10.0.0.1', h(), true)).toBe('10.0.0.1');
    expect(trustProxyFromEnv({ MINSHENG_TRUST_PROXY: '1' })).toBe(true);
    expect(trustProxyFromEnv({})).toBe(false);
  });
});
