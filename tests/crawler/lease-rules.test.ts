// The queue rules of several crawl workers (crawler/leases.ts), as pure functions: rounds, host
// slots, which page to lease next. A property test plays many workers against one host with random
// send delays and request durations and checks the spacing the server would see.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CrawlRound, HostSlot, LeasedRequest } from '../../store/crawl-leases.ts';
import {
  hostIntervalMs,
  hostOf,
  hostReadyAt,
  iso,
  leaseUntil,
  pickHead,
  releaseHost,
  renewEveryMs,
  roundOver,
  roundStep,
  takeHost,
} from '../../crawler/leases.ts';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const round = (r: Partial<CrawlRound>): CrawlRound => ({ sourceId: 's', round: 1, startedAt: iso(T0), startedBy: 'w1', finishedAt: null, ...r });

describe('crawl rounds', () => {
  it('starts the first round, joins a running one, starts another only after the last one ended before the due time', () => {
    expect(roundStep(null, iso(T0))).toEqual({ action: 'start', expected: 0 });
    expect(roundStep(round({}), iso(T0 + 5_000))).toEqual({ action: 'join', round: 1 });
    // Workers started together: the first one's round started after the others' due time, and is over.
    expect(roundStep(round({ startedAt: iso(T0 + 300), finishedAt: iso(T0 + 900) }), iso(T0 + 100))).toEqual({ action: 'done', round: 1 });
    // A worker started after the last round began: it wants a round of its own.
    expect(roundStep(round({ round: 3, startedAt: iso(T0), finishedAt: iso(T0 + 900) }), iso(T0 + 1_000))).toEqual({ action: 'start', expected: 3 });
  });

  it('a round is over once it finished or a later one began', () => {
    expect(roundOver(null, 1)).toBe(false);
    expect(roundOver(round({}), 1)).toBe(false);
    expect(roundOver(round({ finishedAt: iso(T0 + 1) }), 1)).toBe(true);
    expect(roundOver(round({ round: 2 }), 1)).toBe(true);
    expect(roundOver(round({ finishedAt: iso(T0 + 1) }), 2)).toBe(false);
  });
});

describe('leases', () => {
  it('expire a lease period from now and are renewed three times per period', () => {
    expect(leaseUntil(T0, 60_000)).toBe(iso(T0 + 60_000));
    expect(renewEveryMs(60_000)).toBe(20_000);
  });
});

const slot = (s: Partial<HostSlot>): HostSlot => ({ host: 'h:80', nextAllowedAt: iso(T0), holder: null, busyUntil: null, version: 1, ...s });

describe('host slots', () => {
  it('uses the stricter of the rate limit and Crawl-delay', () => {
    expect(hostIntervalMs(2, null)).toBe(500);
    expect(hostIntervalMs(2, 3_000)).toBe(3_000);
    expect(hostIntervalMs(Infinity, null)).toBe(0);
  });

  it('grants a free host, makes others wait while it is held or before its next allowed time', () => {
    expect(takeHost(null, 'h:80', 'a#1', T0, 10_000, 20)).toEqual({
      grant: { host: 'h:80', nextAllowedAt: iso(T0), holder: 'a#1', busyUntil: iso(T0 + 10_000) },
      expectedVersion: 0,
    });
    expect(takeHost(slot({ holder: 'a#1', busyUntil: iso(T0 + 10_000) }), 'h:80', 'b#1', T0, 10_000, 20)).toEqual({ waitMs: 20 });
    expect(takeHost(slot({ nextAllowedAt: iso(T0 + 300) }), 'h:80', 'b#1', T0, 10_000, 20)).toEqual({ waitMs: 300 });
    // A holder that died: its hold lapses and the host is free again.
    const lapsed = takeHost(slot({ holder: 'a#1', busyUntil: iso(T0), version: 7 }), 'h:80', 'b#1', T0, 10_000, 20);
    expect(lapsed).toMatchObject({ grant: { holder: 'b#1' }, expectedVersion: 7 });
  });

  it('on release, spaces the next request from the end of this one, or from Retry-After when later', () => {
    const held = slot({ holder: 'a#1', busyUntil: iso(T0 + 10_000) });
    expect(releaseHost(held, 'a#1', T0 + 250, 500)).toEqual({ host: 'h:80', nextAllowedAt: iso(T0 + 750), holder: null, busyUntil: null });
    expect(releaseHost(held, 'a#1', T0 + 250, 500, T0 + 60_000)?.nextAllowedAt).toBe(iso(T0 + 60_000));
    // Our hold lapsed and someone else has the host: nothing of ours to release.
    expect(releaseHost(slot({ holder: 'b#1', busyUntil: iso(T0 + 10_000) }), 'a#1', T0 + 250, 500)).toBeNull();
  });

  it('a host is ready when it is free and its time has come', () => {
    expect(hostReadyAt(null, T0)).toBe(T0);
    expect(hostReadyAt(slot({ nextAllowedAt: iso(T0 + 40) }), T0)).toBe(T0 + 40);
    expect(hostReadyAt(slot({ holder: 'x', busyUntil: iso(T0 + 900) }), T0)).toBe(T0 + 900);
  });

  it('property: however late workers send and however long requests take, arrivals are spaced by the interval', () => {
    // Each attempt: a worker asks at some time; if granted, its request reaches the server after a
    // send delay and ends after a duration. The host row is the only shared state, as in the store.
    const attempt = fc.record({
      askGap: fc.integer({ min: 0, max: 400 }),
      sendDelay: fc.integer({ min: 0, max: 300 }),
      duration: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(attempt, { minLength: 2, maxLength: 40 }), fc.integer({ min: 1, max: 1_000 }), (attempts, interval) => {
        let row: HostSlot | null = null;
        let now = T0;
        let held: { token: string; endsAt: number } | null = null;
        const arrivals: number[] = [];
        attempts.forEach((a, i) => {
          now += a.askGap;
          // Requests that ended by now give the host back (at their own end time).
          if (held && held.endsAt <= now) {
            const w = releaseHost(row, held.token, held.endsAt, interval);
            if (w) row = { ...w, version: row!.version + 1 };
            held = null;
          }
          for (;;) {
            const step = takeHost(row, 'h:80', `w#${i}`, now, 60_000, 20);
            if ('grant' in step) {
              row = { ...step.grant, version: (row?.version ?? 0) + 1 };
              const arrival = now + a.sendDelay;
              arrivals.push(arrival);
              held = { token: `w#${i}`, endsAt: arrival + a.duration };
              break;
            }
            now += step.waitMs;
            if (held && held.endsAt <= now) {
              const w = releaseHost(row, held.token, held.endsAt, interval);
              if (w) row = { ...w, version: row!.version + 1 };
              held = null;
            }
          }
        });
        for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(interval);
      }),
    );
  });
});

const req = (sourceId: string, url: string): LeasedRequest => ({
  sourceId,
  url,
  kind: 'detail',
  status: 'pending',
  attempts: 0,
  notBefore: null,
  lastError: null,
  meta: null,
  leaseOwner: null,
  leaseUntil: null,
});

describe('which page to lease next', () => {
  const heads = [
    { request: req('a', 'http://a.example/1'), host: 'a.example' },
    { request: req('b', 'http://b.example/1'), host: 'b.example' },
    { request: req('c', 'http://c.example/1'), host: 'c.example' },
  ];
  it('skips hosts this worker is already fetching from and takes the host that is ready soonest', () => {
    const slots = new Map<string, HostSlot | null>([
      ['a.example', slot({ host: 'a.example', nextAllowedAt: iso(T0 + 500) })],
      ['b.example', slot({ host: 'b.example', holder: 'other#1', busyUntil: iso(T0 + 9_000) })],
      ['c.example', slot({ host: 'c.example', nextAllowedAt: iso(T0 + 100) })],
    ]);
    expect(pickHead(heads, slots, new Set(), T0)?.request.sourceId).toBe('c');
    expect(pickHead(heads, slots, new Set(['c.example']), T0)?.request.sourceId).toBe('a');
    // b's host has another worker's request in flight: not b, even when it is the only one left.
    expect(pickHead(heads, slots, new Set(['a.example', 'c.example']), T0)).toBeNull();
    expect(pickHead(heads, slots, new Set(['a.example', 'b.example', 'c.example']), T0)).toBeNull();
    // Ties go to the order given (the worker rotates it).
    expect(pickHead(heads, new Map(), new Set(), T0)?.request.sourceId).toBe('a');
  });

  it('reads the host from the queued URL, API page keys included', () => {
    expect(hostOf('http://127.0.0.1:8080/api/list#page=3')).toBe('127.0.0.1:8080');
  });
});
