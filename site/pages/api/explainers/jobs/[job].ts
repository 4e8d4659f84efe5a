// GET /api/explainers/jobs/:job — how a publication's rebuild is going (for the progress bar).
// Jobs live in the store, so any server process answers for a build another one runs.
import type { APIRoute } from 'astro';
import { explainerActor } from '../../../../server/explainer-api.ts';
import { publishJob, STEP_LABELS } from '../../../../server/publish-site.ts';
import { apiError, json } from '../../../../server/respond.ts';
import { getStore } from '../../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, params }) => {
  if (!explainerActor(locals.user)) return apiError(403, '没有权限');
  const job = await publishJob(locals.store ?? getStore(), Number(params.job));
  if (!job) return apiError(404, '没有这次发布');
  return json({ job: { ...job, stepLabel: STEP_LABELS[job.step] } });
};
