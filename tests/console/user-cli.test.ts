import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { openStore } from '../../store/index.ts';
import { verifyPassword } from '../../accounts/passwords.ts';
import { createSession, resolveSession } from '../../accounts/sessions.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-user-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main([...args, '--data', dataDir], { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, out, err };
}

describe('minsheng user', { timeout: 120_000 }, () => {
  it('adds a user with the password from the first stdin line, hashed, and audits it', async () => {
    const r = await run(['user', 'add', '王值班', '--role', 'duty'], '足够长的值班密码abcdef\nignored\n');
    expect(r).toMatchObject({ code: 0, out: '已添加用户 王值班（duty）。\n' });
    const store = openStore(dataDir);
    try {
      const user = await store.users.byName('王值班');
      expect(user?.role).toBe('duty');
      expect(await verifyPassword('足够长的值班密码abcdef', user!.passwordHash)).toBe(true);
      expect((await store.audit.list()).map((e) => [e.action, e.target])).toContainEqual(['user.add', '王值班']);
    } finally {
      await store.close();
    }
  });

  it('refuses short passwords (1), existing users (1), and bad roles or names (2)', async () => {
    expect(await run(['user', 'add', 'li', '--role', 'duty'], 'short\n')).toMatchObject({ code: 1, err: expect.stringContaining('密码太短') });
    expect(await run(['user', 'add', 'li', '--role', 'duty'], ' '.repeat(14) + '\n')).toMatchObject({ code: 1, err: expect.stringContaining('不能全是空格') });
    expect(await run(['user', 'add', 'li', '--role', 'duty'], 'qwertyuiop123\n')).toMatchObject({ code: 1, err: expect.stringContaining('常见密码') });
    expect(await run(['user', 'add', '王值班', '--role', 'duty'], 'another-long-password\n')).toMatchObject({
      code: 1,
      err: expect.stringContaining('已存在'),
    });
    expect((await run(['user', 'add', 'zhao', '--role', 'boss'], 'another-long-password\n')).code).toBe(2);
    expect((await run(['user', 'add', 'a b', '--role', 'duty'], 'another-long-password\n')).code).toBe(2);
  });

  it('lists users and changes a password', async () => {
    expect((await run(['user', 'list'])).out).toMatch(/^王值班\tduty\t正常/);
    expect((await run(['user', 'passwd', '王值班'], 'a-new-password-42\n')).code).toBe(0);
    const store = openStore(dataDir);
    try {
      expect(await verifyPassword('a-new-password-42', (await store.users.byName('王值班'))!.passwordHash)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('ends the sessions of a user whose password changes or who is disabled, and re-enables', async () => {
    const store = openStore(dataDir);
    const sessionOf = async () => (await createSession(store, (await store.users.byName('王值班'))!, new Date())).token;
    try {
      const before = await sessionOf();
      expect((await run(['user', 'passwd', '王值班'], 'yet-another-password-7\n')).code).toBe(0);
      expect(await resolveSession(store, before, new Date())).toBeNull();

      const live = await sessionOf();
      expect(await run(['user', 'disable', '王值班'])).toMatchObject({ code: 0, out: expect.stringContaining('已停用用户 王值班') });
      expect(await resolveSession(store, live, new Date())).toBeNull();
      expect((await run(['user', 'list'])).out).toMatch(/^王值班\tduty\t已停用/);
      expect((await run(['user', 'enable', '王值班'])).code).toBe(0);
      expect((await run(['user', 'list'])).out).toMatch(/^王值班\tduty\t正常/);
      expect((await run(['user', 'disable', 'nobody'])).code).toBe(1);
      const actions = (await store.audit.list()).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'user.passwd']));
    } finally {
      await store.close();
    }
  });
});
