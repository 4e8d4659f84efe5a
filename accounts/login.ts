// The login decision: throttled (reserved before the password is checked), bounded in CPU, one
// generic error, audited — with a cap on what unauthenticated requests may write to the audit log.
import type { Store, User } from '../store/index.ts';
import { checkPassword, hashPassword, PasswordBusyError } from './passwords.ts';
import { createSession } from './sessions.ts';
import { reserveAttempt, type AttemptOutcome } from './throttle.ts';

export const LOGIN_FAILED = '用户名或密码不正确';
export const LOGIN_LOCKED = '登录失败次数过多，请 15 分钟后再试';
export const LOGIN_BUSY = '登录请求过多，请稍后再试';

/**
 * Unauthenticated requests may add at most this many audit rows per 10 minutes; beyond that a
 * flood of failed logins would fill the disk and bury real entries. Locks are always recorded.
 */
export const ANONYMOUS_AUDIT_PER_10_MIN = 300;

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the name is unknown, so timing does not reveal which names exist. */
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-' + Math.random()));

export type LoginOutcome = { ok: true; token: string; user: User } | { ok: false; error: string; reason: 'failed' | 'locked' | 'busy' };

async function auditAnonymous(store: Store, now: Date, entry: { action: string; target: string; detail: string; ip: string | null }, always = false) {
  if (!always) {
    const since = new Date(now.getTime() - 10 * 60_000).toISOString();
    if ((await store.audit.countAnonymousSince(since)) >= ANONYMOUS_AUDIT_PER_10_MIN) return;
  }
  await store.audit.record({ at: now.toISOString(), actor: null, ...entry });
}

export async function attemptLogin(
  store: Store,
  name: string,
  password: string,
  ip: string | null,
  now = new Date(),
  options: { replacing?: string | null } = {},
): Promise<LoginOutcome> {
  const who = name.trim().slice(0, 64);
  const reservation = await reserveAttempt(store, who, ip, now);
  if (!reservation.ok) {
    // Recorded when the lock starts, not for every refused try during it.
    if (reservation.newlyLocked) {
      const what = { nameAndAddress: '同一用户名和地址', name: '同一用户名（来自多个地址）', address: '同一地址' }[reservation.scope];
      await auditAnonymous(store, now, { action: 'login.locked', target: who, detail: `${what}失败次数过多，锁定 15 分钟`, ip }, true);
    }
    return { ok: false, error: LOGIN_LOCKED, reason: 'locked' };
  }
  let outcome: AttemptOutcome = 'failure';
  try {
    const user = who ? await store.users.byName(who) : null;
    const check = user ? await checkPassword(password, user.passwordHash) : (await checkPassword(password, await dummy()), { ok: false, needsRehash: false });
    if (!user || !check.ok || user.disabled) {
      await auditAnonymous(store, now, { action: 'login.failed', target: who, detail: user?.disabled && check.ok ? '账号已停用' : LOGIN_FAILED, ip });
      return { ok: false, error: LOGIN_FAILED, reason: 'failed' };
    }
    // Old hashes move to today's scrypt cost with the password just proven.
    // Best effort: when the server is saturated the upgrade waits for the next login.
    if (check.needsRehash) {
      await hashPassword(password)
        .then((hash) => store.users.setPasswordHash(user.name, hash))
        .catch((err: unknown) => {
          if (!(err instanceof PasswordBusyError)) throw err;
        });
    }
    outcome = 'success';
    const { token } = await createSession(store, user, now, options.replacing);
    await store.audit.record({
      at: now.toISOString(),
      actor: user.name,
      action: 'login',
      target: user.name,
      detail: check.needsRehash ? '密码散列已升级' : null,
      ip,
    });
    await store.sessions.deleteExpired(now.toISOString());
    return { ok: true, token, user };
  } catch (err) {
    if (err instanceof PasswordBusyError) {
      outcome = 'untried';
      return { ok: false, error: LOGIN_BUSY, reason: 'busy' };
    }
    throw err;
  } finally {
    await reservation.settle(outcome);
  }
}
