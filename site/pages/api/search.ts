// GET /api/search?q=…&source=…&district=…&topic=…&sentiment=…&severity=N&since=…&page=N
import type { APIRoute } from 'astro';
import { apiError, json } from '../../server/respond.ts';
import { indexCoverage, queryFromParams, searchPosts, SearchUnavailable } from '../../server/search.ts';
import { getStore } from '../../server/store.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, url }) => {
  const store = locals.store ?? getStore();
  const { page, invalid, ...query } = queryFromParams(url.searchParams);
  if (invalid) return apiError(400, invalid);
  try {
    const result = await searchPosts(store, query);
    // coverage: posts in the index vs the store, so a client can tell a stale index from no matches.
    return json({ page, ...result, coverage: await indexCoverage(store) });
  } catch (err) {
    if (err instanceof SearchUnavailable) return apiError(503, err.message);
    throw err;
  }
};
