// GET /api/stats — trend series for the last 30 days and the response-time report.
import type { APIRoute } from 'astro';
import { json } from '../../server/respond.ts';
import { gatherStats } from '../../server/stats.ts';
import { getStore } from '../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => json(await gatherStats(locals.store ?? getStore(), new Date()));
