// GET /api/alerts/:id — one alert (analysis/alerts/json.ts) with its clock, posts (masked text) and event timeline.
import type { APIRoute } from 'astro';
import { alertDetail, alertDetailJson } from '../../../server/alerts-view.ts';
import { apiError, json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, params }) => {
  const store = locals.store ?? getStore();
  const detail = await alertDetail(store, params.id ?? '', new Date());
  if (!detail) return apiError(404, '预警不存在');
  return json({
    ...alertDetailJson(detail),
    posts: detail.posts.map((p) => ({
      id: p.id,
      source: p.source,
      url: p.url,
      title: p.title,
      body: p.body,
      author: p.author,
      publishedAt: p.publishedAt,
      district: p.district,
    })),
    events: detail.events,
  });
};
