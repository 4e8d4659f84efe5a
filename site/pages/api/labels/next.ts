// GET /api/labels/next — the post this officer should label next (the labelling queue's head):
// {"post": {...masked text...}, "model": {sentiment, negative, severity, topic}, "waiting": n, "pick": "random"|"unsure"},
// or {"post": null, "waiting": 0}. Duty officers and administrators only.
import type { APIRoute } from 'astro';
import { nextToLabel } from '../../../server/labelling.ts';
import { json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  const store = locals.store ?? getStore();
  const user = locals.user!;
  const item = await nextToLabel(store, user.name);
  if (!item) return json({ post: null, waiting: 0 });
  const { post, score } = item;
  return json({
    post: {
      id: post.id,
      title: post.title,
      body: post.body,
      source: post.source,
      url: post.url,
      publishedAt: post.publishedAt,
      fetchedAt: post.fetchedAt,
      district: post.district,
    },
    model: { sentiment: score.sentiment, negative: score.negative, severity: score.severity, topic: score.topic },
    waiting: item.waiting,
    pick: item.pick,
  });
};
