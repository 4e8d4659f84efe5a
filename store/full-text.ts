// The embedded search engine's storage (SQLite FTS5 here). Owned by the indexer: the indexer
// issue shapes this interface; callers search through indexer/, never through this directly.

export interface FullTextDocument {
  id: string;
  /** Space-separated segmented tokens (the indexer segments; the store only stores). */
  titleTokens: string;
  bodyTokens: string;
  source: string;
  district: string | null;
  topic: string | null;
  sentiment: string | null;
  severity: number | null;
  publishedAt: string | null;
  clusterId: string | null;
}

export interface FullTextQuery {
  /** An FTS match expression built by the indexer from segmented, escaped tokens; empty matches all. */
  match: string;
  filters: {
    source?: string[];
    district?: string[];
    topic?: string[];
    sentiment?: string[];
    severityAtLeast?: number;
    since?: string;
    until?: string;
  };
  limit: number;
  offset: number;
  facets: string[];
}

export interface FullTextHit {
  id: string;
  rank: number;
}

export interface FullTextRepo {
  upsert(docs: FullTextDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  /** Ids of posts whose index entry is missing or older than the post/score. */
  staleIds(limit: number): Promise<string[]>;
  search(query: FullTextQuery): Promise<{ hits: FullTextHit[]; total: number; facets: Record<string, Record<string, number>> }>;
  count(): Promise<number>;
}
