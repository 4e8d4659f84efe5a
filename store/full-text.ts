// The embedded search engine's storage (SQLite FTS5 here): rows and transactions only. What a
// search means — filters, facets, which matches bm25 ranks and in what order — is the indexer's
// (indexer/full-text-engine.ts); callers search through indexer/, never through this directly.

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

/** A stored document without its tokens, by its row number. */
export interface FullTextRow extends Omit<FullTextDocument, 'titleTokens' | 'bodyTokens'> {
  rowid: number;
}

/**
 * The filter fields of every stored document, one list per field in the same row order (so the
 * engine can keep them as typed arrays). Rows are numbered in insertion order.
 */
export interface FullTextColumns {
  /** Changes whenever any connection changed the index. */
  generation: number;
  rowids: number[];
  /** '' for null. */
  source: string[];
  district: string[];
  topic: string[];
  sentiment: string[];
  /** null when the document has no severity. */
  severity: (number | null)[];
  /** Milliseconds since the epoch; null when undated. */
  publishedMs: (number | null)[];
  /** Row numbers newest first (undated last, ties newest row first). */
  newestFirst: number[];
}

/** Reads inside one snapshot of the index. `match` is an FTS5 match expression. */
export interface FullTextReader {
  generation(): number;
  columns(): FullTextColumns;
  /** Documents matching `match`. */
  countMatches(match: string): number;
  /** Row numbers matching `match`, newest row first, at most `limit` when given. */
  matchingRows(match: string, limit?: number): number[];
  /** bm25 of the rows between two row numbers that match `expression` (lower is better), title and body weighted. */
  bm25(expression: string, fromRow: number, toRow: number, weights: { title: number; body: number }): [number, number][];
  rows(rowids: number[]): FullTextRow[];
}

export interface FullTextRepo {
  upsert(docs: FullTextDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  /**
   * Runs `read` inside one read transaction: everything it reads belongs to the same index state.
   * SQLite answers at once; PostgreSQL returns a promise (store/postgres/full-text.ts says how).
   */
  read<T>(read: (reader: FullTextReader) => T): T | Promise<T>;
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
