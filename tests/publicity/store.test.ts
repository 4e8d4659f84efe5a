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
});
