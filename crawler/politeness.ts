// Per-host politeness: at most `concurrency` requests in flight to one host, and request starts
// spaced by at least `intervalMs`. A 429/503 with Retry-After pushes the whole host back, not
// just the one URL, because the server is telling us about itself.
import { AbortedError } from './http.ts';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(new AbortedError()) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HostGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private nextStartAt = 0;

  constructor(
    private intervalMs: number,
    private readonly concurrency: number,
  ) {}

  /** Sources sharing a host share its gate; the strictest interval wins. */
  tighten(intervalMs: number): void {
    this.intervalMs = Math.max(this.intervalMs, intervalMs);
  }

  /** Nothing may start before `atMs` (Retry-After). */
  pushBack(atMs: number): void {
    this.nextStartAt = Math.max(this.nextStartAt, atMs);
  }

  /** Waits for a slot and for the host's interval; returns the release function. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new AbortedError());
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else {
      this.active++;
    }
    try {
      // Reserve the start time before sleeping so concurrent callers queue behind each other.
      const now = Date.now();
      const startAt = Math.max(now, this.nextStartAt);
      this.nextStartAt = startAt + this.intervalMs;
      await sleep(startAt - now, signal);
    } catch (err) {
      this.release();
      throw err;
    }
    let released = false;
    return () => {
      if (!released) ((released = true), this.release());
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.active--;
  }
}

export { backoffDelay } from '../shared/retry.ts';

/** Retry-After as seconds or an HTTP date; milliseconds from now, or null when absent/unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
