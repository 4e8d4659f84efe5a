// Suggestions for an alert and the 回应口径 rules.
import { afterEach, describe, expect, it } from 'vitest';
import { approvedWording, checkWordingApprove, checkWordingSave, suggestForAlert } from '../../publicity/alert-help.ts';
import { openStore, type Store } from '../../store/index.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

const explainers = [
  { id: 'wage-arrears', title: '被欠工资怎么办', topic: '欠薪', calculators: [] },
  { id: 'severance', title: '被辞退能拿多少经济补偿', topic: '劳动关系', calculators: ['severance'] },
  { id: 'unemployment-benefit', title: '失业金', topic: '失业保险', calculators: ['unemployment'] },
];

describe('suggestForAlert', () => {
  it('suggests the explainers on the alert posts’ matters, the commonest first, with their calculators', () => {
    const s = suggestForAlert(['wages', 'wages', 'labor_dispute'], explainers);
    expect(s.explainers.map((e) => e.id)).toEqual(['wage-arrears', 'severance']);
    expect(s.calculators).toEqual(['severance']);
    expect(suggestForAlert(['service_attitude'], explainers).explainers).toEqual([]);
  });
});

let store: Store;
afterEach(async () => store?.close());

describe('回应口径', () => {
  it('keeps every version and needs a second person to approve', async () => {
    store = openStore(':memory:');
    const { alert } = await raiseAlert(
      store,
      { ruleKey: 'k', level: 'orange', title: 't', reasons: [], postIds: [], sources: [], firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z' },
      '2026-01-01T00:00:00Z',
    );
    expect(checkWordingSave('duty', '口径', [])).toMatchObject({ ok: false, status: 403 });
    expect(checkWordingSave('publicity', '  ', [])).toMatchObject({ ok: false, status: 422 });
    expect(checkWordingSave('publicity', '已责成相关部门核查。', [])).toEqual({ ok: true });
    await store.wordings.add({ alertId: alert.id, text: '已责成相关部门核查。', author: 'wang', createdAt: '2026-01-01T01:00:00Z' });
    await store.wordings.add({ alertId: alert.id, text: '已责成区人社局核查，三日内答复。', author: 'wang', createdAt: '2026-01-01T02:00:00Z' });
    let versions = await store.wordings.list(alert.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(checkWordingSave('publicity', '已责成区人社局核查，三日内答复。', versions)).toMatchObject({ ok: false, status: 409 });
    expect(checkWordingApprove({ name: 'wang', role: 'publicity' }, 2, versions)).toMatchObject({ ok: false, status: 403 });
    expect(checkWordingApprove({ name: 'li', role: 'publicity' }, 1, versions)).toMatchObject({ ok: false, status: 409 });
    expect(approvedWording(versions)).toBeNull();
    expect(checkWordingApprove({ name: 'li', role: 'publicity' }, 2, versions)).toEqual({ ok: true });
    await store.wordings.approve(alert.id, 2, 'li', '2026-01-01T03:00:00Z');
    versions = await store.wordings.list(alert.id);
    expect(approvedWording(versions)).toMatchObject({ number: 2, approvedBy: 'li' });
    await expect(store.wordings.approve(alert.id, 2, 'li', '2026-01-01T03:00:00Z')).rejects.toThrow();
  });
});
