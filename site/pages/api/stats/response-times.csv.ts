// GET /api/stats/response-times.csv — one line per alert of the last 30 days: when its clock
// started, when it was first handled and answered, each deadline and whether it was missed.
// For the monthly report to leadership; same role as the trends page.
import type { APIRoute } from 'astro';
import { chinaDay } from '../../../server/labels.ts';
import { gatherResponseRecords, responseRecordsCsv } from '../../../server/stats.ts';
import { getStore } from '../../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  const now = new Date();
  const csv = responseRecordsCsv(await gatherResponseRecords(locals.store ?? getStore(), now));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="response-times-${chinaDay(now)}.csv"`,
    },
  });
};
