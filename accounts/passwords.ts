// Console passwords: scrypt (node:crypto) with a random salt per user. The stored string carries
// its own parameters, so they can be raised later: a hash made with weaker ones verifies and is
// reported as needing a rehash, which the login does with the password it just checked.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
/** OWASP's current scrypt recommendation (N = 2^17, r = 8, p = 1): 128 MiB and ~0.2 s per check. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Memory scrypt needs is 128·N·r bytes; allow twice that so large N does not fail. */
const maxmemFor = (N: number, r: number) => 256 * N * r + 1024 * 1024;

/**
 * At most this many scrypt runs at once, and this many waiting. scrypt runs on libuv's thread
 * pool, which static file reads share: a login flood must not starve the public site, so the
 * excess is refused at once (PasswordBusyError → 429) instead of queueing without bound.
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE = 8;

export class PasswordBusyError extends Error {
  constructor() {
    super('登录请求过多，请稍后再试');
    this.name = 'PasswordBusyError';
  }
}

let active = 0;
const waiting: (() => void)[] = [];

/** True when a further password check would be refused: lets the web layer answer 429 before parsing anything. */
export const hashSlotsFull = () => active >= HASH_CONCURRENCY && waiting.length >= HASH_QUEUE;

/** Runs one password computation under the process-wide bound, or throws PasswordBusyError. */
export async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE) throw new PasswordBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else active++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter, so `active` never drops below the queue's needs.
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/** Returns `scrypt$N$r$p$salt$hash` (salt and hash in base64url). */
export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = params;
  const key = await withHashSlot(() => scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmemFor(N, r) }));
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with weaker parameters than today's: store a new one. */
  needsRehash: boolean;
}

/** Constant-time check; a malformed stored hash simply fails to verify. Throws PasswordBusyError when saturated. */
export async function checkPassword(password: string, stored: string): Promise<PasswordCheck> {
  const fail = { ok: false, needsRehash: false };
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return fail;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Refuse absurd parameters from a tampered row rather than burning CPU or memory on them.
  if (![N, r, p].every(Number.isInteger) || N < 2 ** 10 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return fail;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || expected.length < 16) return fail;
  // Over-long input is refused before hashing (MAX_PASSWORD_LENGTH); this guards direct callers.
  if (password.length > 4 * MAX_PASSWORD_LENGTH) return fail;
  const actual = await withHashSlot(() => scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmemFor(N, r) }));
  const ok = timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && (N < SCRYPT_PARAMS.N || r < SCRYPT_PARAMS.r || p < SCRYPT_PARAMS.p) };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}

// ---- Password policy (NIST SP 800-63B / OWASP ASVS 2.1): length, not blank, not a known-common one.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Passwords attackers try first, written down for this project (no list copied): keyboard walks,
 * counting, "password"/"admin" with digits, and the Chinese favourites (woaini, 5201314, pinyin).
 * Compared after lower-casing; the rules below catch the variants (repeats, sequences).
 */
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwer1234qwer',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  '1qaz@wsx3edc',
  'qazwsxedcrfv',
  'zxcvbnm12345',
  'asdfghjkl123',
  'abc123456789',
  'abcd12345678',
  'a123456789012',
  'aa1234567890',
  'qq1234567890',
  'iloveyou1234',
  'admin1234567',
  'admin123456789',
  'administrator',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'woaini131452',
  'woaini1314520',
  'woaini5201314',
  '5201314520131',
  '1314520520',
  'woshishui123',
  'zhangwei1234',
  'wangwei12345',
  'renshe123456',
  'rensheju1234',
  'minsheng1234',
  'minsheng123456',
  'dazhou123456',
  'sichuan12345',
  'huawei123456',
  'xiaomi123456',
  'baidu1234567',
  'tencent12345',
  'qazwsx123456',
  'asd123456789',
  'zaq12wsxcde3',
  '147258369147',
  '123123123123',
  '112233445566',
  '000000000000',
  '111111111111',
  '123456789012',
  '1234567890123',
  '12345678910',
  '098765432109',
  '123456654321',
  '147258369abc',
  'pass12345678',
  'test12345678',
  'guest1234567',
  'root12345678',
  'user12345678',
  'china1234567',
]);

/** Why a password is refused (in Chinese, for the person choosing it), or null when it is acceptable. */
export function passwordProblem(password: string, name?: string): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `密码太短：至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  if (!password.trim()) return '密码不能全是空格';
  const lower = password.toLowerCase();
  if (new Set(chars).size < 4) return '密码太简单：不同的字符至少要有 4 个';
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[^a-z0-9]/g, ''))) return '这是常见密码，很容易被猜到，请换一个';
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = codes.slice(1).map((c, i) => c - codes[i]!);
  if (steps.every((d) => d === steps[0]) && Math.abs(steps[0]!) <= 1) return '密码太简单：不能是连续或重复的字符';
  if (name && name.length >= 3 && lower.includes(name.toLowerCase())) return '密码不能包含用户名';
  return null;
}
