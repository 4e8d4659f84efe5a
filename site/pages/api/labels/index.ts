// POST /api/labels — {"post", "sentiment", "severity", "topic", "pick"?} labels a post (all three required;
// pick is the one GET /api/labels/next gave, stored with the label),
// or {"post", "skip": true} skips it for this officer. Needs X-CSRF-Token (checked by the
// middleware); duty officers and administrators only. 201 {"label"} / 200 {"skipped"}.
import type { APIRoute } from 'astro';
import { fieldsOf, labelFromQueue, LabellingError, parsePick, parseQueueLabel, skipInQueue } from '../../../server/labelling.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, request }) => {
  const store = locals.store ?? getStore();
  const user = locals.user!;
  const ctx = { store, actor: user.name, ip: locals.ip ?? null };
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = await request.json();
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return apiError(400, '请求体应为 JSON 对象，如 {"post":"…","sentiment":"negative","severity":1,"topic":"wages"}');
  }
  const postId = typeof body.post === 'string' ? body.post : '';
  try {
    if (body.skip === true) {
      await skipInQueue(ctx, postId);
      return json({ skipped: postId });
    }
    const label = await labelFromQueue(ctx, postId, parseQueueLabel(fieldsOf(body)), { pick: parsePick(body.pick) });
    return json({ label }, 201);
  } catch (err) {
    if (err instanceof LabellingError) return apiError(err.status, err.message);
    throw err;
  }
};
