// Ends the session (POST with CSRF token, checked by the middleware) and clears the cookie.
import type { APIRoute } from 'astro';
import { audit } from '../../server/audit.ts';
import { redirect } from '../../server/respond.ts';
import { isHttps, serializeCookie, sessionCookie } from '../../server/sessions.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, request }) => {
  const { store, session, user } = locals;
  if (store && session) {
    await store.sessions.delete(session.idHash);
    await audit({ store, actor: user?.name ?? null, ip: locals.ip ?? null }, 'logout', user?.name ?? null);
  }
  return redirect('/console/login', [['Set-Cookie', serializeCookie(sessionCookie(isHttps(request)), '', { secure: isHttps(request), maxAgeSeconds: 0 })]]);
};
