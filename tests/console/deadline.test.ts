import { describe, expect, it } from 'vitest';
import type { Alert, AlertEvent } from '../../store/types.ts';
import { alertClock, percentile, responseReport } from '../../site/server/deadline.ts';
import { endOfChinaDay, formatDate, formatDuration } from '../../site/server/labels.ts';
import { planTransition, availableActions } from '../../site/server/workflow.ts';

const T0 = '2025-09-01T02:00:00.000Z'; // 10:00 Beijing time
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3600_000);

function alert(level: Alert['level'], status: Alert['status'] = 'new'): Alert {
  return {
    id: 'a1',
    ruleKey: 'k',
    level,
    status,
    title: 't',
    reasons: [],
    postIds: [],
    sources: [],
    firstSeen: T0,
    lastSeen: T0,
    assignee: null,
    createdAt: T0,
    updatedAt: T0,
  };
}
let nextId = 1;
const ev = (action: AlertEvent['action'], hours: number): AlertEvent => ({
  id: nextId++,
  alertId: 'a1',
  at: at(hours).toISOString(),
  actor: 'duty',
  action,
  note: null,
});

describe('deadline clock', () => {
  it('gives red 5 hours for authoritative information', () => {
    const c = alertClock(alert('red'), [ev('raised', 0)], at(1 + 40 / 60));
    expect(c.state).toBe('running');
    expect(c.current?.label).toBe('发布权威信息');
    expect(c.text).toBe('剩 3 小时 20 分');
  });

  it('shows how long a deadline has been missed', () => {
    expect(alertClock(alert('red'), [ev('raised', 0)], at(7)).text).toBe('已超时 2 小时');
    expect(alertClock(alert('orange'), [ev('raised', 0)], at(50)).state).toBe('overdue');
  });

  it('moves red to the 24-hour press conference once information is out', () => {
    const c = alertClock(alert('red', 'responded'), [ev('raised', 0), ev('responded', 3)], at(4));
    expect(c.milestones[0]!.late).toBe(false);
    expect(c.current?.label).toBe('召开新闻发布会');
    expect(c.text).toBe('剩 20 小时');
  });

  it('gives yellow until the end of the Beijing day', () => {
    // raised 10:00 Beijing → deadline 24:00 Beijing = 14 hours later
    expect(alertClock(alert('yellow'), [ev('raised', 0)], at(0)).text).toBe('剩 14 小时');
    expect(endOfChinaDay(new Date('2025-09-01T16:30:00Z')).toISOString()).toBe('2025-09-02T16:00:00.000Z');
  });

  it('gives orange 48 hours and blue a day, met by a response or a first look respectively', () => {
    expect(alertClock(alert('orange'), [ev('raised', 0)], at(0)).text).toBe('剩 2 天');
    const blue = alertClock(alert('blue', 'acknowledged'), [ev('raised', 0), ev('acknowledged', 2)], at(30));
    expect(blue.state).toBe('done');
    expect(blue.text).toBe('已按时完成');
  });

  it('restarts the clock when the alert is escalated, and stops it for false positives', () => {
    const escalated = { ...alert('red'), createdAt: T0 };
    const c = alertClock(escalated, [ev('raised', 0), ev('escalated', 10)], at(11));
    expect(c.start.toISOString()).toBe(at(10).toISOString());
    expect(c.text).toBe('剩 4 小时');
    expect(alertClock(alert('red', 'false_positive'), [ev('raised', 0), ev('false_positive', 1)], at(30)).text).toBe('误报，不计时');
  });

  it('marks a late response as done late', () => {
    const c = alertClock(alert('orange', 'responded'), [ev('raised', 0), ev('responded', 60)], at(61));
    expect(c.state).toBe('done_late');
  });
});

describe('formats', () => {
  it('writes durations and dates the Chinese way', () => {
    expect(formatDuration(3 * 3600_000 + 20 * 60_000)).toBe('3 小时 20 分');
    expect(formatDuration(-2 * 3600_000)).toBe('2 小时');
    expect(formatDuration(30_000)).toBe('不到 1 分');
    expect(formatDuration(26 * 3600_000)).toBe('1 天 2 小时');
    expect(formatDate('2025-08-31T17:00:00Z')).toBe('2025年9月1日');
  });
});

describe('response-time report', () => {
  it('computes median and 95th percentile per level and counts deadline misses', () => {
    const items = [
      { alert: { ...alert('red', 'responded'), id: 'r1' }, events: [ev('raised', 0), ev('acknowledged', 0.5), ev('responded', 2)] },
      { alert: { ...alert('red', 'responded'), id: 'r2' }, events: [ev('raised', 0), ev('acknowledged', 1), ev('responded', 6)] },
      { alert: { ...alert('red', 'false_positive'), id: 'r3' }, events: [ev('raised', 0), ev('false_positive', 1)] },
      { alert: { ...alert('blue'), id: 'b1' }, events: [ev('raised', 0)] },
    ];
    const report = responseReport(items, at(30));
    const red = report.find((r) => r.level === 'red')!;
    expect(red.alerts).toBe(3);
    expect(red.falsePositives).toBe(1);
    expect(red.ackMedianMs).toBe(0.5 * 3600_000);
    expect(red.ackP95Ms).toBe(3600_000);
    expect(red.respondMedianMs).toBe(2 * 3600_000);
    // r2 answered after 6 h (> 5 h); both red alerts are also past 24 h without a press conference.
    expect(red.exceeded).toBe(2);
    const blue = report.find((r) => r.level === 'blue')!;
    expect(blue.exceeded).toBe(1);
    expect(blue.ackMedianMs).toBeNull();
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('workflow', () => {
  it('offers only actions that fit the status', () => {
    expect(availableActions('new')).toContain('acknowledge');
    expect(availableActions('closed')).toEqual(['reopen', 'note']);
    const refused = planTransition(alert('red', 'closed'), { action: 'acknowledge' }, []);
    expect(refused).toEqual({ ok: false, error: '预警当前状态为“已关闭”，不能执行“确认”' });
  });

  it('requires a note for responses and false positives, and a known assignee', () => {
    expect(planTransition(alert('red'), { action: 'respond', note: '  ' }, []).ok).toBe(false);
    expect(planTransition(alert('red'), { action: 'false_positive', note: '与人社无关' }, [])).toMatchObject({
      ok: true,
      change: { status: 'false_positive' },
    });
    expect(planTransition(alert('red'), { action: 'assign', assignee: 'ghost' }, ['duty']).ok).toBe(false);
    expect(planTransition(alert('red'), { action: 'assign', assignee: 'duty' }, ['duty'])).toMatchObject({
      ok: true,
      change: { status: 'assigned', assignee: 'duty' },
    });
    expect(planTransition(alert('red', 'false_positive'), { action: 'reopen' }, [])).toMatchObject({ ok: true, change: { status: 'new', action: 'reopened' } });
  });

  it('moves an alert into 处置中 and keeps it there when someone is assigned', () => {
    expect(planTransition(alert('red', 'acknowledged'), { action: 'start' }, [])).toMatchObject({
      ok: true,
      change: { status: 'in_progress', action: 'in_progress' },
    });
    expect(availableActions('in_progress')).toEqual(expect.arrayContaining(['assign', 'respond', 'close', 'false_positive']));
    expect(availableActions('in_progress')).not.toContain('start');
    expect(planTransition(alert('red', 'in_progress'), { action: 'assign', assignee: 'duty' }, ['duty'])).toMatchObject({
      ok: true,
      change: { status: 'in_progress' },
    });
  });
});
