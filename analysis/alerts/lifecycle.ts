// The alert lifecycle: which action is legal from which status, who may take it, what it changes
// and what must accompany it. Pure functions; the store applies a planned change with
// compare-and-set on the status the plan was made from, and the console turns refusals into words.
import type { Alert, AlertAction, AlertStatus, Role, User } from '../../store/types.ts';
import { ENDED_STATUSES, OPEN_STATUSES } from '../../shared/vocabulary.ts';

export const WORKFLOW_ACTIONS = ['acknowledge', 'assign', 'start', 'respond', 'close', 'false_positive', 'reopen', 'note'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export { ENDED_STATUSES, OPEN_STATUSES };

/** Roles that work alerts (publicity staff only read them). */
export const ACTING_ROLES: readonly Role[] = ['duty', 'admin'];

interface Rule {
  from: readonly AlertStatus[];
  event: AlertAction;
  needsNote: boolean;
}

export const LIFECYCLE: Record<WorkflowAction, Rule> = {
  acknowledge: { from: ['new'], event: 'acknowledged', needsNote: false },
  assign: { from: OPEN_STATUSES, event: 'assigned', needsNote: false },
  start: { from: ['new', 'acknowledged', 'assigned'], event: 'in_progress', needsNote: false },
  respond: { from: OPEN_STATUSES, event: 'responded', needsNote: true },
  close: { from: OPEN_STATUSES, event: 'closed', needsNote: false },
  false_positive: { from: OPEN_STATUSES, event: 'false_positive', needsNote: true },
  reopen: { from: ENDED_STATUSES, event: 'reopened', needsNote: false },
  note: { from: [...OPEN_STATUSES, ...ENDED_STATUSES], event: 'note', needsNote: true },
};

export const NOTE_MAX = 2000;

export const isWorkflowAction = (v: unknown): v is WorkflowAction => WORKFLOW_ACTIONS.includes(v as WorkflowAction);

/** Actions offered for an alert in its current status. */
export const availableActions = (status: AlertStatus) => WORKFLOW_ACTIONS.filter((a) => LIFECYCLE[a].from.includes(status));

export const mayAct = (role: Role) => ACTING_ROLES.includes(role);

/** Who an alert can be assigned to: enabled users who may act on alerts. */
export const assignableUsers = (users: User[]) => users.filter((u) => !u.disabled && mayAct(u.role)).map((u) => u.name);

export interface TransitionRequest {
  action: WorkflowAction;
  note?: string | null;
  assignee?: string | null;
}

export interface TransitionChange {
  /** The status the plan was made from; the store applies the change only while it still holds. */
  from: AlertStatus;
  status?: AlertStatus;
  assignee?: string | null;
  action: AlertAction;
  note: string | null;
}

export type Refusal =
  | { kind: 'wrong_status'; status: AlertStatus; action: WorkflowAction }
  | { kind: 'note_required'; action: WorkflowAction }
  | { kind: 'note_too_long'; max: number }
  | { kind: 'assignee_required' }
  | { kind: 'unknown_assignee'; assignee: string };

export type TransitionPlan = { ok: true; change: TransitionChange } | { ok: false; refusal: Refusal };

export function planTransition(alert: Pick<Alert, 'status'>, req: TransitionRequest, assignable: string[]): TransitionPlan {
  const rule = LIFECYCLE[req.action];
  const from = alert.status;
  if (!rule.from.includes(from)) return { ok: false, refusal: { kind: 'wrong_status', status: from, action: req.action } };
  const note = req.note?.trim() || null;
  if (rule.needsNote && !note) return { ok: false, refusal: { kind: 'note_required', action: req.action } };
  if (note && note.length > NOTE_MAX) return { ok: false, refusal: { kind: 'note_too_long', max: NOTE_MAX } };
  switch (req.action) {
    case 'acknowledge':
      return { ok: true, change: { from, status: 'acknowledged', action: 'acknowledged', note } };
    case 'assign': {
      const assignee = req.assignee?.trim();
      if (!assignee) return { ok: false, refusal: { kind: 'assignee_required' } };
      if (!assignable.includes(assignee)) return { ok: false, refusal: { kind: 'unknown_assignee', assignee } };
      // Assigning after work started or a response keeps that status.
      const status = from === 'responded' || from === 'in_progress' ? from : 'assigned';
      return { ok: true, change: { from, status, assignee, action: 'assigned', note } };
    }
    case 'start':
      return { ok: true, change: { from, status: 'in_progress', action: 'in_progress', note } };
    case 'respond':
      return { ok: true, change: { from, status: 'responded', action: 'responded', note } };
    case 'close':
      return { ok: true, change: { from, status: 'closed', action: 'closed', note } };
    case 'false_positive':
      return { ok: true, change: { from, status: 'false_positive', action: 'false_positive', note } };
    case 'reopen':
      return { ok: true, change: { from, status: 'new', action: 'reopened', note } };
    case 'note':
      return { ok: true, change: { from, action: 'note', note } };
  }
}

/** 409 when the alert is in the wrong state (or moved meanwhile), 422 when the request lacks something. */
export const refusalStatus = (r: Refusal) => (r.kind === 'wrong_status' ? 409 : 422);
