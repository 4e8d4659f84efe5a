// The editor's automatic draft, kept on the server for this user (not a version: versions are made
// by “保存新版本”). GET ?id= — the draft offered for restoring, or null. POST { "id", "source" } —
// store it; POST { "id", "discard": true } — drop it. id "" is the not yet created “new” page.
// CSRF, role and body size as for the other editor endpoints (middleware, start.ts).
import type { APIRoute } from 'astro';
import { autosaveFor, ExplainerError, saveAutosave } from '../../../server/explainers.ts';
import { explainerActor } from '../../../server/explainer-api.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, url }) => {
  const actor = explainerActor(locals.user);
  if (!actor) return apiError(403, '没有权限');
  const offer = await autosaveFor(locals.store ?? getStore(), url.searchParams.get('id') ?? '', actor.name);
  return json({
    autosave: offer && {
      source: offer.autosave.source,
      savedAt: offer.autosave.savedAt,
      baseVersion: offer.autosave.baseVersion,
      newerVersion: offer.newerVersion,
    },
  });
};

export const POST: APIRoute = async ({ locals, request }) => {
  const actor = explainerActor(locals.user);
  if (!actor) return apiError(403, '没有权限');
  const store = locals.store ?? getStore();
  const body = (await request.json().catch(() => null)) as { id?: unknown; source?: unknown; discard?: unknown } | null;
  if (!body || typeof body.id !== 'string') return apiError(422, '请写页面地址 id（新页面写空字符串）');
  if (body.discard === true) {
    await store.explainers.deleteAutosave(body.id, actor.name);
    return json({ discarded: true });
  }
  try {
    return json(await saveAutosave({ store, actor, ip: locals.ip ?? null }, body.id, body.source));
  } catch (err) {
    if (err instanceof ExplainerError) return apiError(err.status, err.message);
    throw err;
  }
};
