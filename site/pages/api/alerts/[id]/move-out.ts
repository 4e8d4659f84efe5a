// POST /api/alerts/:id/move-out — body {"post":"<post id>","note"?}: moves a post out of this alert;
// it stands alone on later runs. Needs the X-CSRF-Token header and the alerts.act role.
import type { APIRoute } from 'astro';
import { alertDetail, alertDetailJson } from '../../../../server/alerts-view.ts';
import { GroupingError, movePostOut } from '../../../../server/alert-grouping.ts';
import { apiError, json, jsonObjectBody } from '../../../../server/respond.ts';
import { getStore } from '../../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, params, request }) => {
  const store = locals.store ?? getStore();
  const body = await jsonObjectBody(request);
  if (!body) return apiError(400, '请求体应为 JSON 对象，如 {"post":"帖子编号"}');
  if (typeof body.post !== 'string') return apiError(400, '字段 post 应为要移出的帖子编号（文字）');
  try {
    const updated = await movePostOut(
      { store, actor: locals.user!.name, ip: locals.ip ?? null },
      params.id ?? '',
      body.post,
      typeof body.note === 'string' ? body.note : null,
    );
    const detail = await alertDetail(store, updated.id, new Date());
    return json(alertDetailJson(detail));
  } catch (err) {
    if (err instanceof GroupingError) return apiError(err.status, err.message);
    throw err;
  }
};
