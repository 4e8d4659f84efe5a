// Login throttling: after repeated failures for one name from one address, refuse further tries
// for a while, so passwords cannot be guessed at speed. Kept in memory: a restart clears it,
// which is acceptable for a single console process.
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  private key(name: string, ip: string) {
    return `${name.trim().toLowerCase()}\u0000${ip}`;
  }

  /** Milliseconds until the name+address may try again; 0 when not locked. */
  lockedFor(name: string, ip: string, now: number): number {
    const e = this.entries.get(this.key(name, ip));
    return e && e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  /** Records a failure; returns true when this failure locked the name+address. */
  fail(name: string, ip: string, now: number): boolean {
    const key = this.key(name, ip);
    const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    e.failures = e.failures.filter((t) => now - t < this.options.windowMs);
    e.failures.push(now);
    let locked = false;
    if (e.failures.length >= this.options.maxFailures) {
      e.lockedUntil = now + this.options.lockMs;
      e.failures = [];
      locked = true;
    }
    this.entries.set(key, e);
    this.prune(now);
    return locked;
  }

  succeed(name: string, ip: string): void {
    this.entries.delete(this.key(name, ip));
  }

  /** Bounded memory: forget entries with no recent failures and no lock. */
  private prune(now: number) {
    if (this.entries.size < 10_000) return;
    for (const [k, e] of this.entries) {
      if (e.lockedUntil <= now && e.failures.every((t) => now - t >= this.options.windowMs)) this.entries.delete(k);
    }
  }
}
