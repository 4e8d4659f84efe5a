import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type PostInput, type Store } from '../../store/index.ts';
import { migrationFiles } from '../../store/sqlite/database.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

const dirs: string[] = [];
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'minsheng-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

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

describe('store', () => {
  it('applies every migration to an empty directory and records them', async () => {
    const store = openStore(tempDir());
    const applied = await store.migrations();
    expect(applied).toEqual(migrationFiles().map((f) => f.replace(/\.sql$/, '')));
    await store.close();
  });

  it('stores the same post crawled twice as one row', async () => {
    const store = openStore(':memory:');
    const first = await store.posts.upsert(post(1));
    const again = await store.posts.upsert(post(1));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await store.posts.count()).toBe(1);
    await store.close();
  });

  it('treats one post reached by two URLs as one post (same content hash)', async () => {
    const store = openStore(':memory:');
    const a = await store.posts.upsert(post(1));
    const b = await store.posts.upsert(post(1, { url: 'http://127.0.0.1/m/1', canonicalUrl: 'http://127.0.0.1/m/1' }));
    expect(b.id).toBe(a.id);
    expect(await store.posts.count()).toBe(1);
    await store.close();
  });

  it('takes an edited post’s new text and forgets its old score', async () => {
    const store: Store = openStore(':memory:');
    const { id } = await store.posts.upsert(post(1));
    await store.scores.save({ postId: id, sentiment: 'negative', negative: 0.9, severity: 1, topic: '欠薪', reasons: [], model: 't', scoredAt: 'x' });
    await store.posts.upsert(post(1, { body: '已解决，感谢', contentHash: 'hash-1b' }));
    expect((await store.posts.get(id))?.body).toBe('已解决，感谢');
    expect(await store.scores.get(id)).toBeNull();
    expect((await store.posts.list({ unscored: true })).map((p) => p.id)).toEqual([id]);
    await store.close();
  });

  it('reopens an existing store with its data and without re-running migrations', async () => {
    const dir = tempDir();
    const first = openStore(dir);
    await first.posts.upsert(post(1));
    const applied = await first.migrations();
    await first.close();
    const second = openStore(dir);
    expect(await second.posts.count()).toBe(1);
    expect(await second.migrations()).toEqual(applied);
    await second.close();
  });

  it('raises an alert once per rule key, escalates upwards only, and keeps the trail', async () => {
    const store = openStore(':memory:');
    const base = { ruleKey: 'cluster:c1', title: '工地欠薪', reasons: ['3 条'], postIds: ['a', 'b', 'c'], sources: ['board'], firstSeen: '2026-11-20', lastSeen: '2026-11-21' };
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
    await store.close();
  });

  it('keeps a closed alert closed when more of the same arrives, but reopens it when the level rises', async () => {
    const store = openStore(':memory:');
    const base = { ruleKey: 'cluster:c2', title: 't', reasons: [], postIds: ['a'], sources: ['board'], firstSeen: 'x', lastSeen: 'x' };
    const { alert } = await raiseAlert(store, { ...base, level: 'blue' }, '2026-11-21T00:00:00Z');
    await store.alerts.transition(alert.id, { status: 'closed', action: 'closed', actor: 'li', at: '2026-11-21T01:00:00Z' });
    const more = await raiseAlert(store, { ...base, level: 'blue', postIds: ['a', 'b'] }, '2026-11-21T02:00:00Z');
    expect(more.alert.status).toBe('closed');
    const worse = await raiseAlert(store, { ...base, level: 'orange' }, '2026-11-21T03:00:00Z');
    expect(worse.alert.status).toBe('new');
    expect(worse.change).toBe('escalated');
    await store.close();
  });

  it('summarises clusters from their members', async () => {
    const store = openStore(':memory:');
    const a = await store.posts.upsert(post(1, { source: 'board' }));
    const b = await store.posts.upsert(post(2, { source: 'forum', publishedAt: '2026-11-22T10:00:00+08:00' }));
    await store.clusters.assign([{ postId: a.id, clusterId: 'k' }, { postId: b.id, clusterId: 'k' }]);
    const cluster = await store.clusters.get('k');
    expect(cluster?.size).toBe(2);
    expect(cluster?.sources.sort()).toEqual(['board', 'forum']);
    expect((await store.posts.get(b.id))?.clusterId).toBe('k');
    await store.close();
  });
});
