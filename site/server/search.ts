// Post search for the console: the indexer's engine (embedded SQLite FTS5, or Meilisearch when
// MEILI_URL is set). Engine failures (e.g. Meilisearch unreachable) become SearchUnavailable so
// the page and the API answer 503 with a Chinese message instead of a bare 500.
import { openSearchEngine, type SearchEngine, type SearchQuery, type SearchResult } from '../../indexer/index.ts';
import { FACETS } from '../../indexer/search-engine.ts';
import type { Store } from '../../store/index.ts';
import { serverEnv } from './env.ts';

let engine: { store: Store; engine: SearchEngine } | null = null;

export class SearchUnavailable extends Error {}

function engineFor(store: Store): SearchEngine {
  if (engine?.store !== store) engine = { store, engine: openSearchEngine(store, serverEnv().meili) };
  return engine.engine;
}

export const PAGE_SIZE = 20;

const list = (params: URLSearchParams, name: string) => {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values.slice(0, 20) : undefined;
};

/** A real calendar date (2025-02-30 is not), optionally with a time that parses. */
function validDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && !Number.isNaN(Date.parse(v));
}

/**
 * A search query from URL parameters (q, source, district, topic, sentiment, severity, since, until, page).
 * `invalid` names a bad date parameter: the caller answers 400 instead of asking the engine.
 */
export function queryFromParams(params: URLSearchParams): SearchQuery & { page: number; invalid: string | null } {
  const severity = Number(params.get('severity'));
  const page = Math.max(1, Math.min(500, Math.floor(Number(params.get('page')) || 1)));
  let invalid: string | null = null;
  const date = (name: string) => {
    const v = params.get(name)?.trim();
    if (!v) return undefined;
    if (validDate(v)) return v;
    invalid ??= `日期参数 ${name}=“${v.slice(0, 40)}”无效，应为 YYYY-MM-DD（如 2025-09-01）`;
    return undefined;
  };
  const since = date('since');
  const until = date('until');
  return {
    invalid,
    q: (params.get('q') ?? '').trim().slice(0, 200),
    source: list(params, 'source'),
    district: list(params, 'district'),
    topic: list(params, 'topic'),
    sentiment: list(params, 'sentiment'),
    severityAtLeast: Number.isInteger(severity) && severity >= 1 && severity <= 3 ? severity : undefined,
    since,
    until,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    facets: [...FACETS],
    page,
  };
}

const unavailable = (err: unknown) =>
  new SearchUnavailable(`搜索服务暂时不可用（${engine?.engine.name ?? '搜索引擎'}：${err instanceof Error ? err.message : String(err)}）`);

export async function searchPosts(store: Store, query: SearchQuery): Promise<SearchResult> {
  try {
    return await engineFor(store).search(query);
  } catch (err) {
    throw unavailable(err);
  }
}

/**
 * How many posts the search index holds against the store. The pipeline (minsheng run/watch) and
 * `minsheng index` bring it up to date; the page says so when they differ, rather than letting
 * an empty result look like “nothing was said”.
 */
export async function indexCoverage(store: Store): Promise<{ indexed: number; stored: number } | null> {
  try {
    return { indexed: await engineFor(store).count(), stored: await store.posts.count() };
  } catch {
    return null;
  }
}
