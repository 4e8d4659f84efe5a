// The cluster tick on both stores: of several processes that reach one tick of a job at once,
// exactly one does it; a crashed holder's claim lapses and the tick is taken over; and end to end,
// two processes running the scheduled analysis at the same moment give one analysis (retention
// applied once) and one set of notifications (the pushes counted by a local webhook server).
import { afterEach, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeStores } from './stores.ts';
import { runOncePerTick, tickOf } from '../../../shared/cluster-tick.ts';
import { processStoreOnTick, processStoreWhenFree, sendDigestOnce } from '../../../cli/pipeline.ts';
import { raiseAlert } from '../../../analysis/alerts/raise.ts';
import { loadRegion } from '../../../config/region.ts';
import { parseEnv } from '../../../config/env.ts';
import { BOARD_POSTS } from '../../../demo/board/posts.ts';
import { datedBoard } from '../../../demo/board/calendar.ts';
import type { Store } from '../../../store/index.ts';

const T0 = Date.parse('2026-12-06T02:00:00.000Z');

let servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

/** A webhook that records what it is sent. */
async function webhook() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

/** The demo board's posts, stored as the crawler would (the incident among them raises alerts). */
async function seed(store: Store, now: Date) {
  for (const p of datedBoard(BOARD_POSTS, now)) {
    const url = `http://127.0.0.1/board/post/${p.id}`;
    await store.posts.upsert({
      source: 'board',
      url,
      canonicalUrl: url,
      contentHash: `demo-${p.id}`,
      title: p.title,
      body: p.body.join('\n'),
      author: p.author,
      publishedAt: p.at.toISOString(),
      fetchedAt: now.toISOString(),
      district: null,
    });
  }
}

describeStores('cluster tick', (kit) => {
  it('of three processes reaching one tick at once, one does it; a later tick is done again', async () => {
    const open = await kit.location();
    const stores = [open(), open(), open()];
    let done = 0;
    const work = async () => {
      done++;
      await new Promise((r) => setTimeout(r, 30));
    };
    const tick = tickOf(T0, 300_000);
    const outcomes = await Promise.all(stores.map((s, i) => runOncePerTick(s.clusterTicks, 'job', tick, `p${i}`, work, { clock: () => T0 })));
    expect(done).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    // Whoever comes after it for the same tick finds it done.
    expect(await runOncePerTick(stores[1]!.clusterTicks, 'job', tick, 'late', work, { clock: () => T0 + 1_000 })).toMatchObject({ ran: false, skip: 'done' });
    const row = await stores[2]!.clusterTicks.get('job');
    expect(row).toMatchObject({ tick, holder: expect.stringMatching(/^p\d$/), heldUntil: null, doneAt: new Date(T0).toISOString() });
    // The next tick is another tick; an earlier one is never done after a later one.
    const next = tickOf(T0 + 300_000, 300_000);
    expect((await runOncePerTick(stores[0]!.clusterTicks, 'job', next, 'p0', work, { clock: () => T0 + 300_000 })).ran).toBe(true);
    expect((await runOncePerTick(stores[1]!.clusterTicks, 'job', tick, 'p1', work, { clock: () => T0 + 300_000 })).ran).toBe(false);
    expect(done).toBe(2);
  });

  it('a holder that died keeps the tick only until its claim lapses; then another process takes it over', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const tick = tickOf(T0, 300_000);
    // Process a claims the tick and dies (its work never ends, its claim is never renewed).
    expect(await a.clusterTicks.cas({ name: 'job', tick, holder: 'dead', heldUntil: new Date(T0 + 60_000).toISOString(), doneAt: null }, 0)).toBe(true);
    let done = 0;
    const work = async () => void done++;
    expect(await runOncePerTick(b.clusterTicks, 'job', tick, 'b', work, { clock: () => T0 + 59_000 })).toMatchObject({ ran: false, skip: 'busy', by: 'dead' });
    // A later tick does not overlap it either.
    expect((await runOncePerTick(b.clusterTicks, 'job', tickOf(T0 + 300_000, 300_000), 'b', work, { clock: () => T0 + 30_000 })).ran).toBe(false);
    expect(done).toBe(0);
    expect((await runOncePerTick(b.clusterTicks, 'job', tick, 'b', work, { clock: () => T0 + 60_000 })).ran).toBe(true);
    expect(done).toBe(1);
    expect(await a.clusterTicks.get('job')).toMatchObject({ holder: 'b', doneAt: new Date(T0 + 60_000).toISOString() });
  });

  it('two processes running the scheduled analysis at once: one analysis, one set of notifications', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const now = new Date();
    const region = loadRegion();
    // One post fetched longer ago than the retention period: the tick deletes it (personal data kept no longer).
    const stale = new Date(now.getTime() - (region.retentionDays + 1) * 86_400_000).toISOString();
    await a.posts.upsert({
      source: 'old',
      url: 'http://127.0.0.1/old/1',
      canonicalUrl: 'http://127.0.0.1/old/1',
      contentHash: 'old-1',
      title: '旧帖',
      body: '超过保留期限的旧帖。',
      author: null,
      publishedAt: stale,
      fetchedAt: stale,
      district: null,
    });
    await seed(a, now);
    const posts = (await a.posts.count()) - 1;
    const hook = await webhook();
    const env = parseEnv({ MINSHENG_WEBHOOK_URL: hook.url });
    const tick = tickOf(now.getTime(), 300_000);
    const [ra, rb] = await Promise.all([
      processStoreOnTick(a, region, tick, { env, holder: 'worker-a' }),
      processStoreOnTick(b, region, tick, { env, holder: 'worker-b' }),
    ]);
    const ran = [ra, rb].filter((r) => r !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.analysis.scored).toBe(posts);
    const raised = ran[0]!.analysis.alerts.raised;
    expect(raised).toBeGreaterThan(0);
    expect(await a.scores.count()).toBe(posts);
    expect(await a.posts.count()).toBe(posts);
    expect((await a.posts.list({ limit: 10_000 })).some((p) => p.source === 'old')).toBe(false);
    // One push per alert raised (blue ones wait for the digest), nothing twice.
    const alerts = await b.alerts.list();
    expect(alerts).toHaveLength(raised);
    expect(hook.bodies).toHaveLength(alerts.filter((x) => x.level !== 'blue').length);
    expect(hook.bodies.length).toBeGreaterThan(0);
    // A `run` after it (new posts just in) waits for no one and finds nothing new to push.
    const pushed = hook.bodies.length;
    const after = await processStoreWhenFree(b, region, { env, holder: 'run' });
    expect(after.analysis.scored).toBe(0);
    expect(hook.bodies).toHaveLength(pushed);
  });

  it('the daily digest reaches the duty channel once a day, whichever processes and schedules send it', async () => {
    const open = await kit.location();
    const [a, b] = [open(), open()];
    const hook = await webhook();
    const env = parseEnv({ MINSHENG_WEBHOOK_URL: hook.url });
    // 08:30 and 09:00 in Beijing on one day (a worker with --digest-at and a `watch`), then 08:30 the next day.
    const day1 = Date.parse('2026-12-06T00:30:00.000Z');
    // One 蓝 alert updated within each digest's day (an empty digest is not pushed).
    const blue = {
      ruleKey: 'cluster:blue',
      level: 'blue' as const,
      title: '蓝色预警',
      reasons: [],
      postIds: [],
      sources: ['board'],
      firstSeen: 'x',
      lastSeen: 'x',
    };
    await raiseAlert(a, blue, '2026-12-05T20:00:00.000Z');
    const sent = await Promise.all([
      sendDigestOnce(a, { env, holder: 'worker', clock: () => day1 }),
      sendDigestOnce(b, { env, holder: 'watch', clock: () => day1 }),
    ]);
    expect(sent.filter((r) => r !== null)).toHaveLength(1);
    expect(await sendDigestOnce(b, { env, holder: 'watch', clock: () => day1 + 30 * 60_000 })).toBeNull();
    expect(hook.bodies).toHaveLength(1);
    expect(JSON.parse(hook.bodies[0]!)).toMatchObject({ type: 'minsheng.digest', day: '2026-12-06' });
    await raiseAlert(a, { ...blue, ruleKey: 'cluster:blue-2' }, '2026-12-06T20:00:00.000Z');
    expect(await sendDigestOnce(a, { env, holder: 'worker', clock: () => day1 + 86_400_000 })).not.toBeNull();
    expect(hook.bodies).toHaveLength(2);
    expect(JSON.parse(hook.bodies[1]!)).toMatchObject({ day: '2026-12-07' });
  });
});
