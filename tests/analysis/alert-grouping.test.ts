// A duty officer's grouping corrections as pure decisions (analysis/alerts/grouping.ts): what a merge
// and a move-out change on the alerts, what the histories say, and what is refused. The stores write
// these decisions as they are (tests/store/contract/posts-alerts.test.ts checks both dialects).
import { describe, expect, it } from 'vitest';
import { GroupingRefusal, mergeAlerts, moveOutOfAlert } from '../../analysis/alerts/grouping.ts';
import type { Alert } from '../../store/types.ts';

const AT = '2026-12-06T06:00:00.000Z';

function alert(id: string, extra: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleKey: `event:${id}`,
    level: 'yellow',
    status: 'acknowledged',
    title: '工地欠薪',
    reasons: [],
    postIds: [`${id}-1`, `${id}-2`],
    sources: ['board'],
    firstSeen: '2026-12-01T01:00:00Z',
    lastSeen: '2026-12-01T05:00:00Z',
    assignee: 'zhang',
    createdAt: '2026-12-01T06:00:00Z',
    updatedAt: '2026-12-01T06:00:00Z',
    ...extra,
  };
}

describe('merging two alerts by hand', () => {
  const from = alert('b', {
    level: 'orange',
    postIds: ['p3', 'p1', 'p4'],
    sources: ['rss', 'board'],
    firstSeen: '2026-11-30T23:00:00Z',
    lastSeen: '2026-12-01T04:00:00Z',
  });
  const into = alert('a', { level: 'yellow', postIds: ['p1', 'p2'], sources: ['board', 'forum'] });

  it('gives the kept alert the higher level, its posts then the new ones, the earlier start and later end', () => {
    const c = mergeAlerts(from, into, { actor: 'zhang', at: AT });
    expect(c.keep).toBe('a');
    expect(c.alerts[0]).toEqual({
      id: 'a',
      set: {
        level: 'orange',
        postIds: ['p1', 'p2', 'p3', 'p4'],
        sources: ['board', 'forum', 'rss'],
        firstSeen: '2026-11-30T23:00:00Z',
        lastSeen: '2026-12-01T05:00:00Z',
        updatedAt: AT,
      },
    });
    // A lower level merged in does not lower the kept alert.
    expect(mergeAlerts(alert('c', { level: 'blue' }), alert('d', { level: 'red' }), { actor: 'zhang', at: AT }).alerts[0]!.set.level).toBe('red');
  });

  it('closes the merged-away alert and records the merge in both histories and as an override', () => {
    const c = mergeAlerts(from, into, { actor: 'zhang', at: AT, note: '同一包工头' });
    expect(c.alerts[1]).toEqual({ id: 'b', set: { status: 'closed', updatedAt: AT } });
    expect(c.events).toEqual([
      { alertId: 'a', at: AT, actor: 'zhang', action: 'merged', note: '并入预警 b（3 条帖子）；同一包工头' },
      { alertId: 'b', at: AT, actor: 'zhang', action: 'merged', note: '已并入预警 a；同一包工头' },
    ]);
    expect(c.override).toEqual({ kind: 'merge', alertId: 'b', targetAlertId: 'a', actor: 'zhang', at: AT });
    expect(mergeAlerts(from, into, { actor: 'li', at: AT }).events.map((e) => e.note)).toEqual(['并入预警 b（3 条帖子）', '已并入预警 a']);
  });

  it('refuses to merge an alert into itself, in Chinese', () => {
    expect(() => mergeAlerts(into, into, { actor: 'zhang', at: AT })).toThrow(new GroupingRefusal('self', '不能把预警并入它自己'));
  });

  it('refuses a target that is no longer open, and burst alerts either way', () => {
    for (const status of ['closed', 'false_positive'] as const)
      expect(() => mergeAlerts(from, { ...into, status }, { actor: 'zhang', at: AT })).toThrow(/请先重新打开它/);
    expect(mergeAlerts(from, { ...into, status: 'new' }, { actor: 'zhang', at: AT }).keep).toBe('a');
    const burst = alert('c', { ruleKey: 'burst:wages:2026-12-01' });
    for (const [f, t] of [
      [burst, into],
      [from, burst],
    ] as const) {
      let refusal: unknown;
      try {
        mergeAlerts(f, t, { actor: 'zhang', at: AT });
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(GroupingRefusal);
      expect((refusal as GroupingRefusal).kind).toBe('burst');
    }
  });
});

describe('moving a post out of an alert by hand', () => {
  const a = alert('a', { postIds: ['p1', 'p2', 'p3'], sources: ['board', 'rss'] });
  const sourceOf = new Map([
    ['p1', 'rss'],
    ['p2', 'board'],
    ['p3', 'rss'],
  ]);

  it('keeps the other posts in order and the sources of those posts only', () => {
    const c = moveOutOfAlert(a, 'p2', sourceOf, { actor: 'zhang', at: AT, note: '另一个工地' });
    expect(c.alerts).toEqual([{ id: 'a', set: { postIds: ['p1', 'p3'], sources: ['rss'], updatedAt: AT } }]);
    expect(c.events).toEqual([{ alertId: 'a', at: AT, actor: 'zhang', action: 'post_moved_out', note: '移出帖子 p2；另一个工地' }]);
    expect(c.override).toEqual({ kind: 'move_out', alertId: 'a', postId: 'p2', actor: 'zhang', at: AT });
  });

  it('keeps the sources it had when none of the remaining posts is stored any more', () => {
    expect(moveOutOfAlert(a, 'p2', new Map([['p2', 'board']]), { actor: 'zhang', at: AT }).alerts[0]!.set.sources).toEqual(['board', 'rss']);
  });

  it('refuses a post the alert does not hold and the last post, in Chinese', () => {
    expect(() => moveOutOfAlert(a, 'p9', sourceOf, { actor: 'zhang', at: AT })).toThrow('帖子 p9 不在预警 a 里');
    expect(() => moveOutOfAlert(alert('b', { postIds: ['p1'] }), 'p1', sourceOf, { actor: 'zhang', at: AT })).toThrow('预警只剩这一条帖子');
  });
});
