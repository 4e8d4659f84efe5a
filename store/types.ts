// The domain records every stage exchanges through the store. Nothing here knows SQL:
// a PostgreSQL store later implements the same interfaces.

import type { AlertLevel, AlertStatus, Sentiment } from '../shared/vocabulary.ts';
import type { Reason } from '../analysis/reasons.ts';
import type { AlertReason } from '../analysis/alerts/reasons.ts';

export { ALERT_LEVELS, ALERT_STATUSES, type AlertLevel, type AlertStatus, type Sentiment } from '../shared/vocabulary.ts';
/** 0 = none, 1 = 一般, 2 = 较大, 3 = 重大 crisis signals (see analysis/severity). */
export type Severity = 0 | 1 | 2 | 3;
export type Role = 'duty' | 'publicity' | 'admin';
export const ROLES: readonly Role[] = ['duty', 'publicity', 'admin'];

/** What a crawler hands to the store. Personal data is already masked. */
export interface PostInput {
  source: string;
  url: string;
  /** URL with tracking parameters and fragment removed; the identity of a post. */
  canonicalUrl: string;
  /** Hash of the normalised title + body + author: one post reached by two URLs is one post. */
  contentHash: string;
  title: string;
  body: string;
  author: string | null;
  /** ISO 8601 with offset, or null when the page did not say. */
  publishedAt: string | null;
  fetchedAt: string;
  district: string | null;
}

export interface Post extends PostInput {
  id: string;
  clusterId: string | null;
}

export interface UpsertResult {
  id: string;
  /** false when the post (by canonical URL or content hash) was already stored. */
  created: boolean;
}

/** A post's score. `minsheng score` prints it with each reason put into words (analysis/reasons.ts reasonText). */
export interface ScoreResult {
  sentiment: Sentiment;
  /** Probability-like 0..1 that the text is negative. */
  negative: number;
  severity: Severity;
  topic: string;
  /** Stored as JSON; rows written before reasons were structured hold sentences (read with readReasons). */
  reasons: Reason[];
}

export interface Score extends ScoreResult {
  postId: string;
  model: string;
  scoredAt: string;
}

export interface Cluster {
  id: string;
  size: number;
  sources: string[];
  firstSeen: string;
  lastSeen: string;
  representativePostId: string;
}

export interface AlertInput {
  /** Stable key of what raised it (e.g. `cluster:abc`), so re-running analysis updates rather than duplicates. */
  ruleKey: string;
  level: AlertLevel;
  title: string;
  /**
   * Why it was raised, as data (analysis/alerts/reasons.ts), put into words by alertReasonText. Stored as
   * JSON; rows written before reasons were structured hold sentences (read as `text` reasons).
   */
  reasons: AlertReason[];
  postIds: string[];
  sources: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface Alert extends AlertInput {
  id: string;
  status: AlertStatus;
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
}

export type AlertAction =
  | 'raised'
  | 'updated'
  | 'escalated'
  | 'acknowledged'
  | 'assigned'
  | 'in_progress'
  | 'responded'
  | 'closed'
  | 'false_positive'
  | 'reopened'
  | 'note'
  /** A notification went out for the alert at the level in the event's note (system event). */
  | 'notified'
  /** A duty officer merged another alert into this one, or this one into another (note says which). */
  | 'merged'
  /** A duty officer moved a post out of this alert (note names the post). */
  | 'post_moved_out';

/** A duty officer's grouping correction; analysis applies them on every run. */
export type AlertOverride =
  | { id: number; kind: 'merge'; alertId: string; targetAlertId: string; actor: string; at: string }
  | { id: number; kind: 'move_out'; alertId: string; postId: string; actor: string; at: string };

export interface AlertEvent {
  id: number;
  alertId: string;
  at: string;
  /** User name, or null for the system. */
  actor: string | null;
  action: AlertAction;
  note: string | null;
}

export interface User {
  id: number;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

export interface Session {
  /** sha256 of the cookie token; the token itself is never stored. */
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  /** Last request made with it (idle timeout); createdAt for a new one. */
  lastSeenAt: string;
}

/** A duty officer's correction of a post's scores during triage (training data for `minsheng train`). */
export interface PostLabel {
  id: number;
  postId: string;
  /** null = not corrected; at least one of the three is set. */
  sentiment: Sentiment | null;
  severity: Severity | null;
  topic: string | null;
  /** User name of who corrected it. */
  actor: string;
  at: string;
  /** How the labelling queue picked the post (absent: a correction made while triaging, or an older label). */
  pick?: LabelPick;
}

/** How the labelling queue picked a post: drawn at random, or because the model was least sure of it. */
export type LabelPick = 'random' | 'unsure';

export const isLabelPick = (v: unknown): v is LabelPick => v === 'random' || v === 'unsure';

/** A scored, not yet labelled post as the labelling queue sees it (no text: the page fetches the one it shows). */
export interface LabelCandidate {
  postId: string;
  sentiment: Sentiment;
  negative: number;
  severity: Severity;
  topic: string;
  /** publishedAt, else fetchedAt. */
  postedAt: string;
}

export interface LabelCandidateFilter {
  minSeverity?: Severity;
  negativeFrom?: number;
  negativeTo?: number;
  /** Only the candidate with the smallest post id: post ids are hashes, so this is a random post, the same on every request. */
  firstById?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}

export interface PostQuery {
  source?: string;
  since?: string;
  unscored?: boolean;
  /** Only posts without a cluster yet (what clustering has not seen). */
  unclustered?: boolean;
  limit?: number;
  /** Continue after this id (keyset pagination, stable under inserts). */
  afterId?: string;
}
