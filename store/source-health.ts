// Source health: what each crawl run of a source found, and the state that follows from it, so a
// source that breaks or goes quiet is noticed. Owned by the crawler (crawler/health.ts decides the
// state); the store only keeps it.

export type SourceState = 'ok' | 'failing' | 'empty' | 'silent';
export type SourceErrorKind = 'network' | 'http' | 'robots' | 'parse';

export interface SourceRun {
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  pagesFetched: number;
  itemsFound: number;
  newPosts: number;
  errors: Record<SourceErrorKind, number>;
  lastError: string | null;
  /** The state this run left the source in. */
  state: SourceState;
}

export interface SourceHealth {
  sourceId: string;
  state: SourceState;
  /** When the source entered this state. */
  stateSince: string;
  lastRunAt: string;
  /** Last run that was not failing. */
  lastSuccessAt: string | null;
  /** Last run that stored a new post. */
  lastNewPostAt: string | null;
  lastError: string | null;
  itemsLastRun: number;
  pagesLastRun: number;
  newPostsLastRun: number;
  errorsLastRun: Record<SourceErrorKind, number>;
  /** Why the state is what it is, in Chinese, for the console and the notice. */
  detail: string;
}

export interface SourceHealthRepo {
  get(sourceId: string): Promise<SourceHealth | null>;
  /** Every source that has run, by id. */
  list(): Promise<SourceHealth[]>;
  /** Stores the run and the source's new health together (one transaction). */
  record(run: SourceRun, health: SourceHealth): Promise<void>;
  /** finishedAt of the source's latest runs that stored new posts, newest first. */
  newPostTimes(sourceId: string, limit: number): Promise<string[]>;
}
