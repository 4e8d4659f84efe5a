import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../site/server/passwords.ts';

describe('console passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('值班密码-correct-horse');
    expect(await verifyPassword('值班密码-correct-horse', hash)).toBe(true);
    expect(await verifyPassword('值班密码-correct-hors', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts each hash and records its parameters', async () => {
    const a = await hashPassword('same-password-123');
    const b = await hashPassword('same-password-123');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toContain('same-password-123');
  });

  it('fails closed on malformed or tampered hashes', async () => {
    const hash = await hashPassword('some-password-xyz');
    const parts = hash.split('$');
    expect(await verifyPassword('some-password-xyz', 'plain-text')).toBe(false);
    expect(await verifyPassword('some-password-xyz', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(false);
    // Absurd cost parameters from a tampered row are refused rather than computed.
    expect(await verifyPassword('some-password-xyz', ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'))).toBe(false);
  });
});
