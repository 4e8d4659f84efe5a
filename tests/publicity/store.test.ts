// The store keeps versions, state and feedback; migration 008 applies.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { importedRecord } from '../../publicity/workflow.ts';

let store: Store;
afterEach(async () => store?.close());

describe('publicity store', () => {
  it('saves a record with its versions and approvals in one transaction', async () => {
    store = openStore(':memory:');
    expect(await store.migrations()).toContain('008-publicity');
    const { record, version } = importedRecord('severance', 'v1', '2026-01-01T00:00:00Z');
    await store.explainers.save(record, { newVersion: version });
    const v2 = { ...version, number: 2, source: 'v2', author: 'wang', approvedBy: null };
    await store.explainers.save({ ...record, state: 'draft', currentVersion: 2 }, { newVersion: v2 });
    await store.explainers.save({ ...record, state: 'approved', currentVersion: 2, approvedBy: 'li' }, { approveVersion: { number: 2, by: 'li' } });
    expect(await store.explainers.get('severance')).toMatchObject({ state: 'approved', currentVersion: 2, publishedVersion: 1 });
    expect((await store.explainers.versions('severance')).map((v) => [v.number, v.source, v.approvedBy])).toEqual([[1, 'v1', '（从文件导入）'], [2, 'v2', 'li']]);
    // A taken version number (two editors at once) is refused and nothing changes.
    await expect(store.explainers.save({ ...record, state: 'draft', currentVersion: 2 }, { newVersion: { ...v2, source: 'other' } })).rejects.toThrow();
    expect(await store.explainers.get('severance')).toMatchObject({ state: 'approved' });
    // A record pointing at a version that does not exist is refused.
    await expect(store.explainers.save({ ...record, currentVersion: 7 })).rejects.toThrow(/第 7 版/);
    expect((await store.explainers.list()).map((r) => r.id)).toEqual(['severance']);
  });

  it('keeps feedback without any address and lists it newest first, per page prefix', async () => {
    store = openStore(':memory:');
    await store.feedback.add({ page: '/explainers/a/', useful: true, note: null, at: '2026-01-01T00:00:00Z' });
    await store.feedback.add({ page: '/calculators/b/', useful: false, note: '看不懂', at: '2026-01-02T00:00:00Z' });
    expect((await store.feedback.list()).map((f) => f.page)).toEqual(['/calculators/b/', '/explainers/a/']);
    expect(await store.feedback.list({ pagePrefix: '/explainers/' })).toEqual([{ id: 1, page: '/explainers/a/', useful: true, note: null, at: '2026-01-01T00:00:00Z' }]);
    expect(await store.feedback.list({ since: '2026-01-02' })).toHaveLength(1);
  });

  it('keeps one automatic draft per explainer and user, overwritten, never as a version', async () => {
    store = openStore(':memory:');
    expect(await store.migrations()).toContain('012-publicity-autosave-jobs');
    const a = { explainerId: 'severance', user: 'wang', source: '一', baseVersion: 1, savedAt: '2026-12-01T00:00:00Z' };
    await store.explainers.putAutosave(a);
    await store.explainers.putAutosave({ ...a, source: '二', savedAt: '2026-12-02T00:00:00Z' });
    await store.explainers.putAutosave({ ...a, user: 'li', source: '李的' });
    await store.explainers.putAutosave({ ...a, explainerId: '', baseVersion: null, source: '新页面' });
    expect(await store.explainers.getAutosave('severance', 'wang')).toEqual({ ...a, source: '二', savedAt: '2026-12-02T00:00:00Z' });
    expect(await store.explainers.getAutosave('', 'wang')).toMatchObject({ source: '新页面', baseVersion: null });
    expect(await store.explainers.versions('severance')).toEqual([]);
    await store.explainers.deleteAutosave('severance', 'wang');
    expect(await store.explainers.getAutosave('severance', 'wang')).toBeNull();
    expect(await store.explainers.getAutosave('severance', 'li')).not.toBeNull();
    expect(await store.explainers.pruneAutosaves('2026-12-01T12:00:00Z')).toBe(2);
  });

  it('starts a publish job only by compare-and-set of the slot, and frees it only for its holder', async () => {
    store = openStore(':memory:');
    const job = (what: string, at: string) => ({ explainerId: 'severance', what, step: 'queued' as const, owner: 'h:1', startedAt: at, heartbeatAt: at });
    const first = await store.publishJobs.claim(job('一', '2026-12-05T00:00:00Z'), null);
    expect(first).toMatchObject({ id: 1, step: 'queued', errors: [] });
    // Someone who saw an empty slot is too late: nothing is stored.
    expect(await store.publishJobs.claim(job('二', '2026-12-05T00:00:01Z'), null)).toBeNull();
    expect(await store.publishJobs.list()).toHaveLength(1);
    expect(await store.publishJobs.beat(1, '2026-12-05T00:00:05Z', 'building')).toBe(true);
    expect(await store.publishJobs.holder()).toMatchObject({ id: 1, step: 'building', heartbeatAt: '2026-12-05T00:00:05Z' });
    // Taking over a dead holder marks it failed; the old job then no longer holds the slot.
    const second = await store.publishJobs.claim(job('三', '2026-12-05T01:00:00Z'), 1, '中断了');
    expect(second).toMatchObject({ what: '三' });
    expect(await store.publishJobs.get(1)).toMatchObject({ step: 'failed', errors: ['中断了'], finishedAt: '2026-12-05T01:00:00Z' });
    expect(await store.publishJobs.beat(1, '2026-12-05T01:00:01Z')).toBe(false);
    await store.publishJobs.finish(1, { step: 'done', at: '2026-12-05T01:00:02Z', errors: [], warnings: [] });
    expect((await store.publishJobs.holder())?.id).toBe(second!.id);
    await store.publishJobs.finish(second!.id, { step: 'done', at: '2026-12-05T01:01:00Z', errors: [], warnings: ['提醒'] });
    expect(await store.publishJobs.holder()).toBeNull();
    expect(await store.publishJobs.get(second!.id)).toMatchObject({ step: 'done', warnings: ['提醒'] });
    expect((await store.publishJobs.list()).map((j) => j.id)).toEqual([second!.id, 1]);
  });
});
