// The review workflow: two people for every published text, versions kept, rollback, schedule.
import { describe, expect, it } from 'vitest';
import {
  decide,
  duePublications,
  importedRecord,
  listStatus,
  newRecord,
  validateExplainerId,
  type Actor,
  type Decision,
  type ExplainerRecord,
  type ExplainerVersion,
  type WorkflowAction,
} from '../../publicity/workflow.ts';

const wang: Actor = { name: 'wang', role: 'publicity' };
const li: Actor = { name: 'li', role: 'publicity' };
const admin: Actor = { name: 'boss', role: 'admin' };
const duty: Actor = { name: 'zhou', role: 'duty' };

/** Applies actions in order, keeping versions as the store would. */
function run(steps: [WorkflowAction, Actor, string?][]) {
  const first: ExplainerVersion = {
    explainerId: 'x',
    number: 1,
    source: 'v1',
    author: 'wang',
    createdAt: '2026-01-01T00:00:00Z',
    note: null,
    approvedBy: null,
  };
  let record: ExplainerRecord = newRecord('x', first);
  const versions = [first];
  const decisions: Decision[] = [];
  for (const [action, actor, now = '2026-01-02T00:00:00Z'] of steps) {
    const d = decide(record, versions, action, actor, now);
    decisions.push(d);
    if (!d.ok) continue;
    record = d.record;
    if (d.newVersion) versions.push(d.newVersion);
    if (d.approveVersion) versions.find((v) => v.number === d.approveVersion)!.approvedBy = actor.name;
  }
  return { record, versions, decisions, last: decisions.at(-1)! };
}

describe('明白纸 workflow', () => {
  it('goes draft → submitted → approved by a second person → published, asking for a rebuild', () => {
    const { record, last, decisions } = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish' }, wang],
    ]);
    expect(decisions.every((d) => d.ok)).toBe(true);
    expect(record).toMatchObject({ state: 'published', publishedVersion: 1, approvedBy: 'li', submittedBy: 'wang' });
    expect(last.ok && last.rebuild).toBe(true);
    expect(last.ok && last.audit.action).toBe('explainer.publish');
  });

  it('never lets the author approve their own version, not even an administrator', () => {
    const own = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, wang],
    ]).last;
    expect(own).toEqual({ ok: false, status: 403, error: expect.stringContaining('不能审核自己写的版本') });
    // An admin who edited the text is its author too.
    const adminOwn = run([
      [{ type: 'save', source: 'v2' }, admin],
      [{ type: 'submit' }, admin],
      [{ type: 'approve' }, admin],
    ]).last;
    expect(adminOwn.ok).toBe(false);
    // Someone who only sent another's version for review cannot approve it either.
    const submitter = run([
      [{ type: 'submit' }, li],
      [{ type: 'approve' }, li],
    ]).last;
    expect(submitter.ok).toBe(false);
    expect(
      run([
        [{ type: 'submit' }, wang],
        [{ type: 'approve' }, admin],
      ]).last.ok,
    ).toBe(true);
  });

  it('refuses duty officers everything', () => {
    for (const action of [{ type: 'save', source: 'v2' }, { type: 'submit' }, { type: 'publish' }] as WorkflowAction[]) {
      expect(run([[action, duty]]).last).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('cannot publish before approval, and an edit after approval needs a new review', () => {
    expect(run([[{ type: 'publish' }, wang]]).last).toMatchObject({ ok: false, status: 409 });
    const { record, last } = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'save', source: 'v2 sneaky' }, wang],
      [{ type: 'publish' }, wang],
    ]);
    expect(last.ok).toBe(false);
    expect(record).toMatchObject({ state: 'draft', currentVersion: 2, approvedBy: null });
  });

  it('schedules a publication for later and reports it due only when its time has come', () => {
    const { record } = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish', at: '2026-01-05T01:00:00Z' }, wang],
    ]);
    expect(record).toMatchObject({ state: 'scheduled', publishAt: '2026-01-05T01:00:00.000Z', publishedVersion: null });
    expect(duePublications([record], '2026-01-05T00:59:59.000Z')).toEqual([]);
    expect(duePublications([record], '2026-01-05T01:00:00.000Z')).toEqual([record]);
    // Publishing it when due puts it on the site.
    const done = decide(
      record,
      [{ explainerId: 'x', number: 1, source: 'v1', author: 'wang', createdAt: '', note: null, approvedBy: 'li' }],
      { type: 'publish' },
      li,
      '2026-01-05T01:00:00.000Z',
    );
    expect(done.ok && done.record).toMatchObject({ state: 'published', publishedVersion: 1 });
  });

  it('unpublishes a published page (rebuild) and cancels a schedule (no rebuild)', () => {
    const published = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish' }, wang],
      [{ type: 'unpublish' }, li],
    ]);
    expect(published.record).toMatchObject({ publishedVersion: null, state: 'draft' });
    expect(published.last.ok && published.last.rebuild).toBe(true);
    const scheduled = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish', at: '2027-01-01T00:00:00Z' }, wang],
      [{ type: 'unpublish' }, wang],
    ]);
    expect(scheduled.record.state).toBe('approved');
    expect(scheduled.last.ok && scheduled.last.rebuild).toBe(false);
  });

  it('rolls back to an approved version as a new, already approved version; to a never-approved one as a draft', () => {
    const { record, versions, last } = run([
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish' }, wang],
      [{ type: 'save', source: 'v2' }, wang],
      [{ type: 'submit' }, wang],
      [{ type: 'approve' }, li],
      [{ type: 'publish' }, wang],
      [{ type: 'rollback', to: 1 }, wang],
    ]);
    expect(last.ok).toBe(true);
    expect(versions.map((v) => v.source)).toEqual(['v1', 'v2', 'v1']);
    expect(versions[2]).toMatchObject({ number: 3, author: 'wang', approvedBy: 'li', note: '回滚到第 1 版' });
    expect(record).toMatchObject({ state: 'approved', currentVersion: 3, publishedVersion: 2 });
    const draft = run([
      [{ type: 'save', source: 'v2' }, wang],
      [{ type: 'rollback', to: 1 }, wang],
    ]);
    expect(draft.record.state).toBe('draft');
    expect(run([[{ type: 'rollback', to: 9 }, wang]]).last).toMatchObject({ ok: false, status: 422 });
  });

  it('imports pages already on the site as published version 1', () => {
    const { record, version } = importedRecord('severance', '---\n', '2026-01-01T00:00:00Z');
    expect(record).toMatchObject({ state: 'published', publishedVersion: 1, currentVersion: 1 });
    expect(version.approvedBy).toBeTruthy();
  });

  it('marks a published page whose policy has ended as expired', () => {
    const { record } = importedRecord('x', '', '2026-01-01T00:00:00Z');
    expect(listStatus(record, new Date('2025-12-31'), new Date('2026-02-01'))).toBe('expired');
    expect(listStatus(record, null, new Date('2026-02-01'))).toBe('published');
  });

  it('accepts only URL-safe page ids', () => {
    expect(validateExplainerId('maternity-benefit')).toBeNull();
    expect(validateExplainerId('生育')).toMatch(/英文小写/);
    expect(validateExplainerId('../etc')).toMatch(/英文小写/);
  });
});
