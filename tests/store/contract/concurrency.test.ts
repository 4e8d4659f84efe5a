// Two processes on one store (two servers, two workers): what must stay atomic across connections
// does — on SQLite (two connections to one file) and on PostgreSQL (two pools on one database).
import { expect, it } from 'vitest';
import { throttleKeys } from '../../../accounts/throttle.ts';
import { raiseAlert } from '../../../analysis/alerts/raise.ts';
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
    const { alert } = await raiseAlert(
      a,
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
    const raised = await Promise.all([raiseAlert(a, alert, '2026-12-01T00:00:00Z'), raiseAlert(b, alert, '2026-12-01T00:00:01Z')]);
    expect(raised.map((r) => r.change).sort()).toEqual(['raised', 'unchanged']);
    expect(await a.alerts.list()).toHaveLength(1);
  });

  it("alerts: two runs raising one incident at once through different connections end in one alert with both runs' posts", async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const incident = (postIds: string[], level: 'yellow' | 'orange') => ({
      ruleKey: 'event:p1',
      level,
      title: '工地欠薪',
      reasons: [],
      postIds,
      sources: ['board'],
      firstSeen: 'x',
      lastSeen: 'x',
    });
    const at = '2026-12-05T08:00:00Z';
    const [x, y] = await Promise.all([raiseAlert(a, incident(['p1', 'p2', 'p3'], 'yellow'), at), raiseAlert(b, incident(['p3', 'p4'], 'orange'), at)]);
    const alerts = await a.alerts.list();
    expect(alerts).toHaveLength(1);
    expect([...alerts[0]!.postIds].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(alerts[0]!.level).toBe('orange');
    expect(new Set([x.alert.id, y.alert.id])).toEqual(new Set([alerts[0]!.id]));
    // Whichever wrote first raised it; the other merged into it (a rise, or more posts at orange).
    expect([x.change, y.change]).toContain('raised');
    expect((await b.alerts.events(alerts[0]!.id)).map((e) => e.action)[0]).toBe('raised');
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
