// The cluster tick: a job several processes on one store would each run (index → analyze and
// alert → index; the daily digest) runs once per tick across all of them. A tick is named by a time
// (ISO; later is later); the first process to compare-and-set the job's row for a tick does it, the
// others skip it. The holder renews its claim while it works; a holder that died (kill -9, a lost
// machine) stops renewing and its claim lapses, so a later caller can take the tick over. The rules
// are pure functions of the row and the time; the store (store/cluster-ticks.ts) only keeps the
// row, and runOncePerTick below is the small loop that applies them.
import type { ClusterTick, ClusterTickRepo } from '../store/cluster-ticks.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A claim lasts this long without renewal: longer than a stalled event loop, short enough to retake. */
export const DEFAULT_HOLD_MS = 10 * 60_000;

/** The tick of a job run every `periodMs`, as every process computes it from its own clock. */
export function tickOf(nowMs: number, periodMs: number): string {
  return iso(Math.floor(nowMs / periodMs) * periodMs);
}

export type TickStep =
  | { claim: Omit<ClusterTick, 'version'>; expectedVersion: number }
  /** done: this tick (or a later one) is done; busy: another live holder is at it (or at an earlier tick still). */
  | { skip: 'done' | 'busy'; by: string | null };

const live = (row: ClusterTick, nowMs: number) => row.holder !== null && row.heldUntil !== null && Date.parse(row.heldUntil) > nowMs;

/**
 * Whether `holder` may do `tick` of job `name` now. A tick is done at most once: never when the row
 * is at a later tick or has finished this one, never while someone's claim is live (an earlier tick
 * still running is not overlapped: its work covers what this tick would do, and the next tick
 * catches up). A claim that lapsed without being finished is taken over.
 */
export function claimTick(row: ClusterTick | null, name: string, tick: string, holder: string, nowMs: number, holdMs: number): TickStep {
  const claim = { name, tick, holder, heldUntil: iso(nowMs + holdMs), doneAt: null };
  if (!row) return { claim, expectedVersion: 0 };
  if (row.tick > tick || (row.tick === tick && row.doneAt !== null)) return { skip: 'done', by: row.holder };
  if (live(row, nowMs)) return { skip: 'busy', by: row.holder };
  return { claim, expectedVersion: row.version };
}

/** Extending our claim; null when it is no longer ours (it lapsed and another process took the tick). */
export function renewTick(row: ClusterTick | null, tick: string, holder: string, nowMs: number, holdMs: number): Omit<ClusterTick, 'version'> | null {
  if (!row || row.tick !== tick || row.holder !== holder || row.doneAt !== null) return null;
  return { ...withoutVersion(row), heldUntil: iso(nowMs + holdMs) };
}

/** Marking our tick done (also when the work failed: the next tick tries again, this one is not redone). */
export function finishTick(row: ClusterTick | null, tick: string, holder: string, nowMs: number): Omit<ClusterTick, 'version'> | null {
  if (!row || row.tick !== tick || row.holder !== holder || row.doneAt !== null) return null;
  return { ...withoutVersion(row), heldUntil: null, doneAt: iso(nowMs) };
}

function withoutVersion(row: ClusterTick): Omit<ClusterTick, 'version'> {
  return { name: row.name, tick: row.tick, holder: row.holder, heldUntil: row.heldUntil, doneAt: row.doneAt };
}

export interface TickOptions {
  clock?: () => number;
  holdMs?: number;
  /** Told when a renewal finds the claim lost (the work goes on; it is idempotent, only not exclusive any more). */
  log?: (line: string) => void;
}

export type TickOutcome<T> = { ran: true; result: T } | { ran: false; skip: 'done' | 'busy'; by: string | null };

/**
 * Does `work` for `tick` of job `name` if this process wins the tick, renewing the claim while it
 * runs and marking the tick done afterwards (also when the work throws, which is rethrown).
 */
export async function runOncePerTick<T>(
  repo: ClusterTickRepo,
  name: string,
  tick: string,
  holder: string,
  work: () => Promise<T>,
  options: TickOptions = {},
): Promise<TickOutcome<T>> {
  const clock = options.clock ?? Date.now;
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
  for (;;) {
    const row = await repo.get(name);
    const step = claimTick(row, name, tick, holder, clock(), holdMs);
    if ('skip' in step) return { ran: false, skip: step.skip, by: step.by };
    if (await repo.cas(step.claim, step.expectedVersion)) break;
    // Another process changed the row between our read and write: read it again and decide again.
  }
  const write = async (next: (row: ClusterTick | null) => Omit<ClusterTick, 'version'> | null): Promise<boolean> => {
    for (;;) {
      const row = await repo.get(name);
      const changed = next(row);
      if (!changed) return false;
      if (await repo.cas(changed, row!.version)) return true;
    }
  };
  let renewing = Promise.resolve();
  const renewal = setInterval(
    () => {
      renewing = renewing
        .then(() => write((row) => renewTick(row, tick, holder, clock(), holdMs)))
        .then((ok) => void (ok || options.log?.(`${name}：本进程对 ${tick} 这一轮的占用已失效（续期太晚，别的进程可能接手）`)))
        .catch((err: Error) => options.log?.(`${name}：续期失败：${err.message}`));
    },
    Math.max(1, Math.floor(holdMs / 3)),
  );
  try {
    return { ran: true, result: await work() };
  } finally {
    clearInterval(renewal);
    await renewing;
    await write((row) => finishTick(row, tick, holder, clock()));
  }
}
