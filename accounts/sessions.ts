// Console session policy: how a login becomes a session and when a session stops being valid.
// The browser holds a random token; the store keeps only its sha256, so a leaked database cannot
// be replayed as a login. Each session carries its own CSRF token (synchronizer pattern).
// Cookies and HTTP are the web layer's business (site/server/sessions.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { Session, Store, User } from '../store/index.ts';

/** One duty shift (8 h) at most; after that the officer logs in again. */
export const SESSION_LIFETIME_MS = 8 * 3600_000;
/** Idle for this long (no request) ends the session: a console left open on a shared PC. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Live sessions per user; logging in on a further device ends the oldest. */
export const MAX_SESSIONS_PER_USER = 5;
/** lastSeenAt is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Starts a session for a user who just proved who they are. `replacing` is the token the browser
 * presented with the login, if any: it is ended (rotation), so a token fixed or stolen before the
 * login is worth nothing after it.
 */
export async function createSession(store: Store, user: User, now: Date, replacing?: string | null): Promise<{ token: string; session: Session }> {
  if (replacing && replacing.length <= 200) await store.sessions.delete(hashToken(replacing));
  const token = newToken();
  const session: Session = {
    idHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    lastSeenAt: now.toISOString(),
  };
  await store.sessions.create(session);
  await store.sessions.trimForUser(user.id, MAX_SESSIONS_PER_USER);
  return { token, session };
}

/** The live session and its (enabled) user for a cookie token, or null. Expired or idle sessions are removed. */
export async function resolveSession(store: Store, token: string | null, now: Date): Promise<{ session: Session; user: User } | null> {
  if (!token || token.length > 200) return null;
  const idHash = hashToken(token);
  const session = await store.sessions.get(idHash);
  if (!session) return null;
  const idleSince = new Date(session.lastSeenAt).getTime();
  if (new Date(session.expiresAt) <= now || now.getTime() - idleSince >= SESSION_IDLE_MS) {
    await store.sessions.delete(idHash);
    return null;
  }
  const user = await store.users.byId(session.userId);
  if (!user || user.disabled) return null;
  if (now.getTime() - idleSince >= TOUCH_EVERY_MS) {
    await store.sessions.touch(idHash, now.toISOString());
    session.lastSeenAt = now.toISOString();
  }
  return { session, user };
}
