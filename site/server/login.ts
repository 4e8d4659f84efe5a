// The login decision: throttled per name+address, generic error, audited either way.
import type { Store, User } from '../../store/index.ts';
import { audit } from './audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { LoginThrottle } from './throttle.ts';

export const LOGIN_FAILED = '用户名或密码不正确';
export const LOGIN_LOCKED = '登录失败次数过多，请 15 分钟后再试';

const throttle = new LoginThrottle();

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the name is unknown, so timing does not reveal which names exist. */
const dummy = () => (dummyHash ??= hashPassword('not-a-real-password-' + Math.random()));

export type LoginOutcome = { ok: true; token: string; user: User } | { ok: false; error: string };

export async function attemptLogin(store: Store, name: string, password: string, ip: string | null, now = new Date()): Promise<LoginOutcome> {
  const who = name.trim().slice(0, 64);
  const where = ip ?? 'unknown';
  const ctx = { store, actor: null, ip };
  if (throttle.lockedFor(who, where, now.getTime()) > 0) {
    await audit(ctx, 'login.locked', who, '登录被暂时锁定');
    return { ok: false, error: LOGIN_LOCKED };
  }
  const user = who ? await store.users.byName(who) : null;
  const valid = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummy()), false);
  if (!user || !valid || user.disabled) {
    const locked = throttle.fail(who, where, now.getTime());
    await audit(ctx, 'login.failed', who, locked ? '密码错误次数过多，锁定 15 分钟' : user?.disabled ? '账号已停用' : '用户名或密码不正确');
    return { ok: false, error: locked ? LOGIN_LOCKED : LOGIN_FAILED };
  }
  throttle.succeed(who, where);
  const { token } = await createSession(store, user, now);
  await audit({ store, actor: user.name, ip }, 'login', user.name, null);
  await store.sessions.deleteExpired(now.toISOString());
  return { ok: true, token, user };
}
