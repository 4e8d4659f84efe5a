// The queue rules several crawl workers follow, as pure functions of what the store holds and the
// time: which page to lease next, when a lease expires, when a host may be asked again, and when a
// source's crawl round starts or ends. The store (store/crawl-leases.ts) only persists the rows
// and applies each decision atomically (compare-and-set), so the rules are the same whichever
// database holds them.
import type { CrawlRound, HostSlot, LeasedRequest } from '../store/crawl-leases.ts';

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A leased page stays this worker's until then; the worker renews it well before. */
export function leaseUntil(nowMs: number, leaseMs: number): string {
  return iso(nowMs + leaseMs);
}

/** Renewing three times per lease period leaves two chances to a late timer before a lease lapses. */
export function renewEveryMs(leaseMs: number): number {
  return Math.max(1, Math.floor(leaseMs / 3));
}

/**
 * How long a worker may hold a host for one request: the transport gives up after `timeoutMs`, so
 * twice that plus a few seconds covers a stalled event loop. It only matters when the worker died
 * mid-request: then the host is free again once this has passed.
 */
export function hostHoldMs(timeoutMs: number): number {
  return 2 * timeoutMs + 5_000;
}

/** Minimum spacing of requests to a host: the source's rate limit or robots.txt Crawl-delay, the stricter. */
export function hostIntervalMs(perSecond: number, crawlDelayMs: number | null): number {
  return Math.max(Number.isFinite(perSecond) && perSecond > 0 ? 1000 / perSecond : 0, crawlDelayMs ?? 0);
}

export type RoundStep =
  /** Start round `expected + 1` (compare-and-set on `expected`; 0 = the source has no round yet). */
  | { action: 'start'; expected: number }
  /** A round is running: work on it. */
  | { action: 'join'; round: number }
  /** A round that started at or after `dueAt` has already finished: nothing to do. */
  | { action: 'done'; round: number };

/**
 * What a worker does about a source that is due at `dueAt` (`--once`: when the worker started; on a
 * schedule: the tick's time). Workers started together all see the first one's round running and
 * join it, so the start page is read once per round, not once per worker.
 */
export function roundStep(round: CrawlRound | null, dueAt: string): RoundStep {
  if (!round) return { action: 'start', expected: 0 };
  if (round.finishedAt === null) return { action: 'join', round: round.round };
  if (round.startedAt < dueAt) return { action: 'start', expected: round.round };
  return { action: 'done', round: round.round };
}

/** Whether the round a worker is waiting for (`target`) is over. */
export function roundOver(round: CrawlRound | null, target: number): boolean {
  if (!round) return false;
  return round.round > target || (round.round === target && round.finishedAt !== null);
}

const busyBySomeone = (slot: HostSlot | null | undefined, nowMs: number) =>
  !!slot && slot.holder !== null && slot.busyUntil !== null && Date.parse(slot.busyUntil) > nowMs;

/** The earliest time a request to the host could start, as far as the slot says. */
export function hostReadyAt(slot: HostSlot | null | undefined, nowMs: number): number {
  if (!slot) return nowMs;
  const next = Date.parse(slot.nextAllowedAt);
  return Math.max(nowMs, next, busyBySomeone(slot, nowMs) ? Date.parse(slot.busyUntil!) : 0);
}

export type HostStep =
  | { grant: Omit<HostSlot, 'version'>; expectedVersion: number }
  /** Ask again after this long (the host is busy or its next allowed time has not come). */
  | { waitMs: number };

/**
 * Taking a host for one request. A host has at most one request in flight across all workers, and
 * the next may start only `interval` after the previous one ended (set on release), so the gaps
 * the server sees between requests are never shorter than the interval, however late a worker
 * sends. While someone else holds the host we look again every `pollMs`.
 */
export function takeHost(slot: HostSlot | null, host: string, token: string, nowMs: number, holdMs: number, pollMs: number): HostStep {
  if (busyBySomeone(slot, nowMs)) return { waitMs: Math.max(1, Math.min(pollMs, Date.parse(slot!.busyUntil!) - nowMs)) };
  const next = slot ? Date.parse(slot.nextAllowedAt) : 0;
  if (next > nowMs) return { waitMs: next - nowMs };
  return {
    grant: { host, nextAllowedAt: slot?.nextAllowedAt ?? iso(nowMs), holder: token, busyUntil: iso(nowMs + holdMs) },
    expectedVersion: slot?.version ?? 0,
  };
}

/**
 * Giving the host back after the request ended at `nowMs`: the next request waits `intervalMs`
 * from now, or until `notBeforeMs` (a server's Retry-After) when that is later. Null when the slot
 * is no longer ours (our hold expired and another worker took it): then we change nothing.
 */
export function releaseHost(
  slot: HostSlot | null,
  token: string,
  nowMs: number,
  intervalMs: number,
  notBeforeMs: number | null = null,
): Omit<HostSlot, 'version'> | null {
  if (!slot || slot.holder !== token) return null;
  const next = Math.max(Date.parse(slot.nextAllowedAt), nowMs + intervalMs, notBeforeMs ?? 0);
  return { host: slot.host, nextAllowedAt: iso(next), holder: null, busyUntil: null };
}

export interface Head {
  request: LeasedRequest;
  host: string;
}

/**
 * Which source's oldest page to lease next: never one for a host this worker is already fetching
 * from (it would only wait for itself) or another worker has a request in flight to (the page
 * would sit leased while we wait, and the waiting workers would only race each other); among the
 * rest the host that is ready soonest, then the order given (the caller rotates it so no source
 * starves). Null when every head's host is busy.
 */
export function pickHead(heads: Head[], slots: ReadonlyMap<string, HostSlot | null>, busyHere: ReadonlySet<string>, nowMs: number): Head | null {
  let best: Head | null = null;
  let bestAt = Infinity;
  for (const head of heads) {
    if (busyHere.has(head.host) || busyBySomeone(slots.get(head.host), nowMs)) continue;
    const at = hostReadyAt(slots.get(head.host), nowMs);
    if (at < bestAt) ((best = head), (bestAt = at));
  }
  return best;
}

/** The host a queued request will be fetched from (API pages carry `#page=N`, which URL ignores). */
export function hostOf(url: string): string {
  return new URL(url).host;
}
