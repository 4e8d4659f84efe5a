// Posts, scores, clusters and alerts: the store contract, run against SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import type { PostInput, Store } from '../../../store/index.ts';
import { mergeAlert } from '../../../analysis/alerts/merge.ts';
import { raiseAlert } from '../../../analysis/alerts/raise.ts';
import { GroupingRefusal } from '../../../analysis/alerts/grouping.ts';
import { alertReasonText, type AlertReason } from '../../../analysis/alerts/reasons.ts';
import { describeStores } from './stores.ts';

function post(n: number, overrides: Partial<PostInput> = {}): PostInput {
  return {
    source: 'board',
    url: `http://127.0.0.1/board/thread/${n}?utm_source=x`,
    canonicalUrl: `http://127.0.0.1/board/thread/${n}`,
    contentHash: `hash-${n}`,
    title: `标题${n}`,
    body: `正文${n}：工地拖欠工资`,
    author: `网友${n}`,
    publishedAt: '2026-11-20T10:30:00+08:00',
    fetchedAt: '2026-11-28T08:00:00Z',
    district: null,
    ...overrides,
  };
}

describeStores('store', (kit) => {
  it('applies every migration to an empty directory and records them', async () => {
    const store = (await kit.location())();
    const applied = await store.migrations();
    expect(applied).toEqual(kit.migrations());
  });

  it('stores the same post crawled twice as one row', async () => {
    const store = await kit.open();
    const first = await store.posts.upsert(post(1));
    const again = await store.posts.upsert(post(1));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await store.posts.count()).toBe(1);
  });

  it('treats one post reached by two URLs as one post (same content hash)', async () => {
    const store = await kit.open();
    const a = await store.posts.upsert(post(1));
    const b = await store.posts.upsert(post(1, { url: 'http://127.0.0.1/m/1', canonicalUrl: 'http://127.0.0.1/m/1' }));
    expect(b.id).toBe(a.id);
    expect(await store.posts.count()).toBe(1);
  });

  it('takes an edited post’s new text and forgets its old score', async () => {
    const store: Store = await kit.open();
    const { id } = await store.posts.upsert(post(1));
    await store.scores.save({ postId: id, sentiment: 'negative', negative: 0.9, severity: 1, topic: '欠薪', reasons: [], model: 't', scoredAt: 'x' });
    await store.posts.upsert(post(1, { body: '已解决，感谢', contentHash: 'hash-1b' }));
    expect((await store.posts.get(id))?.body).toBe('已解决，感谢');
    expect(await store.scores.get(id)).toBeNull();
    expect((await store.posts.list({ unscored: true })).map((p) => p.id)).toEqual([id]);
    // Its URL again with another post's text: that text is the other post's, nothing is rewritten.
    const other = await store.posts.upsert(post(2));
    await store.scores.save({ postId: id, sentiment: 'positive', negative: 0.1, severity: 0, topic: '欠薪', reasons: [], model: 't', scoredAt: 'y' });
    await store.posts.upsert(post(1, { body: '别的', contentHash: 'hash-2' }));
    expect((await store.posts.get(id))?.body).toBe('已解决，感谢');
    expect((await store.posts.get(other.id))?.body).toBe('正文2：工地拖欠工资');
    expect(await store.scores.get(id)).toMatchObject({ sentiment: 'positive' });
    expect(await store.posts.count()).toBe(2);
  });

  it('imports a batch with the same outcome as upserting each post in order', async () => {
    const store: Store = await kit.open();
    const stored = await store.posts.upsert(post(1));
    await store.scores.save({ postId: stored.id, sentiment: 'negative', negative: 0.9, severity: 1, topic: '欠薪', reasons: [], model: 't', scoredAt: 'x' });
    const batch = [
      post(2),
      post(1), // already stored, unchanged
      post(2), // repeated within the batch
      post(3, { url: 'http://127.0.0.1/m/2', canonicalUrl: 'http://127.0.0.1/m/2', contentHash: 'hash-2' }), // post 2 by another URL
      post(1, { body: '已解决，感谢', contentHash: 'hash-1b' }), // post 1 edited: new text, old score dropped
      post(4, { contentHash: 'hash-1', title: '标题\u0000四' }), // takes the hash post 1 no longer has
    ];
    const results = await store.posts.upsertMany(batch);
    const [two, four] = [results[0]!.id, results[5]!.id];
    expect(results).toEqual([
      { id: two, created: true },
      { id: stored.id, created: false },
      { id: two, created: false },
      { id: two, created: false },
      { id: stored.id, created: false },
      { id: four, created: true },
    ]);
    expect(await store.posts.count()).toBe(3);
    expect((await store.posts.get(stored.id))?.body).toBe('已解决，感谢');
    expect((await store.posts.get(four))?.title.replace('\u0000', '')).toBe('标题四');
    expect(await store.scores.get(stored.id)).toBeNull();
    expect(await store.posts.upsertMany([])).toEqual([]);
  });

  it('saves scores in bulk, the last of a repeated post winning, and lists posts not clustered yet', async () => {
    const store: Store = await kit.open();
    const [a, b] = await store.posts.upsertMany([post(1), post(2)]);
    const score = {
      sentiment: 'negative' as const,
      negative: 0.9,
      severity: 2 as const,
      topic: '欠薪',
      reasons: [{ kind: 'text' as const, text: '拖欠' }],
      model: 't',
      scoredAt: 'x',
    };
    await store.scores.saveMany([
      { ...score, postId: a!.id },
      { ...score, postId: b!.id, severity: 1 as const },
      { ...score, postId: b!.id, severity: 3 as const, topic: '社保' },
    ]);
    expect(await store.scores.get(a!.id)).toEqual({ ...score, postId: a!.id });
    expect(await store.scores.get(b!.id)).toMatchObject({ severity: 3, topic: '社保', reasons: score.reasons });
    await store.clusters.assign([{ postId: a!.id, clusterId: a!.id }]);
    expect((await store.posts.list({ unclustered: true })).map((p) => p.id)).toEqual([b!.id]);
  });

  it('stores text from a JSON source that carries a NUL character', async () => {
    const store = await kit.open();
    const { id } = await store.posts.upsert(post(7, { title: '标题\u0000七', author: null }));
    expect((await store.posts.get(id))?.title.replace('\u0000', '')).toBe('标题七');
  });

  it('reopens an existing store with its data and without re-running migrations', async () => {
    const open = await kit.location();
    const first = open();
    await first.posts.upsert(post(1));
    const applied = await first.migrations();
    await first.close();
    const second = open();
    expect(await second.posts.count()).toBe(1);
    expect(await second.migrations()).toEqual(applied);
  });

  it('raises an alert once per rule key, escalates upwards only, and keeps the trail', async () => {
    const store = await kit.open();
    const base = {
      ruleKey: 'cluster:c1',
      title: '工地欠薪',
      reasons: [{ kind: 'incident' as const, posts: 3, people: 3, sources: ['board'] }],
      postIds: ['a', 'b', 'c'],
      sources: ['board'],
      firstSeen: '2026-11-20',
      lastSeen: '2026-11-21',
    };
    const raised = await raiseAlert(store, { ...base, level: 'yellow' }, '2026-11-21T00:00:00Z');
    expect(raised.change).toBe('raised');
    expect((await raiseAlert(store, { ...base, level: 'yellow' }, '2026-11-21T01:00:00Z')).change).toBe('unchanged');
    const lower = await raiseAlert(store, { ...base, level: 'blue', postIds: ['a', 'd'] }, '2026-11-21T02:00:00Z');
    expect(lower.change).toBe('updated');
    expect(lower.alert.level).toBe('yellow');
    expect(lower.alert.postIds).toEqual(['a', 'b', 'c', 'd']);
    const up = await raiseAlert(store, { ...base, level: 'orange' }, '2026-11-21T03:00:00Z');
    expect(up.change).toBe('escalated');
    expect(up.alert.level).toBe('orange');
    expect((await store.alerts.list()).length).toBe(1);
    await store.alerts.transition(up.alert.id, { status: 'acknowledged', action: 'acknowledged', actor: 'zhang', at: '2026-11-21T03:10:00Z' });
    const trail = (await store.alerts.events(up.alert.id)).map((e) => e.action);
    expect(trail).toEqual(['raised', 'updated', 'escalated', 'acknowledged']);
  });

  it('reads alert reasons back as data, and reasons stored as sentences (before they were structured) as text', async () => {
    const store = await kit.open();
    const base = { level: 'yellow' as const, title: 't', postIds: ['a'], sources: ['board'], firstSeen: 'x', lastSeen: 'x' };
    const typed: AlertReason[] = [
      { kind: 'level', level: 'yellow', why: { kind: 'spike', spike: { dimension: 'district', subject: '通川区', crisis: null } } },
      { kind: 'spikeCount', hours: 24, count: 6, windows: 7, baselineMean: 2 / 7 },
      { kind: 'listedIncidents', incidents: [{ ruleKey: 'cluster:c', title: '工地欠薪 等 3 条', posts: 3 }] },
    ];
    // Before reasons were structured this same call stored a JSON array of sentences.
    const sentences = ['定级黄色（较大）：3 人反映同一事件', '负面帖子 3/3 条'];
    const fresh = await raiseAlert(store, { ...base, ruleKey: 'burst:district:通川区:2026-11-21', reasons: typed }, '2026-11-21T00:00:00Z');
    const old = await raiseAlert(store, { ...base, ruleKey: 'cluster:old', reasons: sentences as unknown as AlertReason[] }, '2026-11-21T00:00:00Z');
    expect((await store.alerts.get(fresh.alert.id))!.reasons).toEqual(typed);
    expect((await store.alerts.findByRuleKey('cluster:old'))!.reasons).toEqual(sentences.map((text) => ({ kind: 'text', text })));
    const listed = new Map((await store.alerts.list()).map((a) => [a.id, a.reasons]));
    expect(listed.get(old.alert.id)!.map(alertReasonText)).toEqual(sentences);
    expect(listed.get(fresh.alert.id)).toEqual(typed);
  });

  it('keeps a closed alert closed when more of the same arrives, but reopens it when the level rises', async () => {
    const store = await kit.open();
    const base = { ruleKey: 'cluster:c2', title: 't', reasons: [], postIds: ['a'], sources: ['board'], firstSeen: 'x', lastSeen: 'x' };
    const { alert } = await raiseAlert(store, { ...base, level: 'blue' }, '2026-11-21T00:00:00Z');
    await store.alerts.transition(alert.id, { status: 'closed', action: 'closed', actor: 'li', at: '2026-11-21T01:00:00Z' });
    const more = await raiseAlert(store, { ...base, level: 'blue', postIds: ['a', 'b'] }, '2026-11-21T02:00:00Z');
    expect(more.alert.status).toBe('closed');
    const worse = await raiseAlert(store, { ...base, level: 'orange' }, '2026-11-21T03:00:00Z');
    expect(worse.alert.status).toBe('new');
    expect(worse.change).toBe('escalated');
  });

  it('writes an alert decision only while the alert is as it was read (compare-and-set), with its events', async () => {
    const store = await kit.open();
    const input = (postIds: string[], level: 'blue' | 'yellow' | 'orange') => ({
      ruleKey: 'event:e1',
      level,
      title: '工地欠薪',
      reasons: [],
      postIds,
      sources: ['board'],
      firstSeen: 'x',
      lastSeen: 'x',
    });
    expect(await store.alerts.findByRuleKey('event:e1')).toBeNull();
    const first = mergeAlert(null, input(['p1'], 'yellow'), '2026-12-05T08:00:00Z');
    const saved = await store.alerts.save({ next: first.next, events: first.events }, null, '2026-12-05T08:00:00Z');
    expect(saved).toMatchObject({ ruleKey: 'event:e1', level: 'yellow', status: 'new', postIds: ['p1'], createdAt: '2026-12-05T08:00:00Z' });
    expect(await store.alerts.findByRuleKey('event:e1')).toEqual(saved);
    // A second "new alert" for a rule key that exists by now is refused, nothing stored.
    expect(await store.alerts.save({ next: first.next, events: first.events }, null, '2026-12-05T08:00:01Z')).toBeNull();
    expect(await store.alerts.list()).toHaveLength(1);
    // A decision made from a read the duty officer has since changed is refused, nothing stored.
    const stale = saved!;
    await store.alerts.transition(stale.id, { from: 'new', status: 'acknowledged', action: 'acknowledged', actor: 'zhang', at: '2026-12-05T08:10:00Z' });
    const late = mergeAlert(stale, input(['p1', 'p2'], 'orange'), '2026-12-05T08:20:00Z');
    expect(await store.alerts.save({ next: late.next, events: late.events }, stale, '2026-12-05T08:20:00Z')).toBeNull();
    expect(await store.alerts.get(stale.id)).toMatchObject({ level: 'yellow', status: 'acknowledged', postIds: ['p1'] });
    // Decided again from a fresh read, it lands, with its event, keeping the officer's status.
    const fresh = (await store.alerts.findByRuleKey('event:e1'))!;
    const again = mergeAlert(fresh, input(['p1', 'p2'], 'orange'), '2026-12-05T08:20:00Z');
    expect(await store.alerts.save({ next: again.next, events: again.events }, fresh, '2026-12-05T08:20:00Z')).toMatchObject({
      level: 'orange',
      status: 'acknowledged',
      postIds: ['p1', 'p2'],
    });
    expect((await store.alerts.events(stale.id)).map((e) => e.action)).toEqual(['raised', 'acknowledged', 'escalated']);
    // Moving a post out changes what the next decision must be made from, too.
    const before = (await store.alerts.get(stale.id))!;
    await store.alerts.moveOut(stale.id, 'p2', { actor: 'zhang', at: '2026-12-05T08:30:00Z' });
    const fromBefore = mergeAlert(before, input(['p3'], 'orange'), '2026-12-05T08:40:00Z');
    expect(await store.alerts.save({ next: fromBefore.next, events: fromBefore.events }, before, '2026-12-05T08:40:00Z')).toBeNull();
  });

  it('merges two alerts and moves a post out as analysis/alerts/grouping.ts decides, with histories and overrides', async () => {
    const store = await kit.open();
    const ids = [];
    for (const [n, source] of [
      [1, 'board'],
      [2, 'board'],
      [3, 'rss'],
      [4, 'forum'],
    ] as const)
      ids.push((await store.posts.upsert(post(n, { source }))).id);
    const [p1, p2, p3, p4] = ids as [string, string, string, string];
    const base = { title: '工地欠薪', reasons: [], firstSeen: '2026-11-20T02:00:00Z', lastSeen: '2026-11-20T05:00:00Z' };
    const a = (await raiseAlert(store, { ...base, ruleKey: 'event:a', level: 'yellow', postIds: [p1, p2], sources: ['board'] }, '2026-11-21T00:00:00Z')).alert;
    const b = (
      await raiseAlert(
        store,
        { ...base, ruleKey: 'event:b', level: 'orange', postIds: [p3, p1, p4], sources: ['rss', 'forum'], firstSeen: '2026-11-19T23:00:00Z' },
        '2026-11-21T00:00:00Z',
      )
    ).alert;
    await expect(store.alerts.merge(a.id, a.id, { actor: 'zhang', at: '2026-11-21T01:00:00Z' })).rejects.toThrow('不能把预警并入它自己');
    await expect(store.alerts.merge('nope', a.id, { actor: 'zhang', at: '2026-11-21T01:00:00Z' })).rejects.toThrow('预警 nope 不存在');
    expect((await store.alerts.events(a.id)).map((e) => e.action)).toEqual(['raised']);
    // Decided on the rows inside the transaction: a target closed a moment ago is refused, nothing written.
    await store.alerts.transition(a.id, { from: 'new', status: 'closed', action: 'closed', actor: 'li', at: '2026-11-21T00:30:00Z' });
    await expect(store.alerts.merge(b.id, a.id, { actor: 'zhang', at: '2026-11-21T00:40:00Z' })).rejects.toBeInstanceOf(GroupingRefusal);
    expect((await store.alerts.get(b.id))!.status).toBe('new');
    expect((await store.alerts.get(a.id))!.postIds).toEqual([p1, p2]);
    await store.alerts.transition(a.id, { from: 'closed', status: 'new', action: 'reopened', actor: 'li', at: '2026-11-21T00:50:00Z' });

    const merged = await store.alerts.merge(b.id, a.id, { actor: 'zhang', at: '2026-11-21T01:00:00Z', note: '同一工地' });
    expect(merged).toMatchObject({
      id: a.id,
      level: 'orange',
      status: 'new',
      postIds: [p1, p2, p3, p4],
      sources: ['board', 'rss', 'forum'],
      firstSeen: '2026-11-19T23:00:00Z',
      lastSeen: '2026-11-20T05:00:00Z',
      updatedAt: '2026-11-21T01:00:00Z',
    });
    expect(await store.alerts.get(a.id)).toEqual(merged);
    expect(await store.alerts.get(b.id)).toMatchObject({ status: 'closed', level: 'orange', postIds: [p3, p1, p4], updatedAt: '2026-11-21T01:00:00Z' });
    expect((await store.alerts.events(a.id)).at(-1)).toMatchObject({ actor: 'zhang', action: 'merged', note: `并入预警 ${b.id}（3 条帖子）；同一工地` });
    expect((await store.alerts.events(b.id)).at(-1)).toMatchObject({ actor: 'zhang', action: 'merged', note: `已并入预警 ${a.id}；同一工地` });

    await expect(store.alerts.moveOut(a.id, 'nope', { actor: 'li', at: '2026-11-21T02:00:00Z' })).rejects.toThrow(`帖子 nope 不在预警 ${a.id} 里`);
    const moved = await store.alerts.moveOut(a.id, p3, { actor: 'li', at: '2026-11-21T02:00:00Z' });
    expect(moved).toMatchObject({ postIds: [p1, p2, p4], sources: ['board', 'forum'], level: 'orange', updatedAt: '2026-11-21T02:00:00Z' });
    expect((await store.alerts.events(a.id)).at(-1)).toMatchObject({ actor: 'li', action: 'post_moved_out', note: `移出帖子 ${p3}` });
    expect((await store.alerts.overrides()).map(({ id: _id, ...o }) => o)).toEqual([
      { kind: 'merge', alertId: b.id, targetAlertId: a.id, actor: 'zhang', at: '2026-11-21T01:00:00Z' },
      { kind: 'move_out', alertId: a.id, postId: p3, actor: 'li', at: '2026-11-21T02:00:00Z' },
    ]);
  });

  it('summarises clusters from their members', async () => {
    const store = await kit.open();
    const a = await store.posts.upsert(post(1, { source: 'board' }));
    const b = await store.posts.upsert(post(2, { source: 'forum', publishedAt: '2026-11-22T10:00:00+08:00' }));
    await store.clusters.assign([
      { postId: a.id, clusterId: 'k' },
      { postId: b.id, clusterId: 'k' },
    ]);
    const cluster = await store.clusters.get('k');
    expect(cluster?.size).toBe(2);
    expect(cluster?.sources.sort()).toEqual(['board', 'forum']);
    expect((await store.posts.get(b.id))?.clusterId).toBe('k');
  });
});
