// Console sessions. The browser holds a random token in an HttpOnly cookie; the store keeps only
// its sha256, so a leaked database cannot be replayed as a login. Each session carries its own
// CSRF token (synchronizer pattern).
import { createHash, randomBytes } from 'node:crypto';
import type { Session, Store, User } from '../../store/index.ts';

export const SESSION_COOKIE = 'ms_session';
/** One duty shift (8 h); after that the officer logs in again. */
export const SESSION_LIFETIME_MS = 8 * 3600_000;

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
  path?: string;
}

/** The Set-Cookie value: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${o.path ?? '/'}`, 'HttpOnly', 'SameSite=Strict'];
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`);
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** Behind a TLS-terminating proxy the request URL is http; trust X-Forwarded-Proto only for that. */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export async function createSession(store: Store, user: User, now: Date): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const session: Session = {
    idHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  };
  await store.sessions.create(session);
  return { token, session };
}

/** The live session and its (enabled) user for a cookie token, or null. Expired sessions are removed. */
export async function resolveSession(store: Store, token: string | null, now: Date): Promise<{ session: Session; user: User } | null> {
  if (!token || token.length > 200) return null;
  const idHash = hashToken(token);
  const session = await store.sessions.get(idHash);
  if (!session) return null;
  if (new Date(session.expiresAt) <= now) {
    await store.sessions.delete(idHash);
    return null;
  }
  const user = await store.users.byId(session.userId);
  if (!user || user.disabled) return null;
  return { session, user };
}
