// Triage labels: what a duty officer corrects is kept, in order, with who and when, for
// `minsheng train` — on SQLite and PostgreSQL.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../store/index.ts';
import { saveLabel, skipPost } from '../../../analysis/labelling/labels.ts';
import { describeStores } from './stores.ts';

const base = {
  source: 'board',
  url: 'http://127.0.0.1/board/1',
  canonicalUrl: 'http://127.0.0.1/board/1',
  contentHash: 'h1',
  title: '社保卡丢了很着急',
  body: '请问怎么补办',
  author: '网友',
  publishedAt: null,
  fetchedAt: '2026-11-28T08:00:00Z',
  district: null,
};

describeStores('labels', (kit) => {
  let store: Store;
  let postId: string;

  beforeEach(async () => {
    store = await kit.open();
    ({ id: postId } = await store.posts.upsert(base));
  });

  describe('post labels', () => {
    it('keeps every correction in order with actor and time, never overwriting an earlier one', async () => {
      const first = await store.labels.save({ postId, sentiment: 'neutral', severity: null, topic: null, actor: 'zhang', at: '2026-11-28T09:00:00Z' });
      await store.labels.save({ postId, sentiment: null, severity: 0, topic: 'social-card', actor: 'li', at: '2026-11-28T09:05:00Z' });
      expect(first).toMatchObject({ postId, sentiment: 'neutral', severity: null, topic: null, actor: 'zhang' });
      const labels = await store.labels.list({ postId });
      expect(labels.map((l) => [l.actor, l.sentiment, l.severity, l.topic])).toEqual([
        ['zhang', 'neutral', null, null],
        ['li', null, 0, 'social-card'],
      ]);
      expect(await store.labels.list()).toEqual(labels);
      expect(await store.migrations()).toContain('004-labels');
    });

    it('refuses a label that corrects nothing or names an unknown post, in Chinese, and a skip of an unknown post', async () => {
      const nothing = { postId, sentiment: null, severity: null, topic: null, actor: 'zhang', at: 'x' };
      const unknown = { postId: 'nope', sentiment: 'negative' as const, severity: null, topic: null, actor: 'zhang', at: 'x' };
      await expect(saveLabel(store, nothing)).rejects.toThrow(/至少/);
      await expect(saveLabel(store, unknown)).rejects.toThrow(/帖子 nope 不存在/);
      await expect(skipPost(store, 'nope', 'zhang', 'x')).rejects.toThrow(/帖子 nope 不存在/);
      // The rule is in analysis/labelling; the schema still refuses the rows if a caller skips it.
      await expect(store.labels.save(nothing)).rejects.toThrow();
      await expect(store.labels.save(unknown)).rejects.toThrow();
      await expect(store.labels.skip('nope', 'zhang', 'x')).rejects.toThrow();
      expect(await store.labels.list()).toEqual([]);
      expect(await saveLabel(store, { ...nothing, topic: 'social-card' })).toMatchObject({ postId, topic: 'social-card' });
    });

    it('keeps how the labelling queue picked a post, and offers the random pick as the unlabelled post with the smallest id', async () => {
      const random = await store.labels.save({
        postId,
        sentiment: 'negative',
        severity: 2,
        topic: null,
        actor: 'zhang',
        at: '2026-11-28T09:00:00Z',
        pick: 'random',
      });
      expect(random.pick).toBe('random');
      // a triage correction has no pick
      const triage = await store.labels.save({ postId, sentiment: null, severity: 3, topic: null, actor: 'li', at: '2026-11-28T09:01:00Z' });
      expect(triage.pick).toBeUndefined();
      expect((await store.labels.list()).map((l) => l.pick)).toEqual(['random', undefined]);
      await expect(
        store.labels.save({ postId, sentiment: 'neutral', severity: null, topic: null, actor: 'li', at: 'x', pick: 'chosen' as 'random' }),
      ).rejects.toThrow();
      const others: string[] = [];
      for (const n of [2, 3, 4]) {
        const url = `http://127.0.0.1/board/${n}`;
        const { id } = await store.posts.upsert({ ...base, url, canonicalUrl: url, contentHash: `h${n}` });
        await store.scores.save({ postId: id, sentiment: 'neutral', negative: 0.1 * n, severity: 0, topic: 'other', reasons: [], model: 't', scoredAt: 'x' });
        others.push(id);
      }
      const first = [...others].sort()[0]!;
      expect((await store.labels.unlabelled('zhang', { firstById: true })).map((c) => c.postId)).toEqual([first]);
      await store.labels.skip(first, 'zhang', 'x');
      expect((await store.labels.unlabelled('zhang', { firstById: true })).map((c) => c.postId)).toEqual([[...others].sort()[1]]);
      expect((await store.labels.unlabelled('li', { firstById: true })).map((c) => c.postId)).toEqual([first]);
    });

    it('drops a post’s labels when retention deletes the post', async () => {
      await store.labels.save({ postId, sentiment: 'negative', severity: 1, topic: null, actor: 'zhang', at: '2026-11-28T09:00:00Z' });
      expect(await store.posts.deleteFetchedBefore('2026-12-01T00:00:00Z')).toBe(1);
      expect(await store.labels.list()).toEqual([]);
    });
  });
});
