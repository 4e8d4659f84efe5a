// The alert lifecycle as pure rules: which action from which status, who may act, what changes.
import { describe, expect, it } from 'vitest';
import { assignableUsers, availableActions, mayAct, planTransition, refusalStatus, WORKFLOW_ACTIONS } from '../../analysis/alerts/lifecycle.ts';
import { endOfDayIn } from '../../analysis/alerts/deadline.ts';
import type { AlertStatus, User } from '../../store/types.ts';

const STATUSES: AlertStatus[] = ['new', 'acknowledged', 'assigned', 'in_progress', 'responded', 'closed', 'false_positive'];
const full = { note: '已处理', assignee: 'duty' };

describe('alert lifecycle', () => {
  it('refuses the illegal steps duty officers were able to take (respond after close, acknowledge from assigned)', () => {
    expect(planTransition({ status: 'closed' }, { action: 'respond', note: '回应' }, [])).toEqual({
      ok: false,
      refusal: { kind: 'wrong_status', status: 'closed', action: 'respond' },
    });
    expect(planTransition({ status: 'assigned' }, { action: 'acknowledge' }, [])).toMatchObject({ ok: false, refusal: { kind: 'wrong_status' } });
    expect(planTransition({ status: 'false_positive' }, { action: 'close' }, [])).toMatchObject({ ok: false });
  });

  it('plans every legal step from the status it was made from, and only those', () => {
    let legal = 0;
    for (const status of STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        const plan = planTransition({ status }, { action, ...full }, ['duty']);
        expect(plan.ok).toBe(availableActions(status).includes(action));
        if (plan.ok) {
          legal++;
          expect(plan.change.from).toBe(status);
        } else expect(refusalStatus(plan.refusal)).toBe(409);
      }
    }
    expect(legal).toBe(33); // 7 from 新, 6 from 已确认 and 已指派, 5 from 处置中 and 已回应, 2 from each ended status
    // Ended alerts only reopen (to 新) or take notes.
    expect(availableActions('closed')).toEqual(['reopen', 'note']);
    expect(planTransition({ status: 'closed' }, { action: 'reopen' }, [])).toMatchObject({
      ok: true,
      change: { from: 'closed', status: 'new', action: 'reopened' },
    });
  });

  it('asks for what an action needs (422), not a status change', () => {
    const respond = planTransition({ status: 'new' }, { action: 'respond', note: '  ' }, []);
    expect(respond).toEqual({ ok: false, refusal: { kind: 'note_required', action: 'respond' } });
    expect(!respond.ok && refusalStatus(respond.refusal)).toBe(422);
    expect(planTransition({ status: 'new' }, { action: 'assign', assignee: 'ghost' }, ['duty'])).toMatchObject({
      ok: false,
      refusal: { kind: 'unknown_assignee' },
    });
    expect(planTransition({ status: 'new' }, { action: 'note', note: 'x'.repeat(2001) }, [])).toMatchObject({ ok: false, refusal: { kind: 'note_too_long' } });
  });

  it('lets duty officers and admins act, assigns only to them while enabled', () => {
    expect([mayAct('duty'), mayAct('admin'), mayAct('publicity')]).toEqual([true, true, false]);
    const u = (name: string, role: User['role'], disabled = false): User => ({ id: 1, name, role, passwordHash: '', createdAt: '', disabled });
    expect(assignableUsers([u('a', 'duty'), u('b', 'publicity'), u('c', 'admin'), u('d', 'duty', true)])).toEqual(['a', 'c']);
  });
});

describe('alert clock days', () => {
  it('ends the day at 24:00 in the configured time zone', () => {
    expect(endOfDayIn(new Date('2025-09-01T02:00:00Z')).toISOString()).toBe('2025-09-01T16:00:00.000Z'); // 10:00 Beijing → 24:00
    expect(endOfDayIn(new Date('2025-09-01T17:00:00Z')).toISOString()).toBe('2025-09-02T16:00:00.000Z'); // 01:00 next day Beijing
    expect(endOfDayIn(new Date('2025-09-01T02:00:00Z'), 'UTC').toISOString()).toBe('2025-09-02T00:00:00.000Z');
  });
});
