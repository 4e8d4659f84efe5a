// Cross-site request forgery defences for the console and API: every state-changing request must
// come from our own origin and carry the session's synchronizer token.
import { timingSafeEqual } from 'node:crypto';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const isStateChanging = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Same-origin check: the Origin header (every browser sends it on POST), or failing that the
 * Referer, must name this site. `expectedOrigins` is the request's own origin plus its https form
 * when a proxy terminates TLS.
 */
export function originAllowed(headers: Headers, expectedOrigins: string[]): boolean {
  const origin = headers.get('origin');
  if (origin) return expectedOrigins.includes(origin);
  const referer = headers.get('referer');
  if (!referer) return false;
  try {
    return expectedOrigins.includes(new URL(referer).origin);
  } catch {
    return false;
  }
}

export function expectedOrigins(request: Request): string[] {
  const url = new URL(request.url);
  const origins = [url.origin];
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (host) {
    origins.push(`${url.protocol}//${host}`);
    if (proto) origins.push(`${proto}://${host}`);
  }
  return [...new Set(origins)];
}

/** The token a request carries: the X-CSRF-Token header, or the `_csrf` field of a form body. */
export async function submittedToken(request: Request): Promise<string | null> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    try {
      const value = (await request.clone().formData()).get(CSRF_FIELD);
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  }
  return null;
}
