// POST /api/alerts/:id/merge — body {"into":"<alert id>","note"?}: merges this alert into another
// (the one kept). Needs the X-CSRF-Token header (checked by the middleware) and the alerts.act role.
import type { APIRoute } from 'astro';
import { alertDetail, alertDetailJson } from '../../../../server/alerts-view.ts';
import { GroupingError, mergeAlerts } from '../../../../server/alert-grouping.ts';
import { apiError, json, jsonObjectBody } from '../../../../server/respond.ts';
import { getStore } from '../../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, params, request }) => {
  const store = locals.store ?? getStore();
  const body = await jsonObjectBody(request);
  if (!body) return apiError(400, '请求体应为 JSON 对象，如 {"into":"预警编号"}');
  if (typeof body.into !== 'string') return apiError(400, '字段 into 应为要并入的预警编号（文字）');
  try {
    const merged = await mergeAlerts(
      { store, actor: locals.user!.name, ip: locals.ip ?? null },
      params.id ?? '',
      body.into,
      typeof body.note === 'string' ? body.note : null,
    );
    const detail = await alertDetail(store, merged.id, new Date());
    return json(alertDetailJson(detail));
  } catch (err) {
    if (err instanceof GroupingError) return apiError(err.status, err.message);
    throw err;
  }
};
