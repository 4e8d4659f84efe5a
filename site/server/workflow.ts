// The alert workflow: which action is allowed from which status, what it changes, and what
// must accompany it. planTransition is pure; applyTransition writes the change and its audit entry.
import type { Alert, AlertAction, AlertStatus, Store } from '../../store/index.ts';
import { audit, type AuditContext } from './audit.ts';
import { STATUS_LABEL } from './labels.ts';

export const WORKFLOW_ACTIONS = ['acknowledge', 'assign', 'start', 'respond', 'close', 'false_positive', 'reopen', 'note'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const ACTION_BUTTON: Record<WorkflowAction, string> = {
  acknowledge: '确认',
  assign: '指派',
  start: '开始处置',
  respond: '已回应',
  close: '关闭',
  false_positive: '误报',
  reopen: '重新打开',
  note: '备注',
};

const OPEN: AlertStatus[] = ['new', 'acknowledged', 'assigned', 'in_progress', 'responded'];
const ENDED: AlertStatus[] = ['closed', 'false_positive'];

const RULES: Record<WorkflowAction, { from: AlertStatus[]; event: AlertAction; needsNote: boolean }> = {
  acknowledge: { from: ['new'], event: 'acknowledged', needsNote: false },
  assign: { from: OPEN, event: 'assigned', needsNote: false },
  start: { from: ['new', 'acknowledged', 'assigned'], event: 'in_progress', needsNote: false },
  respond: { from: OPEN, event: 'responded', needsNote: true },
  close: { from: OPEN, event: 'closed', needsNote: false },
  false_positive: { from: OPEN, event: 'false_positive', needsNote: true },
  reopen: { from: ENDED, event: 'reopened', needsNote: false },
  note: { from: [...OPEN, ...ENDED], event: 'note', needsNote: true },
};

export const isWorkflowAction = (v: unknown): v is WorkflowAction => WORKFLOW_ACTIONS.includes(v as WorkflowAction);

/** Actions offered for an alert in its current status. */
export const availableActions = (status: AlertStatus) => WORKFLOW_ACTIONS.filter((a) => RULES[a].from.includes(status));

export interface TransitionRequest {
  action: WorkflowAction;
  note?: string | null;
  assignee?: string | null;
}

export type TransitionPlan =
  | { ok: true; change: { status?: AlertStatus; assignee?: string | null; action: AlertAction; note: string | null } }
  | { ok: false; error: string };

export const NOTE_MAX = 2000;

export function planTransition(alert: Alert, req: TransitionRequest, assignableUsers: string[]): TransitionPlan {
  const rule = RULES[req.action];
  if (!rule.from.includes(alert.status)) {
    return { ok: false, error: `预警当前状态为“${STATUS_LABEL[alert.status]}”，不能执行“${ACTION_BUTTON[req.action]}”` };
  }
  const note = req.note?.trim() || null;
  if (rule.needsNote && !note) return { ok: false, error: `“${ACTION_BUTTON[req.action]}”需要填写说明（备注）` };
  if (note && note.length > NOTE_MAX) return { ok: false, error: `说明过长（最多 ${NOTE_MAX} 字）` };
  switch (req.action) {
    case 'acknowledge':
      return { ok: true, change: { status: 'acknowledged', action: 'acknowledged', note } };
    case 'assign': {
      const assignee = req.assignee?.trim();
      if (!assignee) return { ok: false, error: '请选择指派给谁（assignee）' };
      if (!assignableUsers.includes(assignee)) return { ok: false, error: `用户“${assignee}”不存在或已停用` };
      // Assigning after a response keeps the alert marked as responded.
      const status = alert.status === 'responded' || alert.status === 'in_progress' ? alert.status : 'assigned';
      return { ok: true, change: { status, assignee, action: 'assigned', note: note ?? `指派给 ${assignee}` } };
    }
    case 'start':
      return { ok: true, change: { status: 'in_progress', action: 'in_progress', note } };
    case 'respond':
      return { ok: true, change: { status: 'responded', action: 'responded', note } };
    case 'close':
      return { ok: true, change: { status: 'closed', action: 'closed', note } };
    case 'false_positive':
      return { ok: true, change: { status: 'false_positive', action: 'false_positive', note } };
    case 'reopen':
      return { ok: true, change: { status: 'new', action: 'reopened', note } };
    case 'note':
      return { ok: true, change: { action: 'note', note } };
  }
}

export class WorkflowError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Checks, applies and audits one workflow action. Throws WorkflowError (404/409/422) when refused. */
export async function applyTransition(ctx: AuditContext & { store: Store }, alertId: string, req: TransitionRequest): Promise<Alert> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert) throw new WorkflowError('预警不存在', 404);
  const users = (await ctx.store.users.list()).filter((u) => !u.disabled && u.role !== 'publicity').map((u) => u.name);
  const plan = planTransition(alert, req, users);
  if (!plan.ok) {
    throw new WorkflowError(plan.error, RULES[req.action].from.includes(alert.status) ? 422 : 409);
  }
  const updated = await ctx.store.alerts.transition(alert.id, { ...plan.change, actor: ctx.actor, at: new Date().toISOString() });
  const detail = [
    `${STATUS_LABEL[alert.status]} → ${STATUS_LABEL[updated.status]}`,
    plan.change.assignee ? `指派给 ${plan.change.assignee}` : null,
    plan.change.note ? `说明：${plan.change.note}` : null,
  ]
    .filter(Boolean)
    .join('；');
  await audit(ctx, `alert.${req.action}`, alert.id, detail);
  return updated;
}
