// Console accounts: adding users, changing passwords, disabling. Shared by `minsheng user` and the
// console's users page, so both apply the same rules and both write the audit log.
import { ROLES, StoreConflictError, type Role, type Store, type User } from '../store/index.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';
const NAME_PATTERN = /^[\p{L}\p{N}._-]{1,32}$/u;

/**
 * Refused input. exitCode 2 = bad name/role (usage), 1 = conflict or weak password; `status` is the
 * HTTP answer the console gives (409 for a name taken, also when two admins add it at once).
 */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly status: 404 | 409 | 422 = 422,
  ) {
    super(message);
  }
}

export interface Actor {
  actor: string | null;
  ip: string | null;
}

const record = (store: Store, by: Actor, action: string, target: string, detail: string | null) =>
  store.audit.record({ at: new Date().toISOString(), actor: by.actor, action, target, detail, ip: by.ip });

export function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw new UserInputError(`用户名“${name}”不合格：只能用字母、数字、中文和 . _ -，1–32 个字`, 2);
}

export function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) throw new UserInputError(`角色“${role}”无效，应为 ${ROLES.join(' / ')} 之一`, 2);
  return role as Role;
}

export function checkPassword(password: string, name?: string): void {
  const problem = passwordProblem(password, name);
  if (problem) throw new UserInputError(problem, 1);
}

export async function addUser(store: Store, input: { name: string; role: string; password: string }, by: Actor): Promise<User> {
  checkName(input.name);
  const role = checkRole(input.role);
  const taken = () => new UserInputError(`用户“${input.name}”已存在`, 1, 409);
  if (await store.users.byName(input.name)) throw taken();
  checkPassword(input.password, input.name);
  let user: User;
  try {
    user = await store.users.add({ name: input.name, role, passwordHash: await hashPassword(input.password), createdAt: new Date().toISOString() });
  } catch (err) {
    // Two adds of one name can both pass the check above; the store's UNIQUE rule decides.
    if (err instanceof StoreConflictError) throw taken();
    throw err;
  }
  await record(store, by, 'user.add', user.name, `角色 ${user.role}`);
  return user;
}

export async function changePassword(store: Store, name: string, password: string, by: Actor): Promise<void> {
  const user = await store.users.byName(name);
  if (!user) throw new UserInputError(`用户“${name}”不存在`, 1, 404);
  checkPassword(password, name);
  await store.users.setPasswordHash(name, await hashPassword(password));
  // Whoever knew the old password may still be logged in with it.
  const ended = await store.sessions.deleteForUser(user.id);
  await record(store, by, 'user.passwd', name, ended ? `已结束 ${ended} 个登录会话` : null);
}

/** Disables (or re-enables) an account; disabling also ends its sessions at once. */
export async function setUserDisabled(store: Store, name: string, disabled: boolean, by: Actor): Promise<void> {
  const user = await store.users.byName(name);
  if (!user) throw new UserInputError(`用户“${name}”不存在`, 1, 404);
  if (disabled && by.actor === name) throw new UserInputError('不能停用自己正在使用的账号', 1);
  await store.users.setDisabled(name, disabled);
  const ended = disabled ? await store.sessions.deleteForUser(user.id) : 0;
  await record(store, by, disabled ? 'user.disable' : 'user.enable', name, ended ? `已结束 ${ended} 个登录会话` : null);
}

/** The demo's administrator, `minsheng demo` creates it with a password kept in the data directory. */
export const DEMO_USER = 'demo';
export const DEMO_LOGIN_FILE = 'demo-login.txt';

/** The enabled demo account, if the data directory has one (a real deployment must not). */
export async function liveDemoAccount(store: Store): Promise<User | null> {
  const user = await store.users.byName(DEMO_USER);
  return user && !user.disabled ? user : null;
}
