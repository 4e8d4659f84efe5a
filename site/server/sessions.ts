// Session cookies. The session policy (tokens, lifetime, idle timeout, rotation) is in
// accounts/sessions.ts; this is how it travels over HTTP.
import { serverEnv } from './env.ts';

export { createSession, resolveSession, SESSION_IDLE_MS, SESSION_LIFETIME_MS, newToken, hashToken } from '../../accounts/sessions.ts';

/**
 * HTTPS is a deployment fact, set by configuration (MINSHENG_HTTPS=1 behind a TLS proxy), never
 * read from a client-sent X-Forwarded-Proto; a request that reached us over TLS counts too.
 */
export function isHttps(request: Request, configured: boolean = serverEnv().https): boolean {
  return configured || new URL(request.url).protocol === 'https:';
}

/**
 * Cookie names. Over HTTPS they carry the `__Host-` prefix: the browser then accepts them only
 * with Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite them.
 */
export const sessionCookie = (secure: boolean) => (secure ? '__Host-ms_session' : 'ms_session');
export const loginCsrfCookie = (secure: boolean) => (secure ? '__Host-ms_login_csrf' : 'ms_login_csrf');
/** The plain name, for tests and code that only reads over HTTP. */
export const SESSION_COOKIE = sessionCookie(false);

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
  path?: string;
}

/** The Set-Cookie value: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  // __Host- cookies must be Path=/ (browsers drop them otherwise).
  const path = name.startsWith('__Host-') ? '/' : (o.path ?? '/');
  const parts = [`${name}=${value}`, `Path=${path}`, 'HttpOnly', 'SameSite=Strict'];
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
