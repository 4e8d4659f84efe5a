// POST /api/explainers/lint { "id", "source" } — the build's content lint on a text being edited,
// for the editor's inline messages. Changes nothing.
import type { APIRoute } from 'astro';
import { lintSource } from '../../../server/explainers.ts';
import { explainerActor } from '../../../server/explainer-api.ts';
import { apiError, json } from '../../../server/respond.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, request }) => {
  if (!explainerActor(locals.user)) return apiError(403, '没有权限');
  const body = (await request.json().catch(() => null)) as { id?: unknown; source?: unknown } | null;
  if (!body || typeof body.source !== 'string') return apiError(422, '缺少内容 source');
  if (body.source.length > 100_000) return apiError(413, '内容太长');
  const id = typeof body.id === 'string' ? body.id : '';
  return json({ messages: lintSource(id, body.source.replace(/\r\n/g, '\n')).map(({ line, severity, message }) => ({ line, severity, message })) });
};
