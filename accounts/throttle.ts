// Login throttling policy. Every attempt is reserved in the store BEFORE the password is checked
// (so a burst of parallel guesses cannot all pass the check) against three limits:
//   - name + address: 5 tries per 15 min, then 15 min locked (someone mistyping, or one guesser);
//   - name, from anywhere: 20 tries per 15 min (a guesser spreading over many addresses);
//   - address, any name: 100 tries per 15 min (one address spraying names; bounds the audit log).
// A successful login gives its own reservation back and clears its name + address count. The
// state is in the store, so a restart does not lift a lock and two servers count together.
import type { Store } from '../store/index.ts';

export interface ThrottleOptions {
  perNameAndAddress: number;
  perName: number;
  perAddress: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { perNameAndAddress: 5, perName: 20, perAddress: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const norm = (name: string) => name.trim().toLowerCase();

export const throttleKeys = (name: string, ip: string | null) => {
  const where = ip ?? 'unknown';
  return { nameAndAddress: `na:${norm(name)}\u0000${where}`, name: `n:${norm(name)}`, address: `a:${where}` };
};

/** How a reserved attempt ended: 'untried' when the password was never checked (server busy). */
export type AttemptOutcome = 'success' | 'failure' | 'untried';

export type Reservation =
  | { ok: true; settle(outcome: AttemptOutcome): Promise<void> }
  | { ok: false; lockedUntil: Date; newlyLocked: boolean; scope: 'nameAndAddress' | 'name' | 'address' };

export async function reserveAttempt(store: Store, name: string, ip: string | null, now: Date, o: ThrottleOptions = DEFAULT_THROTTLE): Promise<Reservation> {
  const keys = throttleKeys(name, ip);
  const limits = [
    { key: keys.nameAndAddress, limit: o.perNameAndAddress },
    { key: keys.name, limit: o.perName },
    { key: keys.address, limit: o.perAddress },
  ];
  const r = await store.loginThrottle.reserve(limits, {
    now: now.toISOString(),
    windowStart: new Date(now.getTime() - o.windowMs).toISOString(),
    lockUntil: new Date(now.getTime() + o.lockMs).toISOString(),
  });
  if (!r.ok) {
    const scope = r.key === keys.nameAndAddress ? 'nameAndAddress' : r.key === keys.name ? 'name' : 'address';
    return { ok: false, lockedUntil: new Date(r.lockedUntil), newlyLocked: r.newlyLocked, scope };
  }
  return {
    ok: true,
    async settle(outcome) {
      if (outcome === 'failure') return; // a failure keeps its reservation: it is the counted failure
      await store.loginThrottle.release(r.ids);
      if (outcome === 'success') await store.loginThrottle.clear(keys.nameAndAddress);
    },
  };
}
