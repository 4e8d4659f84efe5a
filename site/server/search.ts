/// <reference types="vite/client" />
// Post search for the console: the indexer's engine (embedded SQLite FTS5, or Meilisearch when
// MEILI_URL is set). Loaded through import.meta.glob so the console still builds and says so
// plainly if the indexer module is missing from this checkout.
import type { SearchEngine, SearchQuery, SearchResult } from '../../indexer/search-engine.ts';
import { FACETS } from '../../indexer/search-engine.ts';
import type { Store } from '../../store/index.ts';

type IndexerModule = { openSearchEngine(store: Store, options?: Record<string, unknown>): SearchEngine | Promise<SearchEngine> };

const indexerModules = import.meta.glob<IndexerModule>('../../indexer/index.ts');

let engine: { store: Store; engine: Promise<SearchEngine> } | null = null;

export class SearchUnavailable extends Error {}

async function engineFor(store: Store): Promise<SearchEngine> {
  if (engine?.store === store) return engine.engine;
  const load = Object.values(indexerModules)[0];
  if (!load) throw new SearchUnavailable('搜索模块（indexer/index.ts）尚未安装，暂时无法搜索');
  const pending = load().then((m) => m.openSearchEngine(store));
  engine = { store, engine: pending };
  pending.catch(() => {
    engine = null;
  });
  return pending;
}

export const PAGE_SIZE = 20;

const list = (params: URLSearchParams, name: string) => {
  const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length ? values.slice(0, 20) : undefined;
};

/** A search query from URL parameters (q, source, district, topic, sentiment, severity, since, until, page). */
export function queryFromParams(params: URLSearchParams): SearchQuery & { page: number } {
  const severity = Number(params.get('severity'));
  const page = Math.max(1, Math.min(500, Math.floor(Number(params.get('page')) || 1)));
  const date = (name: string) => {
    const v = params.get(name)?.trim();
    return v && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) ? v : undefined;
  };
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    source: list(params, 'source'),
    district: list(params, 'district'),
    topic: list(params, 'topic'),
    sentiment: list(params, 'sentiment'),
    severityAtLeast: Number.isInteger(severity) && severity >= 1 && severity <= 3 ? severity : undefined,
    since: date('since'),
    until: date('until'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    facets: [...FACETS],
    page,
  };
}

export async function searchPosts(store: Store, query: SearchQuery): Promise<SearchResult> {
  const e = await engineFor(store);
  return e.search(query);
}
