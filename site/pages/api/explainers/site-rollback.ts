// POST /api/explainers/site-rollback — the residents' site goes back to the build before the last
// publication (kept for this), as a publish job: 202 with the job to follow at /api/explainers/jobs/:job.
import type { APIRoute } from 'astro';
import { ExplainerError, rollbackLiveSite } from '../../../server/explainers.ts';
import { explainerActor } from '../../../server/explainer-api.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals }) => {
  const actor = explainerActor(locals.user);
  if (!actor) return apiError(403, '没有权限');
  try {
    const job = await rollbackLiveSite({ store: locals.store ?? getStore(), actor, ip: locals.ip ?? null });
    return json({ job }, 202);
  } catch (err) {
    if (err instanceof ExplainerError) return apiError(err.status, err.message);
    throw err;
  }
};
