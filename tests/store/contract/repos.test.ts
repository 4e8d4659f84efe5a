// The rest of the store contract, on SQLite and PostgreSQL: crawl queue, source health, publicity
// records, the labelling queue, the console's counts, and the audit log.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../store/index.ts';
import { importedRecord } from '../../../publicity/workflow.ts';
import { raiseAlert } from '../../../analysis/alerts/raise.ts';
import { describeStores } from './stores.ts';

async function post(store: Store, n: number, over: { publishedAt?: string | null; fetchedAt?: string; source?: string; district?: string | null } = {}) {
  const url = `http://127.0.0.1/board/${n}`;
  const { id } = await store.posts.upsert({
    source: over.source ?? 'board',
    url,
    canonicalUrl: url,
    contentHash: `h${n}`,
    title: `帖子${n}`,
    body: '内容',
    author: null,
    publishedAt: over.publishedAt ?? null,
    fetchedAt: over.fetchedAt ?? '2026-11-28T08:00:00Z',
    district: over.district ?? null,
  });
  return id;
}

describeStores('repositories', (kit) => {
  describe('crawl state', () => {
    it('queues new requests once, hands out pending ones in order, and requeues done ones at the back', async () => {
      const { crawl } = await kit.open();
      const req = (url: string, kind: 'list' | 'detail' = 'detail') => ({ sourceId: 's', url, kind, meta: null });
      expect(await crawl.enqueue([req('a', 'list'), req('b'), req('c')])).toBe(3);
      expect(await crawl.enqueue([req('b'), req('d')])).toBe(1);
      expect((await crawl.pending('s', '2026-12-01T00:00:00Z', 10)).map((r) => r.url)).toEqual(['a', 'b', 'c', 'd']);
      await crawl.markDone('s', 'a');
      await crawl.markFailed('s', 'b', '超时', '2026-12-01T01:00:00Z');
      await crawl.markFailed('s', 'c', '404', null);
      expect((await crawl.pending('s', '2026-12-01T00:00:00Z', 10)).map((r) => r.url)).toEqual(['d']);
      expect((await crawl.pending('s', '2026-12-01T02:00:00Z', 10)).map((r) => r.url)).toEqual(['b', 'd']);
      expect(await crawl.get('s', 'b')).toMatchObject({ status: 'pending', attempts: 1, lastError: '超时', notBefore: '2026-12-01T01:00:00Z' });
      expect(await crawl.counts('s')).toEqual({ pending: 2, done: 1, failed: 1 });
      expect((await crawl.failures('s', 5)).map((r) => [r.url, r.lastError])).toEqual([['c', '404']]);
      expect(await crawl.enqueue([{ ...req('a', 'list'), meta: '{"page":2}' }], { requeueDone: true })).toBe(1);
      expect((await crawl.pending('s', '2026-12-01T02:00:00Z', 10)).map((r) => r.url)).toEqual(['b', 'd', 'a']);
      expect((await crawl.get('s', 'a'))?.meta).toBe('{"page":2}');
      await crawl.recordDone([req('e'), req('d')]);
      expect(await crawl.statuses('s', ['a', 'd', 'e', 'zz'])).toEqual(
        new Map([
          ['a', 'pending'],
          ['d', 'done'],
          ['e', 'done'],
        ]),
      );
      await crawl.requeue('s', 'c');
      expect(await crawl.get('s', 'c')).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await crawl.counts('other')).toEqual({ pending: 0, done: 0, failed: 0 });
    });

    it('keeps HTTP validators and robots.txt, replacing them on update', async () => {
      const { crawl } = await kit.open();
      expect(await crawl.getHttpCache('u')).toBeNull();
      await crawl.setHttpCache({ url: 'u', etag: '"1"', lastModified: null, fetchedAt: 't1' });
      await crawl.setHttpCache({ url: 'u', etag: '"2"', lastModified: 'Mon', fetchedAt: 't2' });
      expect(await crawl.getHttpCache('u')).toEqual({ url: 'u', etag: '"2"', lastModified: 'Mon', fetchedAt: 't2' });
      await crawl.setRobots({ origin: 'http://h', status: 200, body: 'User-agent: *', fetchedAt: 't' });
      expect(await crawl.getRobots('http://h')).toEqual({ origin: 'http://h', status: 200, body: 'User-agent: *', fetchedAt: 't' });
    });
  });

  it('keeps source runs and the current health per source', async () => {
    const { sourceHealth } = await kit.open();
    const errors = { network: 0, http: 1, robots: 0, parse: 0 };
    const run = (finishedAt: string, newPosts: number) => ({
      sourceId: 's',
      startedAt: finishedAt,
      finishedAt,
      pagesFetched: 3,
      itemsFound: 5,
      newPosts,
      errors,
      lastError: null,
      state: 'ok' as const,
    });
    const health = (at: string) => ({
      sourceId: 's',
      state: 'ok' as const,
      stateSince: '2026-12-01T00:00:00Z',
      lastRunAt: at,
      lastSuccessAt: at,
      lastNewPostAt: null,
      lastError: null,
      itemsLastRun: 5,
      pagesLastRun: 3,
      newPostsLastRun: 0,
      errorsLastRun: errors,
      detail: '正常',
    });
    await sourceHealth.record(run('2026-12-01T01:00:00Z', 2), health('2026-12-01T01:00:00Z'));
    await sourceHealth.record(run('2026-12-01T02:00:00Z', 0), health('2026-12-01T02:00:00Z'));
    await sourceHealth.record(run('2026-12-01T03:00:00Z', 1), health('2026-12-01T03:00:00Z'));
    expect(await sourceHealth.get('s')).toEqual(health('2026-12-01T03:00:00Z'));
    expect((await sourceHealth.list()).map((h) => h.sourceId)).toEqual(['s']);
    expect(await sourceHealth.newPostTimes('s', 5)).toEqual(['2026-12-01T03:00:00Z', '2026-12-01T01:00:00Z']);
    expect(await sourceHealth.get('none')).toBeNull();
  });

  describe('publicity', () => {
    it('saves a 明白纸 record with its versions and approvals in one transaction', async () => {
      const store = await kit.open();
      const { record, version } = importedRecord('severance', 'v1', '2026-01-01T00:00:00Z');
      await store.explainers.save(record, { newVersion: version });
      const v2 = { ...version, number: 2, source: 'v2', author: 'wang', approvedBy: null };
      await store.explainers.save({ ...record, state: 'draft', currentVersion: 2 }, { newVersion: v2 });
      await store.explainers.save({ ...record, state: 'approved', currentVersion: 2, approvedBy: 'li' }, { approveVersion: { number: 2, by: 'li' } });
      expect(await store.explainers.get('severance')).toMatchObject({ state: 'approved', currentVersion: 2, publishedVersion: 1 });
      expect((await store.explainers.versions('severance')).map((v) => [v.number, v.source, v.approvedBy])).toEqual([
        [1, 'v1', '（从文件导入）'],
        [2, 'v2', 'li'],
      ]);
      await expect(store.explainers.save({ ...record, state: 'draft', currentVersion: 2 }, { newVersion: { ...v2, source: 'other' } })).rejects.toThrow();
      expect(await store.explainers.get('severance')).toMatchObject({ state: 'approved' });
      await expect(store.explainers.save({ ...record, currentVersion: 7 })).rejects.toThrow(/第 7 版/);
      expect((await store.explainers.list()).map((r) => r.id)).toEqual(['severance']);
    });

    it('keeps feedback newest first per page prefix, and numbered wordings approved once', async () => {
      const store = await kit.open();
      await store.feedback.add({ page: '/explainers/a/', useful: true, note: null, at: '2026-01-01T00:00:00Z' });
      await store.feedback.add({ page: '/calculators/b/', useful: false, note: '看不懂', at: '2026-01-02T00:00:00Z' });
      expect((await store.feedback.list()).map((f) => f.page)).toEqual(['/calculators/b/', '/explainers/a/']);
      expect(await store.feedback.list({ pagePrefix: '/explainers/' })).toEqual([
        { id: 1, page: '/explainers/a/', useful: true, note: null, at: '2026-01-01T00:00:00Z' },
      ]);
      const { alert } = await raiseAlert(
        store,
        { ruleKey: 'k', level: 'yellow', title: 't', reasons: [], postIds: [], sources: [], firstSeen: 'x', lastSeen: 'x' },
        '2026-01-01T00:00:00Z',
      );
      const w1 = await store.wordings.add({ alertId: alert.id, text: '口径一', author: 'wang', createdAt: 't1' });
      const w2 = await store.wordings.add({ alertId: alert.id, text: '口径二', author: 'wang', createdAt: 't2' });
      expect([w1.number, w2.number]).toEqual([1, 2]);
      await store.wordings.approve(alert.id, 2, 'li', 't3');
      await expect(store.wordings.approve(alert.id, 2, 'li', 't4')).rejects.toThrow(/没有待审核/);
      expect((await store.wordings.list(alert.id)).map((w) => [w.number, w.approvedBy])).toEqual([
        [1, null],
        [2, 'li'],
      ]);
    });

    it('keeps one automatic draft per explainer and user, overwritten, never as a version', async () => {
      const store = await kit.open();
      expect(await store.migrations()).toContain('012-publicity-autosave-jobs');
      const a = { explainerId: 'severance', user: 'wang', source: '一', baseVersion: 1, savedAt: '2026-12-01T00:00:00Z' };
      await store.explainers.putAutosave(a);
      await store.explainers.putAutosave({ ...a, source: '二', savedAt: '2026-12-02T00:00:00Z' });
      await store.explainers.putAutosave({ ...a, user: 'li', source: '李的' });
      await store.explainers.putAutosave({ ...a, explainerId: '', baseVersion: null, source: '新页面' });
      expect(await store.explainers.getAutosave('severance', 'wang')).toEqual({ ...a, source: '二', savedAt: '2026-12-02T00:00:00Z' });
      expect(await store.explainers.getAutosave('', 'wang')).toEqual({
        explainerId: '',
        user: 'wang',
        source: '新页面',
        baseVersion: null,
        savedAt: '2026-12-01T00:00:00Z',
      });
      expect(await store.explainers.getAutosave('severance', 'zhao')).toBeNull();
      expect(await store.explainers.versions('severance')).toEqual([]);
      await store.explainers.deleteAutosave('severance', 'wang');
      expect(await store.explainers.getAutosave('severance', 'wang')).toBeNull();
      expect(await store.explainers.getAutosave('severance', 'li')).not.toBeNull();
      expect(await store.explainers.pruneAutosaves('2026-12-01T12:00:00Z')).toBe(2);
      expect(await store.explainers.getAutosave('severance', 'li')).toBeNull();
    });

    it('starts a publish job only by compare-and-set of the slot, and frees it only for its holder', async () => {
      const { publishJobs } = await kit.open();
      const job = (what: string, at: string) => ({ explainerId: 'severance', what, step: 'queued' as const, owner: 'h:1', startedAt: at, heartbeatAt: at });
      expect(await publishJobs.holder()).toBeNull();
      const first = await publishJobs.claim(job('一', '2026-12-05T00:00:00Z'), null);
      expect(first).toMatchObject({ id: 1, step: 'queued', errors: [], warnings: [], finishedAt: null });
      // Someone who saw an empty slot is too late: nothing is stored.
      expect(await publishJobs.claim(job('二', '2026-12-05T00:00:01Z'), null)).toBeNull();
      expect(await publishJobs.list()).toHaveLength(1);
      expect(await publishJobs.beat(1, '2026-12-05T00:00:05Z', 'building')).toBe(true);
      expect(await publishJobs.beat(1, '2026-12-05T00:00:06Z')).toBe(true);
      expect(await publishJobs.holder()).toMatchObject({ id: 1, step: 'building', heartbeatAt: '2026-12-05T00:00:06Z' });
      // A caller who decided about another holder than the one in the slot is refused too.
      expect(await publishJobs.claim(job('四', '2026-12-05T01:00:00Z'), 99, '中断了')).toBeNull();
      // Taking over a dead holder marks it failed; the old job then no longer holds the slot.
      const second = await publishJobs.claim(job('三', '2026-12-05T01:00:00Z'), 1, '中断了');
      expect(second).toMatchObject({ what: '三', step: 'queued' });
      expect(await publishJobs.get(1)).toMatchObject({ step: 'failed', errors: ['中断了'], finishedAt: '2026-12-05T01:00:00Z' });
      expect(await publishJobs.beat(1, '2026-12-05T01:00:01Z')).toBe(false);
      await publishJobs.finish(1, { step: 'done', at: '2026-12-05T01:00:02Z', errors: [], warnings: [] });
      expect((await publishJobs.holder())?.id).toBe(second!.id);
      await publishJobs.finish(second!.id, { step: 'done', at: '2026-12-05T01:01:00Z', errors: [], warnings: ['提醒'] });
      expect(await publishJobs.holder()).toBeNull();
      expect(await publishJobs.get(second!.id)).toMatchObject({ step: 'done', warnings: ['提醒'], finishedAt: '2026-12-05T01:01:00Z' });
      expect((await publishJobs.list()).map((j) => j.id)).toEqual([second!.id, 1]);
      expect((await publishJobs.list(1)).map((j) => j.id)).toEqual([second!.id]);
      expect(await publishJobs.get(12345)).toBeNull();
    });
  });

  it('offers the labelling queue: scored, unlabelled, not skipped by this officer, narrowed by filter', async () => {
    const store = await kit.open();
    const ids = [await post(store, 1, { publishedAt: '2026-11-27T10:00:00+08:00' }), await post(store, 2), await post(store, 3)];
    await post(store, 9);
    for (const [i, id] of ids.entries()) {
      await store.scores.save({
        postId: id,
        sentiment: i === 2 ? 'negative' : 'neutral',
        negative: [0.3, 0.45, 0.9][i]!,
        severity: i === 2 ? 3 : 1,
        topic: 'wages',
        reasons: [],
        model: 't',
        scoredAt: 't',
      });
    }
    expect((await store.labels.unlabelled('zhang')).find((c) => c.postId === ids[0])).toEqual({
      postId: ids[0],
      sentiment: 'neutral',
      negative: 0.3,
      severity: 1,
      topic: 'wages',
      postedAt: '2026-11-27T10:00:00+08:00',
    });
    expect((await store.labels.unlabelled('zhang', { minSeverity: 2 })).map((c) => c.postId)).toEqual([ids[2]]);
    expect((await store.labels.unlabelled('zhang', { negativeFrom: 0.3, negativeTo: 0.45 })).map((c) => c.postId).sort()).toEqual([ids[0], ids[1]].sort());
    await store.labels.skip(ids[1]!, 'zhang', 't');
    await store.labels.skip(ids[1]!, 'zhang', 't2');
    await store.labels.save({ postId: ids[0]!, sentiment: 'negative', severity: null, topic: null, actor: 'li', at: 't' });
    expect(await store.labels.countUnlabelled('zhang')).toBe(1);
    expect(await store.labels.countUnlabelled('li')).toBe(2);
  });

  it('counts posts per local day and sentiment, and per source, district or topic', async () => {
    const store = await kit.open();
    // 23:30 UTC on the 1st is the 2nd in UTC+8.
    const a = await post(store, 1, { publishedAt: '2026-12-01T23:30:00Z', district: '渠县' });
    await post(store, 2, { publishedAt: '2026-12-02T10:00:00+08:00', source: 'forum' });
    await post(store, 3, { publishedAt: null, fetchedAt: '2026-12-03T01:00:00Z' });
    await post(store, 4, { publishedAt: '2026-10-01T00:00:00Z' });
    await store.scores.save({ postId: a, sentiment: 'negative', negative: 0.9, severity: 1, topic: '欠薪', reasons: [], model: 't', scoredAt: 't' });
    const days = await store.posts.countsByDay({ since: '2026-11-30T00:00:00Z', utcOffsetMinutes: 480 });
    expect(days.sort((x, y) => (x.day + x.sentiment).localeCompare(y.day + y.sentiment))).toEqual([
      { day: '2026-12-02', sentiment: 'negative', count: 1 },
      { day: '2026-12-02', sentiment: null, count: 1 },
      { day: '2026-12-03', sentiment: null, count: 1 },
    ]);
    expect(await store.posts.countsBy('source', { since: '2026-11-30T00:00:00Z' })).toEqual([
      { key: 'board', count: 2 },
      { key: 'forum', count: 1 },
    ]);
    expect((await store.posts.countsBy('topic', { since: '2026-11-30T00:00:00Z' })).sort((x, y) => x.count - y.count)).toEqual([
      { key: '欠薪', count: 1 },
      { key: null, count: 2 },
    ]);
    expect((await store.posts.list({ since: '2026-12-02T00:00:00Z' })).length).toBe(2);
    const page = await store.posts.list({ limit: 2 });
    expect((await store.posts.list({ afterId: page[1]!.id })).length).toBe(2);
  });

  it('keeps the audit log newest first, per actor, and counts anonymous entries', async () => {
    const { audit } = await kit.open();
    await audit.record({ at: '2026-12-01T00:00:00Z', actor: null, action: 'login_failed', target: 'x', detail: null, ip: '1.2.3.4' });
    await audit.record({ at: '2026-12-01T01:00:00Z', actor: 'zhang', action: 'login', target: null, detail: null, ip: null });
    await audit.record({ at: '2026-12-01T02:00:00Z', actor: null, action: 'login_failed', target: 'y', detail: '密码错', ip: null });
    expect((await audit.list()).map((e) => e.action)).toEqual(['login_failed', 'login', 'login_failed']);
    expect((await audit.list({ actor: 'zhang' })).map((e) => e.at)).toEqual(['2026-12-01T01:00:00Z']);
    expect(await audit.countAnonymousSince('2026-12-01T00:30:00Z')).toBe(1);
  });

  it('disables users, changes passwords and ends sessions per user', async () => {
    const store = await kit.open();
    const u = await store.users.add({ name: 'zhang', role: 'duty', passwordHash: 'h1', createdAt: 't' });
    await store.users.setPasswordHash('zhang', 'h2');
    await store.users.setDisabled('zhang', true);
    expect(await store.users.byName('zhang')).toMatchObject({ id: u.id, passwordHash: 'h2', disabled: true });
    expect((await store.users.list()).map((x) => x.name)).toEqual(['zhang']);
    for (const h of ['a', 'b'])
      await store.sessions.create({
        idHash: h,
        userId: u.id,
        csrfToken: 'c',
        createdAt: 't',
        expiresAt: h === 'a' ? '2026-01-01' : '2027-01-01',
        lastSeenAt: 't',
      });
    expect(await store.sessions.deleteExpired('2026-06-01')).toBe(1);
    expect(await store.sessions.deleteForUser(u.id)).toBe(1);
    expect(await store.sessions.get('b')).toBeNull();
  });
});
