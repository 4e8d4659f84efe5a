// GET /api/explainers — every 明白纸 with its workflow state. POST { "id", "source" } — new draft.
import type { APIRoute } from 'astro';
import { createExplainer, ExplainerError, syncFromFiles } from '../../../server/explainers.ts';
import { explainerActor } from '../../../server/explainer-api.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  if (!explainerActor(locals.user)) return apiError(403, '没有权限');
  return json({ explainers: await syncFromFiles(locals.store ?? getStore()) });
};

export const POST: APIRoute = async ({ locals, request }) => {
  const actor = explainerActor(locals.user);
  if (!actor) return apiError(403, '没有权限');
  const body = (await request.json().catch(() => null)) as { id?: unknown; source?: unknown } | null;
  if (!body || typeof body.id !== 'string' || typeof body.source !== 'string') return apiError(422, '请写页面地址 id 和内容 source');
  try {
    const record = await createExplainer({ store: locals.store ?? getStore(), actor, ip: locals.ip ?? null }, body.id, body.source.replace(/\r\n/g, '\n'));
    return json({ explainer: record }, 201);
  } catch (err) {
    if (err instanceof ExplainerError) return apiError(err.status, err.message);
    throw err;
  }
};
