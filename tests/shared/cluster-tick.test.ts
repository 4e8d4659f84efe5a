// The cluster tick's rules (shared/cluster-tick.ts) as pure functions, and the renewal that keeps a
// long job's claim alive, on a fake clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimTick, finishTick, renewTick, runOncePerTick, tickOf } from '../../shared/cluster-tick.ts';
import { openStore } from '../../store/index.ts';
import type { ClusterTick } from '../../store/cluster-ticks.ts';

const T0 = Date.parse('2026-12-06T02:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const row = (over: Partial<ClusterTick>): ClusterTick => ({ name: 'job', tick: at(0), holder: 'a', heldUntil: at(60_000), doneAt: null, version: 3, ...over });

afterEach(() => void vi.useRealTimers());

describe('cluster tick rules', () => {
  it('names a tick by the start of its period, the same in every process', () => {
    expect(tickOf(T0 + 299_999, 300_000)).toBe(at(0));
    expect(tickOf(T0 + 300_000, 300_000)).toBe(at(300_000));
  });

  it('claims a new job, a lapsed claim and the next tick after a done one; skips the rest', () => {
    expect(claimTick(null, 'job', at(0), 'b', T0, 1_000)).toEqual({
      claim: { name: 'job', tick: at(0), holder: 'b', heldUntil: at(1_000), doneAt: null },
      expectedVersion: 0,
    });
    expect(claimTick(row({}), 'job', at(0), 'b', T0 + 59_999, 1_000)).toEqual({ skip: 'busy', by: 'a' });
    expect(claimTick(row({}), 'job', at(0), 'b', T0 + 60_000, 1_000)).toMatchObject({ expectedVersion: 3, claim: { holder: 'b' } });
    expect(claimTick(row({ heldUntil: null, doneAt: at(5) }), 'job', at(0), 'b', T0 + 10, 1_000)).toEqual({ skip: 'done', by: 'a' });
    expect(claimTick(row({ heldUntil: null, doneAt: at(5) }), 'job', at(300_000), 'b', T0 + 300_000, 1_000)).toMatchObject({ expectedVersion: 3 });
    // An earlier tick is never done after a later one, and a running earlier tick is not overlapped.
    expect(claimTick(row({ tick: at(300_000), heldUntil: null, doneAt: at(300_010) }), 'job', at(0), 'b', T0 + 300_020, 1_000)).toEqual({
      skip: 'done',
      by: 'a',
    });
    expect(claimTick(row({}), 'job', at(300_000), 'b', T0 + 30_000, 1_000)).toEqual({ skip: 'busy', by: 'a' });
  });

  it('renews and finishes only the holder’s own running tick', () => {
    expect(renewTick(row({}), at(0), 'a', T0 + 10, 1_000)).toMatchObject({ heldUntil: at(1_010) });
    expect(renewTick(row({}), at(0), 'b', T0 + 10, 1_000)).toBeNull();
    expect(finishTick(row({}), at(0), 'a', T0 + 20)).toMatchObject({ heldUntil: null, doneAt: at(20) });
    expect(finishTick(row({ holder: 'b' }), at(0), 'a', T0 + 20)).toBeNull();
    expect(finishTick(row({ doneAt: at(5) }), at(0), 'a', T0 + 20)).toBeNull();
  });

  it('a job longer than the claim keeps it by renewing, so nobody takes the tick over meanwhile', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    const store = openStore(':memory:');
    try {
      let release!: () => void;
      const long = runOncePerTick(store.clusterTicks, 'job', at(0), 'a', () => new Promise<void>((r) => (release = r)), { holdMs: 3_000 });
      for (let s = 0; s < 10; s++) await vi.advanceTimersByTimeAsync(1_000);
      // Ten seconds in, three-second claim: still a's, renewed.
      expect(await store.clusterTicks.get('job')).toMatchObject({ holder: 'a', doneAt: null });
      expect((await runOncePerTick(store.clusterTicks, 'job', at(0), 'b', async () => {}, { holdMs: 3_000 })).ran).toBe(false);
      release();
      expect((await long).ran).toBe(true);
      expect(await store.clusterTicks.get('job')).toMatchObject({ holder: 'a', heldUntil: null, doneAt: at(10_000) });
    } finally {
      await store.close();
    }
  });
});
