// Adding users and changing passwords, shared by `minsheng user` and the console's users page,
// so both apply the same rules and both write the audit log.
import { ROLES, type Role, type Store, type User } from '../../store/index.ts';
import { audit } from './audit.ts';
import { hashPassword } from './passwords.ts';

export const MIN_PASSWORD_LENGTH = 10;
const NAME_PATTERN = /^[\p{L}\p{N}._-]{1,32}$/u;

/** Refused input. exitCode 2 = bad name/role (usage), 1 = conflict or weak password. */
export class UserInputError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

export function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw new UserInputError(`用户名“${name}”不合格：只能用字母、数字、中文和 . _ -，1–32 个字`, 2);
}

export function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) throw new UserInputError(`角色“${role}”无效，应为 ${ROLES.join(' / ')} 之一`, 2);
  return role as Role;
}

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new UserInputError(`密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符`, 1);
}

export async function addUser(
  store: Store,
  input: { name: string; role: string; password: string },
  by: { actor: string | null; ip: string | null },
): Promise<User> {
  checkName(input.name);
  const role = checkRole(input.role);
  if (await store.users.byName(input.name)) throw new UserInputError(`用户“${input.name}”已存在`, 1);
  checkPassword(input.password);
  const user = await store.users.add({
    name: input.name,
    role,
    passwordHash: await hashPassword(input.password),
    createdAt: new Date().toISOString(),
  });
  await audit({ store, ...by }, 'user.add', user.name, `角色 ${user.role}`);
  return user;
}

export async function changePassword(store: Store, name: string, password: string, by: { actor: string | null; ip: string | null }): Promise<void> {
  const user = await store.users.byName(name);
  if (!user) throw new UserInputError(`用户“${name}”不存在`, 1);
  checkPassword(password);
  await store.users.setPasswordHash(name, await hashPassword(password));
  // Whoever knew the old password may still be logged in with it.
  const ended = await store.sessions.deleteForUser(user.id);
  await audit({ store, ...by }, 'user.passwd', name, ended ? `已结束 ${ended} 个登录会话` : null);
}

/** Disables (or re-enables) an account; disabling also ends its sessions at once. */
export async function setUserDisabled(
  store: Store,
  name: string,
  disabled: boolean,
  by: { actor: string | null; ip: string | null },
): Promise<void> {
  const user = await store.users.byName(name);
  if (!user) throw new UserInputError(`用户“${name}”不存在`, 1);
  if (disabled && by.actor === name) throw new UserInputError('不能停用自己正在使用的账号', 1);
  await store.users.setDisabled(name, disabled);
  const ended = disabled ? await store.sessions.deleteForUser(user.id) : 0;
  await audit({ store, ...by }, disabled ? 'user.disable' : 'user.enable', name, ended ? `已结束 ${ended} 个登录会话` : null);
}
