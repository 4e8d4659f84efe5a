// GET /api/alerts?level=red,orange&status=open|all|new,… — { alerts: [{ alert, clock }] }: each alert in the
// one shape (analysis/alerts/json.ts), wrapped with its clock.
import type { APIRoute } from 'astro';
import { alertJson, filterFromParams, listAlerts } from '../../../server/alerts-view.ts';
import { json } from '../../../server/respond.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, url }) => {
  const store = locals.store ?? getStore();
  const limit = Math.max(1, Math.min(1000, Number(url.searchParams.get('limit')) || 200));
  const rows = await listAlerts(store, filterFromParams(url.searchParams), new Date(), limit);
  const posts = await store.posts.getMany([...new Set(rows.flatMap((r) => r.alert.postIds))]);
  const urls = new Map(posts.map((p) => [p.id, p.url]));
  return json({ alerts: rows.map((row) => alertJson(row, urls)) });
};
