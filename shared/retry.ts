// One retry loop with exponential back-off for everything that talks to the network (crawler
// requests, notification pushes): which errors are worth another try, how long to wait, and what
// to report are the caller's; counting tries and waiting are here.

/** Exponential back-off with full-range jitter (0.5×–1.5×), capped. `attempt` counts retries from 0. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(Math.min(maxMs, exp * (0.5 + random())));
}

export interface RetryOptions {
  /** Tries in all, including the first (at least 1). */
  attempts: number;
  /** Whether this error is worth another try (default: every error). */
  retryable?: (err: unknown) => boolean;
  /** How long to wait after failed try number `attempt` (from 1); may throw to give up at once. */
  delayMs: (attempt: number, err: unknown) => number;
  /** Told before each wait. */
  onRetry?: (err: unknown, delayMs: number, attempt: number) => void;
  /** Waits; the default is a plain timer. A caller with an AbortSignal passes one that stops early. */
  sleep?: (ms: number) => Promise<void>;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `run` until it succeeds, an error is not retryable, or the tries are used up (the last error is thrown). */
export async function retry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts));
  const sleep = options.sleep ?? timer;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      if (attempt >= attempts || (options.retryable && !options.retryable(err))) throw err;
      const delay = options.delayMs(attempt, err);
      options.onRetry?.(err, delay, attempt);
      await sleep(delay);
    }
  }
}
