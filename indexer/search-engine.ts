// The one search contract the console and the CLI use. Two backends implement it: the embedded
// SQLite FTS5 engine (default) and Meilisearch (when MEILI_URL is set).
import type { Post, Score } from '../store/types.ts';

export const FACETS = ['source', 'district', 'topic', 'sentiment', 'severity'] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchQuery {
  /** Words as a duty officer types them; empty lists everything matching the filters. */
  q: string;
  source?: string[];
  district?: string[];
  topic?: string[];
  sentiment?: string[];
  severityAtLeast?: number;
  /** ISO date or datetime, inclusive. */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
  facets?: Facet[];
}

export interface SearchHit {
  id: string;
  /** Title and snippet with matches wrapped in <mark>; all other text HTML-escaped. */
  titleHtml: string;
  snippetHtml: string;
  source: string;
  url: string;
  publishedAt: string | null;
  district: string | null;
  topic: string | null;
  sentiment: string | null;
  severity: number | null;
  clusterId: string | null;
  clusterSize: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: Partial<Record<Facet, Record<string, number>>>;
  /** Which backend answered: 'embedded' or 'meilisearch'. */
  engine: string;
}

/** What the indexer sends to a backend: a post with its score and cluster. */
export interface IndexDocument {
  post: Post;
  score: Score | null;
  clusterSize: number;
}

export interface SearchEngine {
  readonly name: string;
  /** Adds or replaces documents; resolves when they are searchable. */
  index(docs: IndexDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Drops everything (before a --rebuild). */
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
  /** Optional: reorganise after a large update so searches stay fast (FTS5 merges its segments). */
  compact?(): Promise<void>;
}
