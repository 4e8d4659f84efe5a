// Per-host politeness shared by every worker on one store: before each request the fetcher takes
// the host's slot in the store (crawler/leases.ts decides, the store compare-and-sets), and gives
// it back when the response has been read. One host's rate limit is therefore the cluster's, not
// each worker's.
import type { CrawlLeaseRepo, HostSlot } from '../store/crawl-leases.ts';
import { hostHoldMs, releaseHost, takeHost } from './leases.ts';
import { sleep } from './politeness.ts';
import { AbortedError } from './http.ts';

/** What the fetcher needs from a gate that lives outside the process. */
export interface HostSlots {
  /** Waits until this process may send one request to `host`; the returned function ends it. */
  acquire(host: string, intervalMs: number, signal?: AbortSignal): Promise<(notBeforeMs?: number | null) => Promise<void>>;
}

/** How often a worker looks again at a host another worker is using. */
const BUSY_POLL_MS = 20;

export class SharedHostGate implements HostSlots {
  private seq = 0;
  /** Sources sharing a host share its gate; the strictest interval this process has seen wins. */
  private readonly intervals = new Map<string, number>();
  private readonly holdMs: number;

  constructor(
    private readonly repo: CrawlLeaseRepo,
    private readonly owner: string,
    timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.holdMs = hostHoldMs(timeoutMs);
  }

  async acquire(host: string, intervalMs: number, signal?: AbortSignal) {
    const interval = Math.max(intervalMs, this.intervals.get(host) ?? 0);
    this.intervals.set(host, interval);
    const token = `${this.owner}#${++this.seq}`;
    let held: HostSlot;
    for (;;) {
      if (signal?.aborted) throw new AbortedError();
      const slot = await this.repo.host(host);
      const step = takeHost(slot, host, token, this.now(), this.holdMs, BUSY_POLL_MS);
      if ('waitMs' in step) {
        await sleep(step.waitMs, signal);
        continue;
      }
      if (await this.repo.casHost(step.grant, step.expectedVersion)) {
        held = { ...step.grant, version: step.expectedVersion + 1 };
        break;
      }
    }
    let released = false;
    return async (notBeforeMs: number | null = null) => {
      if (released) return;
      released = true;
      // Nobody else writes the slot while we hold it, so the row is still the one we wrote and one
      // compare-and-set gives it back; reading it again is only needed when our hold expired
      // meanwhile (then releaseHost says it is no longer ours).
      let slot: HostSlot | null = held;
      for (;;) {
        const write = releaseHost(slot, token, this.now(), interval, notBeforeMs);
        if (!write || (await this.repo.casHost(write, slot!.version))) return;
        slot = await this.repo.host(host);
      }
    };
  }
}
