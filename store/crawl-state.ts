// Crawl state lives in the store so a crawl killed at any moment resumes where it stopped.
// Owned by the crawler: the crawler issue shapes this interface; the store only keeps it.
//
// The pieces are small and explicit: one row per (source, canonical URL) in a request queue,
// HTTP validators per URL for conditional GET, and robots.txt files per origin.

export type CrawlRequestKind = 'list' | 'detail' | 'feed';
export type CrawlRequestStatus = 'pending' | 'done' | 'failed';

export interface CrawlRequest {
  sourceId: string;
  /** Canonical URL; with sourceId, the request's identity. */
  url: string;
  kind: CrawlRequestKind;
  status: CrawlRequestStatus;
  attempts: number;
  /** ISO time before which the request is not retried (back-off). */
  notBefore: string | null;
  lastError: string | null;
  /** Free-form JSON the crawler needs to resume (page number, list item data…). */
  meta: string | null;
}

export type NewCrawlRequest = Pick<CrawlRequest, 'sourceId' | 'url' | 'kind' | 'meta'>;

export interface HttpCacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
}

export interface RobotsEntry {
  origin: string;
  /** HTTP status of robots.txt; 0 when the server could not be reached. */
  status: number;
  body: string;
  fetchedAt: string;
}

export interface CrawlStateRepo {
  /**
   * Adds requests that are not already known; returns how many became pending. With
   * `requeueDone`, known requests that are done or failed go back to pending at the end of the
   * queue (list pages and feeds are read again on every run).
   */
  enqueue(requests: NewCrawlRequest[], options?: { requeueDone?: boolean }): Promise<number>;
  /** Pending requests of a source whose back-off has passed, oldest first. */
  pending(sourceId: string, nowIso: string, limit: number): Promise<CrawlRequest[]>;
  get(sourceId: string, url: string): Promise<CrawlRequest | null>;
  /** Status of each URL the queue knows (any status); unknown URLs are absent from the map. */
  statuses(sourceId: string, urls: string[]): Promise<Map<string, CrawlRequestStatus>>;
  markDone(sourceId: string, url: string): Promise<void>;
  /** Inserts or updates the requests as done (feed items, which need no fetch of their own). */
  recordDone(requests: NewCrawlRequest[]): Promise<void>;
  /** Records a failed attempt; `retryAt` null gives the URL up with the reason kept. */
  markFailed(sourceId: string, url: string, error: string, retryAt: string | null): Promise<void>;
  /** Puts a known request back to pending. */
  requeue(sourceId: string, url: string): Promise<void>;
  counts(sourceId: string): Promise<Record<CrawlRequestStatus, number>>;
  /** Given-up requests with their reasons, most recent first. */
  failures(sourceId: string, limit: number): Promise<CrawlRequest[]>;
  getHttpCache(url: string): Promise<HttpCacheEntry | null>;
  setHttpCache(entry: HttpCacheEntry): Promise<void>;
  getRobots(origin: string): Promise<RobotsEntry | null>;
  setRobots(entry: RobotsEntry): Promise<void>;
}
