// POST /api/alerts/:id/transition — body {"action":"acknowledge|assign|respond|close|false_positive|reopen|note",
// "note"?, "assignee"?}; needs the X-CSRF-Token header (checked by the middleware) and the alerts.act role.
import type { APIRoute } from 'astro';
import { alertDetail, alertDetailJson } from '../../../../server/alerts-view.ts';
import { apiError, json, jsonObjectBody } from '../../../../server/respond.ts';
import { getStore } from '../../../../server/store.ts';
import { applyTransition, isWorkflowAction, WORKFLOW_ACTIONS, WorkflowError } from '../../../../server/workflow.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, params, request }) => {
  const store = locals.store ?? getStore();
  const body = await jsonObjectBody(request);
  if (!body) return apiError(400, '请求体应为 JSON 对象，如 {"action":"acknowledge"}');
  if (!isWorkflowAction(body.action)) return apiError(400, `字段 action 应为 ${WORKFLOW_ACTIONS.join(' / ')} 之一`);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  try {
    await applyTransition({ store, actor: locals.user!.name, ip: locals.ip ?? null }, params.id ?? '', {
      action: body.action,
      note: text(body.note),
      assignee: text(body.assignee),
    });
  } catch (err) {
    if (err instanceof WorkflowError) return apiError(err.status, err.message);
    throw err;
  }
  const detail = await alertDetail(store, params.id ?? '', new Date());
  return json(alertDetailJson(detail));
};
