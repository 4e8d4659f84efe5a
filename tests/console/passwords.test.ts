import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  HASH_CONCURRENCY,
  HASH_QUEUE,
  hashPassword,
  hashSlotsFull,
  PasswordBusyError,
  passwordProblem,
  verifyPassword,
  withHashSlot,
} from '../../accounts/passwords.ts';

// scrypt at the real cost (N=2^17, 128 MiB) took 1–2 s a hash on the busy machine. The tests of
// verification pass a cheaper N in (stored hashes carry their own parameters, so checking is the
// same code at any cost); the real cost is computed only where it is what the test asserts.
const CHEAP = { N: 2 ** 12, r: 8, p: 1 };

describe('console passwords', { timeout: 120_000 }, () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('值班密码-correct-horse', CHEAP);
    expect(await verifyPassword('值班密码-correct-horse', hash)).toBe(true);
    expect(await verifyPassword('值班密码-correct-hors', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts each hash and records OWASP-level parameters (scrypt N=2^17)', async () => {
    const a = await hashPassword('same-password-123');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toContain('same-password-123');
    const [b, c] = [await hashPassword('same-password-123', CHEAP), await hashPassword('same-password-123', CHEAP)];
    expect(b).not.toBe(c);
    expect(b.split('$')[4]).not.toBe(a.split('$')[4]);
  });

  it('says when an old, cheaper hash should be replaced, only after the password is proven', async () => {
    const old = await hashPassword('an-old-password-kept', { N: 2 ** 15, r: 8, p: 1 });
    expect(await checkPassword('an-old-password-kept', old)).toEqual({ ok: true, needsRehash: true });
    expect(await checkPassword('not-the-password-no', old)).toEqual({ ok: false, needsRehash: false });
    expect(await checkPassword('an-old-password-kept', await hashPassword('an-old-password-kept'))).toEqual({ ok: true, needsRehash: false });
  });

  it('fails closed on malformed or tampered hashes', async () => {
    const hash = await hashPassword('some-password-xyz', CHEAP);
    const parts = hash.split('$');
    expect(await verifyPassword('some-password-xyz', 'plain-text')).toBe(false);
    expect(await verifyPassword('some-password-xyz', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(false);
    // Absurd cost parameters from a tampered row are refused rather than computed.
    expect(await verifyPassword('some-password-xyz', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'))).toBe(false);
  });

  it('refuses blank, short, over-long, common and name-bearing passwords', () => {
    expect(passwordProblem(' '.repeat(10))).toMatch(/至少需要 12 个字符/);
    expect(passwordProblem(' '.repeat(12))).toBe('密码不能全是空格');
    expect(passwordProblem('abcdefghijk')).toMatch(/太短/);
    expect(passwordProblem('x'.repeat(129) + 'yz1')).toMatch(/太长/);
    expect(passwordProblem('Password1234')).toMatch(/常见密码/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/常见密码/);
    expect(passwordProblem('woaini1314520')).toMatch(/常见密码/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/太简单/);
    expect(passwordProblem('abababababab')).toMatch(/太简单/);
    expect(passwordProblem('abcdefghijklmn')).toMatch(/连续或重复/);
    expect(passwordProblem('zhangsan-2025!', 'zhangsan')).toMatch(/用户名/);
    expect(passwordProblem('铁路桥边第三棵柳树下')).toMatch(/太短/);
    expect(passwordProblem('铁路桥边第三棵柳树下的石头')).toBeNull();
    expect(passwordProblem('night-shift-pass-1')).toBeNull();
  });

  it('runs at most a few password computations at once and refuses the excess at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let running = 0;
    let peak = 0;
    const work = () =>
      withHashSlot(async () => {
        peak = Math.max(peak, ++running);
        await gate;
        running--;
        return true;
      });
    const admitted = Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE }, work);
    await expect(work()).rejects.toBeInstanceOf(PasswordBusyError);
    expect(hashSlotsFull()).toBe(true);
    release();
    expect(await Promise.all(admitted)).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
    expect(peak).toBe(HASH_CONCURRENCY);
    expect(await work()).toBe(true); // the slots came back
    expect(hashSlotsFull()).toBe(false);
  });
});
