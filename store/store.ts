// The one interface every stage uses to reach stored data. Methods are async so a PostgreSQL
// implementation can stand in for the embedded SQLite one without touching the callers.
import type {
  Alert,
  AlertAction,
  AlertEvent,
  AlertInput,
  AlertStatus,
  AuditEntry,
  Cluster,
  Post,
  PostInput,
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
import type { FullTextRepo } from './full-text.ts';
import type { SourceHealthRepo } from './source-health.ts';

export interface PostRepo {
  /** Idempotent: the same canonical URL or content hash returns the stored id with created=false. */
  upsert(post: PostInput): Promise<UpsertResult>;
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

export interface AlertRepo {
  /**
   * Raises a new alert for an unseen ruleKey, or updates the open one (posts, lastSeen, and the level
   * only upwards). Returns the alert and what changed, so notifications fire once per change.
   */
  raise(input: AlertInput, at: string): Promise<{ alert: Alert; change: 'raised' | 'escalated' | 'updated' | 'unchanged' }>;
  get(id: string): Promise<Alert | null>;
  list(options?: { status?: AlertStatus[]; limit?: number }): Promise<Alert[]>;
  /** Moves an alert along the workflow and records the event in the same transaction. */
  transition(id: string, change: { status?: AlertStatus; assignee?: string | null; action: AlertAction; actor: string | null; note?: string | null; at: string }): Promise<Alert>;
  events(alertId: string): Promise<AlertEvent[]>;
}

export interface UserRepo {
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
}

export interface AuditRepo {
  record(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  list(options?: { limit?: number; actor?: string }): Promise<AuditEntry[]>;
}

/** Triage corrections, append-only. */
export interface LabelRepo {
  /** Records a correction; refuses one that corrects nothing or names an unknown post. */
  save(label: Omit<PostLabel, 'id'>): Promise<PostLabel>;
  /** Oldest first; for one post when `postId` is given. */
  list(options?: { postId?: string }): Promise<PostLabel[]>;
}

export interface Store {
  readonly posts: PostRepo;
  readonly scores: ScoreRepo;
  readonly clusters: ClusterRepo;
  readonly alerts: AlertRepo;
  readonly users: UserRepo;
  readonly sessions: SessionRepo;
  readonly audit: AuditRepo;
  readonly crawl: CrawlStateRepo;
  readonly fullText: FullTextRepo;
  readonly labels: LabelRepo;
  readonly sourceHealth: SourceHealthRepo;
  /** Applied migration names, oldest first. */
  migrations(): Promise<string[]>;
  close(): Promise<void>;
}
