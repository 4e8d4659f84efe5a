// What a duty officer meets when a label cannot be stored: the rule is analysis/labelling/labels.ts
// (the stores only persist); the console turns its refusals into a 404 for a post retention deleted
// and a 422 for a correction of nothing, with nothing written and nothing audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { LabelRefused, saveLabel, skipPost } from '../../analysis/labelling/labels.ts';
import { labelFromQueue, LabellingError, skipInQueue } from '../../site/server/labelling.ts';
import { correctPost, TriageError } from '../../site/server/triage.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

let store: Store;
let postId: string;
beforeEach(async () => {
  store = openStore(':memory:');
  const url = 'http://127.0.0.1/board/1';
  ({ id: postId } = await store.posts.upsert({
    source: 'board',
    url,
    canonicalUrl: url,
    contentHash: 'h1',
    title: '工资拖欠三个月',
    body: '老板一直不给',
    author: '网友',
    publishedAt: null,
    fetchedAt: '2026-11-01T00:00:00Z',
    district: null,
  }));
});
afterEach(async () => {
  await store.close();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe('the label rules', () => {
  it('store a label that corrects one field, and refuse one that corrects nothing or names a gone post', async () => {
    const base = { postId, sentiment: null, severity: null, topic: null, actor: 'zhang', at: '2026-12-01T00:00:00Z' };
    expect(await saveLabel(store, { ...base, severity: 2 })).toMatchObject({ postId, severity: 2, actor: 'zhang' });
    const nothing = await refusal(saveLabel(store, base));
    expect(nothing).toBeInstanceOf(LabelRefused);
    expect(nothing).toMatchObject({ reason: 'nothing-corrected', message: '标注至少要改正情感、严重度或主题中的一项' });
    expect(await refusal(saveLabel(store, { ...base, postId: 'gone', topic: 'wages' }))).toMatchObject({ reason: 'unknown-post' });
    expect(await refusal(skipPost(store, '', 'zhang', base.at))).toMatchObject({ reason: 'unknown-post' });
    expect(await store.labels.list()).toHaveLength(1);
  });

  it('reach the console as 404 for a post retention deleted, writing and auditing nothing', async () => {
    const ctx = { store, actor: 'zhang', ip: null };
    const { alert } = await raiseAlert(
      store,
      { ruleKey: 'k', level: 'yellow', title: '欠薪', reasons: [], postIds: [postId], sources: ['board'], firstSeen: 'x', lastSeen: 'x' },
      '2026-12-01T00:00:00Z',
    );
    expect(await store.posts.deleteFetchedBefore('2026-12-01T00:00:00Z')).toBe(1);
    const queued = await refusal(labelFromQueue(ctx, postId, { sentiment: 'negative', severity: 1, topic: 'wages' }));
    expect(queued).toBeInstanceOf(LabellingError);
    expect(queued).toMatchObject({ status: 404, message: '帖子不存在，可能已按保留期限删除' });
    expect(await refusal(skipInQueue(ctx, postId))).toMatchObject({ status: 404 });
    const corrected = await refusal(correctPost(ctx, alert.id, postId, { sentiment: 'neutral', severity: null, topic: null }));
    expect(corrected).toBeInstanceOf(TriageError);
    expect(corrected).toMatchObject({ status: 404, message: expect.stringContaining('不存在') });
    expect(await store.labels.list()).toEqual([]);
    expect((await store.audit.list()).filter((e) => e.action.startsWith('post.label'))).toEqual([]);
  });
});
