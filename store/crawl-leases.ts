// Persistence for several crawl workers sharing one store: leases on queued requests, crawl
// rounds per source and the per-host politeness slot. The rules (what to lease next, when a lease
// expires, when a host may be asked again, when a round starts) are pure functions in
// crawler/leases.ts; this repo only keeps the rows and makes each change atomic (one transaction,
// compare-and-set), so any number of worker processes may call it at the same moment.
//
// Times are ISO 8601 strings from the caller's clock: the store never reads the clock itself.
import type { CrawlRequest, NewCrawlRequest } from './crawl-state.ts';

export interface LeasedRequest extends CrawlRequest {
  leaseOwner: string | null;
  leaseUntil: string | null;
}

export interface CrawlRound {
  sourceId: string;
  /** 1 for the first round; each new round adds one. */
  round: number;
  startedAt: string;
  startedBy: string;
  /** Null while the round is running. */
  finishedAt: string | null;
}

export interface HostSlot {
  host: string;
  /** No request to the host may start before this time. */
  nextAllowedAt: string;
  /** The worker with a request in flight to the host, while busyUntil is in the future. */
  holder: string | null;
  busyUntil: string | null;
  /** Bumped by every change: the compare-and-set token. */
  version: number;
}

/**
 * One worker's share of one crawl round of a source, running totals (source health counts a round
 * as one run, spread over workers). `tally` is the crawler's RunTally as JSON: the store only keeps it.
 */
export interface RoundWork {
  sourceId: string;
  round: number;
  worker: string;
  pagesFetched: number;
  newPosts: number;
  tally: string;
  updatedAt: string;
}

export interface CrawlLeaseRepo {
  /**
   * The oldest request of each source that may be leased at `now` (pending, back-off passed, no
   * live lease), at most one per source.
   */
  heads(sourceIds: string[], now: string): Promise<LeasedRequest[]>;
  /**
   * Atomically leases up to `limit` of the source's oldest leasable requests to `owner` until
   * `until`; never hands a request with a live lease to anyone. Returns what this call got.
   */
  lease(sourceId: string, owner: string, now: string, until: string, limit: number): Promise<LeasedRequest[]>;
  /** Extends every pending request `owner` holds; returns how many. */
  renew(owner: string, until: string): Promise<number>;
  /** Ends `owner`'s lease on the request (after it was done, failed or deferred). */
  release(sourceId: string, url: string, owner: string): Promise<void>;
  /** Ends every lease `owner` holds (a worker stopping cleanly); returns how many. */
  releaseAll(owner: string): Promise<number>;
  /** Requests of the source that are pending and leased by someone at `now`. */
  leased(sourceId: string, now: string): Promise<number>;

  round(sourceId: string): Promise<CrawlRound | null>;
  /**
   * Starts round `expected + 1` (`expected` 0 when the source has no round yet) and queues its start
   * request, in one transaction; false, changing nothing, when another worker changed the round first.
   */
  startRound(sourceId: string, expected: number, start: NewCrawlRequest, owner: string, now: string): Promise<boolean>;
  /**
   * Marks the round finished if nothing of the source is pending with its back-off passed (leased
   * or not) and no request of it is still leased at `now` (a worker holds a page it has marked done
   * until it has noted the page's work: see noteRoundWork); false when something still is, or the
   * round is not the current unfinished one.
   */
  finishRoundIfIdle(sourceId: string, round: number, now: string): Promise<boolean>;
  /** Writes the worker's running totals for the round (each worker writes only its own row). */
  noteRoundWork(work: RoundWork): Promise<void>;
  /** Every worker's totals for the round (in no particular order). */
  roundWork(sourceId: string, round: number): Promise<RoundWork[]>;

  host(host: string): Promise<HostSlot | null>;
  /** The slots of the hosts that have one (in no particular order). */
  hosts(hosts: string[]): Promise<HostSlot[]>;
  /**
   * Writes the host's slot if its version is still `expectedVersion` (0: the host has no row yet);
   * the stored version becomes expectedVersion + 1. False, changing nothing, when another worker won.
   */
  casHost(slot: Omit<HostSlot, 'version'>, expectedVersion: number): Promise<boolean>;
}
