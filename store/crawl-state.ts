// Crawl state lives in the store so a crawl killed at any moment resumes where it stopped.
// Owned by the crawler: the crawler issue shapes this interface; the store only keeps it.

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

export interface HttpCacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
}

export interface RobotsEntry {
  origin: string;
  status: number;
  body: string;
  fetchedAt: string;
}

export interface CrawlStateRepo {
  /** Adds requests that are not already known (any status); returns how many were new. */
  enqueue(requests: Pick<CrawlRequest, 'sourceId' | 'url' | 'kind' | 'meta'>[]): Promise<number>;
  /** Pending requests of a source whose back-off has passed, oldest first. */
  pending(sourceId: string, nowIso: string, limit: number): Promise<CrawlRequest[]>;
  get(sourceId: string, url: string): Promise<CrawlRequest | null>;
  markDone(sourceId: string, url: string): Promise<void>;
  /** Records a failed attempt; `retryAt` null gives the URL up with the reason kept. */
  markFailed(sourceId: string, url: string, error: string, retryAt: string | null): Promise<void>;
  /** Puts a known request back to pending (used by --refresh and for list pages each run). */
  requeue(sourceId: string, url: string): Promise<void>;
  counts(sourceId: string): Promise<Record<CrawlRequestStatus, number>>;
  getHttpCache(url: string): Promise<HttpCacheEntry | null>;
  setHttpCache(entry: HttpCacheEntry): Promise<void>;
  getRobots(origin: string): Promise<RobotsEntry | null>;
  setRobots(entry: RobotsEntry): Promise<void>;
}
