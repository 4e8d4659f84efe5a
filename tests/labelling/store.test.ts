// What the store keeps for the labelling queue: skips per officer, and which scored posts are still
// waiting for a label.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { skipPost } from '../../analysis/labelling/labels.ts';

let store: Store;
const ids: string[] = [];

async function post(n: number, over: { publishedAt?: string | null; fetchedAt?: string } = {}) {
  const url = `http://127.0.0.1/board/${n}`;
  const { id } = await store.posts.upsert({
    source: 'board',
    url,
    canonicalUrl: url,
    contentHash: `h${n}`,
    title: `帖子${n}`,
    body: '内容',
    author: null,
    publishedAt: over.publishedAt ?? null,
    fetchedAt: over.fetchedAt ?? '2026-11-28T08:00:00Z',
    district: null,
  });
  return id;
}

async function score(postId: string, negative: number) {
  await store.scores.save({
    postId,
    sentiment: negative > 0.5 ? 'negative' : 'neutral',
    negative,
    severity: 1,
    topic: 'wages',
    reasons: [],
    model: 't',
    scoredAt: '2026-11-28T08:01:00Z',
  });
}

beforeEach(async () => {
  store = openStore(':memory:');
  ids.length = 0;
  ids.push(await post(1, { publishedAt: '2026-11-27T10:00:00+08:00' }), await post(2), await post(3), await post(4, { fetchedAt: '2026-01-01T00:00:00Z' }));
  for (const [i, id] of ids.slice(0, 3).entries()) await score(id, 0.3 + i * 0.1);
  await score(ids[3]!, 0.45);
});
afterEach(async () => {
  await store.close();
});

const waiting = async (actor: string) => (await store.labels.unlabelled(actor)).map((c) => c.postId).sort();

describe('labelling queue in the store', () => {
  it('offers scored posts nobody labelled, with the score and when the post was written', async () => {
    const unscored = await post(9);
    const all = await store.labels.unlabelled('zhang');
    expect(all.map((c) => c.postId).sort()).toEqual([...ids].sort());
    expect(all.map((c) => c.postId)).not.toContain(unscored);
    expect(all.find((c) => c.postId === ids[0])).toEqual({
      postId: ids[0],
      sentiment: 'neutral',
      negative: 0.3,
      severity: 1,
      topic: 'wages',
      postedAt: '2026-11-27T10:00:00+08:00',
    });
    expect(all.find((c) => c.postId === ids[1])?.postedAt).toBe('2026-11-28T08:00:00Z');
  });

  it('narrows to severe posts or a range of the negative probability (bounds included), and counts what waits', async () => {
    await store.scores.save({
      postId: ids[2]!,
      sentiment: 'negative',
      negative: 0.5,
      severity: 3,
      topic: 'wages',
      reasons: [],
      model: 't',
      scoredAt: '2026-11-28T08:02:00Z',
    });
    expect((await store.labels.unlabelled('zhang', { minSeverity: 2 })).map((c) => c.postId)).toEqual([ids[2]]);
    const band = await store.labels.unlabelled('zhang', { negativeFrom: 0.4, negativeTo: 0.45 });
    expect(band.map((c) => c.postId).sort()).toEqual([ids[1], ids[3]].sort());
    expect(await store.labels.countUnlabelled('zhang')).toBe(4);
    await store.labels.skip(ids[1]!, 'zhang', '2026-11-28T09:00:00Z');
    expect(await store.labels.countUnlabelled('zhang')).toBe(3);
    expect(await store.labels.countUnlabelled('li')).toBe(4);
  });

  it('drops a post from everyone once anyone labels it', async () => {
    await store.labels.save({ postId: ids[0]!, sentiment: 'negative', severity: 1, topic: 'wages', actor: 'li', at: '2026-11-28T09:00:00Z' });
    expect(await waiting('zhang')).not.toContain(ids[0]);
    expect(await waiting('li')).not.toContain(ids[0]);
  });

  it('remembers a skip for the officer who skipped, not for the others, once however often', async () => {
    await store.labels.skip(ids[1]!, 'zhang', '2026-11-28T09:00:00Z');
    await store.labels.skip(ids[1]!, 'zhang', '2026-11-28T09:10:00Z');
    expect(await waiting('zhang')).not.toContain(ids[1]);
    expect(await waiting('li')).toContain(ids[1]);
    await expect(skipPost(store, 'no-such-post', 'zhang', '2026-11-28T09:00:00Z')).rejects.toThrow(/不存在/);
    expect(await store.migrations()).toContain('009-label-skips');
  });

  it('lets skips go with their post when retention deletes it', async () => {
    await store.labels.skip(ids[3]!, 'zhang', '2026-11-28T09:00:00Z');
    expect(await store.posts.deleteFetchedBefore('2026-06-01T00:00:00Z')).toBe(1);
    expect(await waiting('zhang')).toEqual([ids[0], ids[1], ids[2]].sort());
  });
});
