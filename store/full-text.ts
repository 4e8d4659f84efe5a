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
  /** ISO 8601 in UTC (the indexer normalises), so text comparison orders by time. */
  publishedAt: string | null;
  clusterId: string | null;
  clusterSize: number;
}

export const FULL_TEXT_FACETS = ['source', 'district', 'topic', 'sentiment', 'severity'] as const;
export type FullTextFacet = (typeof FULL_TEXT_FACETS)[number];

export interface FullTextQuery {
  /** An FTS5 match expression built by the indexer from segmented, quoted tokens; empty matches all. */
  match: string;
  /**
   * `match` as a structure: words that must all match, each through one of its alternatives,
   * each alternative a list of FTS5 terms (quoted tokens) that must all be present. When given,
   * bm25 ranks with the terms that are not in most posts; otherwise with `match` itself.
   */
  words?: string[][][];
  filters: {
    source?: string[];
    district?: string[];
    topic?: string[];
    sentiment?: string[];
    severityAtLeast?: number;
    /** UTC ISO bounds: since inclusive, until exclusive. */
    since?: string;
    until?: string;
  };
  limit: number;
  offset: number;
  facets: FullTextFacet[];
}

/** A stored document without its tokens, ranked. */
export interface FullTextHit extends Omit<FullTextDocument, 'titleTokens' | 'bodyTokens'> {
  /** bm25 (lower is better); 0 when listing without words. */
  rank: number;
}

export interface FullTextResult {
  hits: FullTextHit[];
  total: number;
  facets: Partial<Record<FullTextFacet, Record<string, number>>>;
}

export interface FullTextRepo {
  upsert(docs: FullTextDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  search(query: FullTextQuery): Promise<FullTextResult>;
  /** Merges the index into one segment (after a bulk load: searches get two to three times faster). */
  optimize(): Promise<void>;
  count(): Promise<number>;
  /** Bytes the embedded index takes (FTS tables and the filter table). */
  sizeBytes(): Promise<number>;

  /** Per search backend: post id → fingerprint of what it last received. */
  syncState(engine: string): Promise<Map<string, string>>;
  markSynced(engine: string, entries: { postId: string; fingerprint: string }[]): Promise<void>;
  /** Forgets the given posts, or everything the backend received when ids is omitted. */
  forgetSynced(engine: string, postIds?: string[]): Promise<void>;
}
