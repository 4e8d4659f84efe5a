// Two processes on one store (two servers, two workers): what must stay atomic across connections
// does — on SQLite (two connections to one file) and on PostgreSQL (two pools on one database).
import { expect, it } from 'vitest';
import { throttleKeys } from '../../../accounts/throttle.ts';
import { describeStores } from './stores.ts';

describeStores('two connections', (kit) => {
  it('login throttle: parallel guesses through both connections cannot pass the limit together', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const o = { now: '2026-12-01T00:00:00.000Z', windowStart: '2026-11-30T23:45:00.000Z', lockUntil: '2026-12-01T00:15:00.000Z' };
    // The keys the login code uses (name NUL address: PostgreSQL text cannot hold NUL as such).
    const key = throttleKeys('zhang', '127.0.0.1').nameAndAddress;
    const limits = [{ key, limit: 5 }];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).loginThrottle.reserve(limits, o)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    // Exactly one call set the lock; the rest saw it.
    expect(results.filter((r) => !r.ok && r.newlyLocked)).toHaveLength(1);
    expect(await a.loginThrottle.reserve(limits, o)).toMatchObject({ ok: false, key, newlyLocked: false });
    // A key that differs only where the separator is escaped is a different key.
    expect((await b.loginThrottle.reserve([{ key: key.replace('\u0000', '\\0'), limit: 5 }], o)).ok).toBe(true);
  });

  it('alert transitions: of two officers acting at once through different servers, one wins', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const { alert } = await a.alerts.raise(
      { ruleKey: 'k', level: 'orange', title: 't', reasons: [], postIds: [], sources: [], firstSeen: 'x', lastSeen: 'x' },
      '2026-12-01T00:00:00Z',
    );
    const change = (actor: string) => ({
      from: 'new' as const,
      status: 'acknowledged' as const,
      action: 'acknowledged' as const,
      actor,
      at: '2026-12-01T01:00:00Z',
    });
    const results = await Promise.all([a.alerts.transition(alert.id, change('zhang')), b.alerts.transition(alert.id, change('li'))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await b.alerts.events(alert.id)).map((e) => e.action)).toEqual(['raised', 'acknowledged']);
  });

  it('the same post stored by two workers at once is one row; one alert per rule key', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const input = {
      source: 's',
      url: 'http://h/1',
      canonicalUrl: 'http://h/1',
      contentHash: 'c1',
      title: 't',
      body: 'b',
      author: null,
      publishedAt: null,
      fetchedAt: 't',
      district: null,
    };
    const stored = await Promise.all([a.posts.upsert(input), b.posts.upsert(input), a.posts.upsert(input), b.posts.upsert(input)]);
    expect(new Set(stored.map((s) => s.id)).size).toBe(1);
    expect(stored.filter((s) => s.created)).toHaveLength(1);
    expect(await b.posts.count()).toBe(1);
    const alert = { ruleKey: 'cluster:z', level: 'yellow' as const, title: 't', reasons: [], postIds: ['p'], sources: ['s'], firstSeen: 'x', lastSeen: 'x' };
    const raised = await Promise.all([a.alerts.raise(alert, '2026-12-01T00:00:00Z'), b.alerts.raise(alert, '2026-12-01T00:00:01Z')]);
    expect(raised.map((r) => r.change).sort()).toEqual(['raised', 'unchanged']);
    expect(await a.alerts.list()).toHaveLength(1);
  });

  it('publish jobs: of two servers claiming the empty slot at once, one starts a job and the other stores nothing', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const job = (owner: string) => ({ explainerId: 'severance', what: '发布', step: 'queued' as const, owner, startedAt: 't', heartbeatAt: 't' });
    const results = await Promise.all([a.publishJobs.claim(job('a:1'), null), b.publishJobs.claim(job('b:1'), null), a.publishJobs.claim(job('a:2'), null)]);
    const won = results.filter((r) => r !== null);
    expect(won).toHaveLength(1);
    expect(await b.publishJobs.holder()).toEqual(won[0]);
    expect(await a.publishJobs.list()).toEqual(won);
  });
});
