// GET /api/explainers/:id — state and versions. POST { "action": "save|submit|reject|approve|
// publish|unpublish|rollback", "source"?, "note"?, "at"?, "to"? } — one workflow step; publishing
// answers 202 with the build job to follow at /api/explainers/jobs/:job.
import type { APIRoute } from 'astro';
import { applyExplainerAction, ExplainerError } from '../../../server/explainers.ts';
import { explainerActor, parseAction } from '../../../server/explainer-api.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, params }) => {
  if (!explainerActor(locals.user)) return apiError(403, '没有权限');
  const store = locals.store ?? getStore();
  const record = await store.explainers.get(params.id ?? '');
  if (!record) return apiError(404, '没有这张明白纸');
  return json({ explainer: record, versions: await store.explainers.versions(record.id) });
};

export const POST: APIRoute = async ({ locals, params, request }) => {
  const actor = explainerActor(locals.user);
  if (!actor) return apiError(403, '没有权限');
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const action = body && parseAction(body);
  if (!action) return apiError(422, '未知的操作');
  try {
    const out = await applyExplainerAction({ store: locals.store ?? getStore(), actor, ip: locals.ip ?? null }, params.id ?? '', action);
    return json({ explainer: out.record, job: out.job }, out.job ? 202 : 200);
  } catch (err) {
    if (err instanceof ExplainerError) return apiError(err.status, err.message);
    throw err;
  }
};
