// Persistence for the cluster tick: one row per scheduled job ("analyze", "digest") that several
// processes (crawl workers, watch, run) on one store would otherwise each run. The rules (who may
// claim a tick, when a claim lapses) are pure functions in shared/cluster-tick.ts; this repo only
// keeps the row and writes it by compare-and-set, so any number of processes may call it at once.
//
// Times are ISO 8601 strings from the caller's clock: the store never reads the clock itself.

export interface ClusterTick {
  /** The job. */
  name: string;
  /** The tick the job is at (an ISO time: ticks of later times are later ticks). */
  tick: string;
  /** The process doing the tick, while heldUntil is in the future. */
  holder: string | null;
  heldUntil: string | null;
  /** When the tick was done (null while it runs or after its holder died). */
  doneAt: string | null;
  /** Bumped by every change: the compare-and-set token. */
  version: number;
}

export interface ClusterTickRepo {
  get(name: string): Promise<ClusterTick | null>;
  /**
   * Writes the job's row if its version is still `expectedVersion` (0: the job has no row yet); the
   * stored version becomes expectedVersion + 1. False, changing nothing, when another process won.
   */
  cas(tick: Omit<ClusterTick, 'version'>, expectedVersion: number): Promise<boolean>;
}
