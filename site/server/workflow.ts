// The alert workflow as the console speaks it: the lifecycle rules are in
// analysis/alerts/lifecycle.ts; this turns refusals into words, applies a plan through the store's
// compare-and-set and writes the audit entry with the status the change was really made from.
import type { Alert, Store } from '../../store/index.ts';
import {
  assignableUsers,
  planTransition as plan,
  refusalStatus,
  type Refusal,
  type TransitionRequest,
  type WorkflowAction,
} from '../../analysis/alerts/lifecycle.ts';
import { audit, type AuditContext } from './audit.ts';
import { STATUS_LABEL } from './labels.ts';

export { availableActions, isWorkflowAction, NOTE_MAX, WORKFLOW_ACTIONS } from '../../analysis/alerts/lifecycle.ts';
export type { TransitionRequest, WorkflowAction } from '../../analysis/alerts/lifecycle.ts';

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

export function refusalText(r: Refusal): string {
  switch (r.kind) {
    case 'wrong_status':
      return `预警当前状态为“${STATUS_LABEL[r.status]}”，不能执行“${ACTION_BUTTON[r.action]}”`;
    case 'note_required':
      return `“${ACTION_BUTTON[r.action]}”需要填写说明（备注）`;
    case 'note_too_long':
      return `说明过长（最多 ${r.max} 字）`;
    case 'assignee_required':
      return '请选择指派给谁（assignee）';
    case 'unknown_assignee':
      return `用户“${r.assignee}”不存在或已停用`;
  }
}

/** The lifecycle's plan with refusals in words (the console's and the tests' view). */
export function planTransition(alert: Pick<Alert, 'status'>, req: TransitionRequest, assignable: string[]) {
  const p = plan(alert, req, assignable);
  return p.ok ? p : { ok: false as const, error: refusalText(p.refusal) };
}

export class WorkflowError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Checks, applies and audits one workflow action. Throws WorkflowError (404/409/422) when refused. */
export async function applyTransition(ctx: AuditContext & { store: Store }, alertId: string, req: TransitionRequest): Promise<Alert> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert) throw new WorkflowError('预警不存在', 404);
  const p = plan(alert, req, assignableUsers(await ctx.store.users.list()));
  if (!p.ok) throw new WorkflowError(refusalText(p.refusal), refusalStatus(p.refusal));
  const updated = await ctx.store.alerts.transition(alert.id, { ...p.change, actor: ctx.actor, at: new Date().toISOString() });
  if (!updated) {
    // Someone else moved the alert between our read and our write: nothing was changed.
    const now = await ctx.store.alerts.get(alertId);
    if (!now) throw new WorkflowError('预警不存在', 404);
    throw new WorkflowError(`预警状态刚被他人改为“${STATUS_LABEL[now.status]}”，本次“${ACTION_BUTTON[req.action]}”未执行，请刷新后重试`, 409);
  }
  const detail = [
    `${STATUS_LABEL[p.change.from]} → ${STATUS_LABEL[updated.status]}`,
    p.change.assignee ? `指派给 ${p.change.assignee}` : null,
    p.change.note ? `说明：${p.change.note}` : null,
  ]
    .filter(Boolean)
    .join('；');
  await audit(ctx, `alert.${req.action}`, alert.id, detail);
  return updated;
}
