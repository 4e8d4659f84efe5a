// POST /api/alerts/:id/second-opinion — body {"postId":"…"}; a second opinion on one post of the
// alert (embedded scorer, or Ollama when OLLAMA_HOST is set). Needs X-CSRF-Token and alerts.act.
import type { APIRoute } from 'astro';
import { apiError, json } from '../../../../server/respond.ts';
import { askSecondOpinion } from '../../../../server/second-opinion.ts';
import { getStore } from '../../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, params, request }) => {
  const store = locals.store ?? getStore();
  const body: unknown = await request.json().catch(() => null);
  const postId = body && typeof body === 'object' ? (body as Record<string, unknown>).postId : undefined;
  if (typeof postId !== 'string' || !postId) return apiError(400, '请求体应为 JSON 对象，如 {"postId":"…"}（字段 postId 必填）');
  const outcome = await askSecondOpinion({ store, actor: locals.user!.name, ip: locals.ip ?? null }, params.id ?? '', postId);
  if (!outcome.ok) return apiError(outcome.error === '该帖子不属于这条预警' ? 404 : 502, outcome.error);
  return json({ postId, judgement: outcome.judgement });
};
