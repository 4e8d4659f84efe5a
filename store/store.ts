// The one interface every stage uses to reach stored data. Methods are async so a PostgreSQL
// implementation can stand in for the embedded SQLite one without touching the callers.
import type {
  Alert,
  AlertAction,
  AlertEvent,
  AlertOverride,
  AlertStatus,
  AuditEntry,
  Cluster,
  Post,
  PostInput,
  LabelCandidate,
  LabelCandidateFilter,
  PostLabel,
  PostQuery,
  Role,
  Score,
  Sentiment,
  Session,
  UpsertResult,
  User,
} from './types.ts';
import type { CrawlStateRepo } from './crawl-state.ts';
import type { CrawlLeaseRepo } from './crawl-leases.ts';
import type { FullTextRepo } from './full-text.ts';
import type { AlertWordingRepo, ExplainerRepo, FeedbackRepo, PublishJobRepo } from './publicity.ts';
import type { SourceHealthRepo } from './source-health.ts';
import type { ClusterTickRepo } from './cluster-ticks.ts';
import type { GroupingChange } from '../analysis/alerts/grouping.ts';

export interface PostRepo {
  /** Idempotent: the same canonical URL or content hash returns the stored id with created=false. */
  upsert(post: PostInput): Promise<UpsertResult>;
  /** Many posts in one transaction (a history import): the same outcome as `upsert` on each in order. */
  upsertMany(posts: PostInput[]): Promise<UpsertResult[]>;
  get(id: string): Promise<Post | null>;
  getMany(ids: string[]): Promise<Post[]>;
  /** Ordered by id; use `afterId` to page through everything. */
  list(query?: PostQuery): Promise<Post[]>;
  count(): Promise<number>;
  setDistrict(id: string, district: string | null): Promise<void>;
  /** Deletes posts fetched before the cutoff (personal-data retention); returns how many. */
  deleteFetchedBefore(cutoffIso: string): Promise<number>;
  /**
   * Posts per local day (publishedAt, else fetchedAt, shifted by utcOffsetMinutes) and sentiment
   * (null = not scored yet), since the cutoff. For the console's trend charts.
   */
  countsByDay(options: { since: string; utcOffsetMinutes: number }): Promise<{ day: string; sentiment: Sentiment | null; count: number }[]>;
  /** Posts since the cutoff counted by source, district or scored topic (null = unknown). */
  countsBy(field: 'source' | 'district' | 'topic', options: { since: string }): Promise<{ key: string | null; count: number }[]>;
}

export interface ScoreRepo {
  save(score: Score): Promise<void>;
  /** Many scores in one transaction; the same outcome as `save` on each in order. */
  saveMany(scores: Score[]): Promise<void>;
  get(postId: string): Promise<Score | null>;
  getMany(postIds: string[]): Promise<Map<string, Score>>;
  count(): Promise<number>;
}

export interface ClusterRepo {
  /** Replaces the assignment of the given posts and recomputes the affected clusters' summaries. */
  assign(assignments: { postId: string; clusterId: string }[]): Promise<void>;
  get(id: string): Promise<Cluster | null>;
  list(options?: { minSize?: number }): Promise<Cluster[]>;
  members(clusterId: string): Promise<string[]>;
}

/**
 * An alert as analysis decided it should now be (analysis/alerts/merge.ts mergeAlert), with the
 * system events to record. The store writes it down; it does not decide.
 */
export interface AlertWrite {
  next: Omit<Alert, 'id' | 'createdAt'>;
  events: { action: AlertAction; note: string | null }[];
}

export interface AlertRepo {
  /**
   * Writes an alert analysis decided on, with compare-and-set, in one transaction with its events.
   * `expected` null: inserts a new alert, unless one with the same ruleKey exists by then. Otherwise:
   * updates alert `expected.id` only while its updatedAt, level, status and postIds are still those of
   * `expected` (another run, a duty officer's action, merge or move-out changes one of them).
   * Returns the stored alert, or null when the condition failed and nothing was written: the caller
   * re-reads and decides again (analysis/alerts/raise.ts).
   */
  save(write: AlertWrite, expected: Alert | null, at: string): Promise<Alert | null>;
  /** The latest alert with this rule key, or null. */
  findByRuleKey(ruleKey: string): Promise<Alert | null>;
  get(id: string): Promise<Alert | null>;
  list(options?: { status?: AlertStatus[]; limit?: number }): Promise<Alert[]>;
  /**
   * Moves an alert along the workflow and records the event in the same transaction. With `from`,
   * only if its status is still `from` (compare-and-set); returns null, changing nothing, when it
   * is not or the alert does not exist. System events (notified) leave `from` out.
   */
  transition(
    id: string,
    change: { from?: AlertStatus; status?: AlertStatus; assignee?: string | null; action: AlertAction; actor: string | null; note?: string | null; at: string },
  ): Promise<Alert | null>;
  events(alertId: string): Promise<AlertEvent[]>;
  /**
   * A duty officer merges alert `fromId` into `intoId`. In one write transaction the store reads both
   * alerts, has analysis/alerts/grouping.ts `mergeAlerts` decide (and refuse) the change, and writes
   * what it returns: the alerts, both histories and the override row. Returns the kept alert.
   */
  merge(fromId: string, intoId: string, change: GroupingChange): Promise<Alert>;
  /**
   * A duty officer moves a post out of an alert (it will stand alone on later runs): the same, with
   * `moveOutOfAlert` deciding from the alert and its posts' sources read in the transaction.
   */
  moveOut(alertId: string, postId: string, change: GroupingChange): Promise<Alert>;
  /** Every grouping correction, oldest first. */
  overrides(): Promise<AlertOverride[]>;
}

/** A row that would break a uniqueness rule (e.g. a user name already taken). */
export class StoreConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export interface UserRepo {
  /** Throws StoreConflictError when the name is taken (also when two adds race). */
  add(user: { name: string; role: Role; passwordHash: string; createdAt: string }): Promise<User>;
  byName(name: string): Promise<User | null>;
  byId(id: number): Promise<User | null>;
  list(): Promise<User[]>;
  setPasswordHash(name: string, passwordHash: string): Promise<void>;
  /** A disabled user cannot log in; the row stays so the audit log keeps its name. */
  setDisabled(name: string, disabled: boolean): Promise<void>;
}

export interface SessionRepo {
  create(session: Session): Promise<void>;
  get(idHash: string): Promise<Session | null>;
  delete(idHash: string): Promise<void>;
  deleteExpired(nowIso: string): Promise<number>;
  /** Ends every session of a user (password changed, account disabled); returns how many. */
  deleteForUser(userId: number): Promise<number>;
  /** Records that the session was used at `at` (sliding idle timeout). */
  touch(idHash: string, at: string): Promise<void>;
  /** Keeps the user's `keep` newest sessions and deletes the rest; returns how many went. */
  trimForUser(userId: number, keep: number): Promise<number>;
}

/** One limit on login attempts: at most `limit` reserved attempts for `key` since `windowStart`. */
export interface AttemptLimit {
  key: string;
  limit: number;
}

export type AttemptReservation =
  | { ok: true; ids: number[] }
  /** `newlyLocked`: this call set the lock (so it is reported once, not on every refused try). */
  | { ok: false; key: string; lockedUntil: string; newlyLocked: boolean };

/**
 * Login attempt counting, shared by every server on the data directory. `reserve` is atomic: it
 * checks every limit and records the attempt in one transaction, before the password is checked,
 * so parallel guesses cannot all pass the check.
 */
export interface LoginThrottleRepo {
  reserve(limits: AttemptLimit[], options: { now: string; windowStart: string; lockUntil: string }): Promise<AttemptReservation>;
  /** Forgets the given reserved attempts (a success does not count against a limit). */
  release(ids: number[]): Promise<void>;
  /** Forgets every attempt and lock of a key (a successful login from that name and address). */
  clear(key: string): Promise<void>;
}

export interface AuditRepo {
  record(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Entries without an actor (unauthenticated requests) since the time given. */
  countAnonymousSince(since: string): Promise<number>;
  list(options?: { limit?: number; actor?: string }): Promise<AuditEntry[]>;
}

/**
 * Triage corrections, append-only. Rows only: what a label must hold and that its post exists is
 * analysis/labelling/labels.ts (saveLabel, skipPost); the schema's foreign key and CHECK are the
 * last guard, with the database's own error.
 */
export interface LabelRepo {
  /** Records a correction. */
  save(label: Omit<PostLabel, 'id'>): Promise<PostLabel>;
  /** Oldest first; for one post when `postId` is given. */
  list(options?: { postId?: string }): Promise<PostLabel[]>;
  /** Records that `actor` skipped the post in the labelling queue (idempotent). */
  skip(postId: string, actor: string, at: string): Promise<void>;
  /**
   * Scored posts nobody has labelled yet and `actor` has not skipped: the labelling queue's
   * candidates, in no particular order (the ordering rule is analysis/labelling/queue.ts), narrowed
   * by the filter when given (bounds inclusive).
   */
  unlabelled(actor: string, filter?: LabelCandidateFilter): Promise<LabelCandidate[]>;
  /** How many posts `unlabelled(actor)` would return. */
  countUnlabelled(actor: string): Promise<number>;
}

export interface Store {
  readonly posts: PostRepo;
  readonly scores: ScoreRepo;
  readonly clusters: ClusterRepo;
  readonly alerts: AlertRepo;
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly loginThrottle: LoginThrottleRepo;
  readonly audit: AuditRepo;
  readonly crawl: CrawlStateRepo;
  /** Leases, rounds and host slots shared by several crawl workers (`minsheng worker`). */
  readonly crawlLeases: CrawlLeaseRepo;
  readonly fullText: FullTextRepo;
  readonly labels: LabelRepo;
  /** 明白纸 versions and review state (publicity staff). */
  readonly explainers: ExplainerRepo;
  /** Rebuilds of the residents' site: progress, and one at a time across processes. */
  readonly publishJobs: PublishJobRepo;
  /** Readers' “这页对您有用吗？” answers. */
  readonly feedback: FeedbackRepo;
  /** 回应口径 attached to alerts by publicity staff, versioned. */
  readonly wordings: AlertWordingRepo;
  readonly sourceHealth: SourceHealthRepo;
  /** Jobs run once per tick across every process on the store (analysis and alerts, the digest). */
  readonly clusterTicks: ClusterTickRepo;
  /** Applied migration names, oldest first. */
  migrations(): Promise<string[]>;
  close(): Promise<void>;
}
