// What the store keeps for publicity staff: every version of every 明白纸 with its workflow
// state, and residents' yes/no feedback on public pages. The rules live in publicity/; the
// Markdown files under site/content stay the published truth the site is built from.

export type ExplainerState = 'draft' | 'submitted' | 'approved' | 'scheduled' | 'published';

export interface ExplainerVersion {
  explainerId: string;
  number: number;
  /** The whole Markdown file (front matter + body). */
  source: string;
  author: string;
  createdAt: string;
  note: string | null;
  /** Who approved exactly this text (never its author); null if it was never approved. */
  approvedBy: string | null;
}

export interface ExplainerRecord {
  id: string;
  state: ExplainerState;
  /** The working copy: the newest version. */
  currentVersion: number;
  submittedBy: string | null;
  approvedBy: string | null;
  /** What the residents' site shows; null when the page is not on the site. */
  publishedVersion: number | null;
  publishedAt: string | null;
  /** When a scheduled publication is due. */
  publishAt: string | null;
  updatedAt: string;
}

export interface ExplainerRepo {
  get(id: string): Promise<ExplainerRecord | null>;
  list(): Promise<ExplainerRecord[]>;
  versions(id: string): Promise<ExplainerVersion[]>;
  /**
   * Stores a record and, in the same transaction, an optional new version and an optional
   * approver for an existing version. Refuses a new version whose number is taken.
   */
  save(record: ExplainerRecord, change?: { newVersion?: ExplainerVersion | null; approveVersion?: { number: number; by: string } | null }): Promise<void>;
  /** The editor's automatic draft of `id` ('' for a page not yet created) by `user`, or null. */
  getAutosave(id: string, user: string): Promise<ExplainerAutosave | null>;
  /** Stores (replaces) that user's automatic draft; never a version. */
  putAutosave(autosave: ExplainerAutosave): Promise<void>;
  deleteAutosave(id: string, user: string): Promise<void>;
  /** Deletes automatic drafts saved before `before` (ISO); returns how many. */
  pruneAutosaves(before: string): Promise<number>;
}

/** What the editor last sent for one explainer and one user (overwritten each time). */
export interface ExplainerAutosave {
  /** '' for a 明白纸 not created yet (the “new” page). */
  explainerId: string;
  user: string;
  source: string;
  /** The version the draft was started from (null for a new page). */
  baseVersion: number | null;
  savedAt: string;
}

export type PublishStep = 'queued' | 'linting' | 'building' | 'swapping' | 'done' | 'failed';

/** One rebuild of the residents' site, kept in the store so every server process sees it. */
export interface PublishJob {
  id: number;
  explainerId: string;
  what: string;
  step: PublishStep;
  /** Which process runs it (host:pid), for the record. */
  owner: string;
  startedAt: string;
  /** Updated while the job runs; a running job whose heartbeat stopped has died with its process. */
  heartbeatAt: string;
  finishedAt: string | null;
  /** Chinese messages: lint errors or the build's own error. */
  errors: string[];
  warnings: string[];
}

/**
 * Publish jobs. At most one runs: a single slot row names it, and a job is started only by a
 * compare-and-set of that row from the holder the caller saw (null or an expired job) to the new job.
 */
export interface PublishJobRepo {
  get(id: number): Promise<PublishJob | null>;
  /** Newest first. */
  list(limit?: number): Promise<PublishJob[]>;
  /** The job holding the slot (running, or dead with its process), or null. */
  holder(): Promise<PublishJob | null>;
  /**
   * Inserts the job and moves the slot from `expected` (the holder's id as the caller saw it, or
   * null) to it, in one transaction. When the slot no longer holds `expected`, nothing is stored
   * and null is returned. A replaced holder is marked failed with `replacedError`.
   */
  claim(job: Omit<PublishJob, 'id' | 'finishedAt' | 'errors' | 'warnings'>, expected: number | null, replacedError?: string): Promise<PublishJob | null>;
  /** Records a step and the heartbeat; false when the job no longer holds the slot. */
  beat(id: number, at: string, step?: PublishStep): Promise<boolean>;
  /** Stores the outcome and frees the slot if this job still holds it. */
  finish(id: number, outcome: { step: 'done' | 'failed'; at: string; errors: string[]; warnings: string[] }): Promise<void>;
}

export interface FeedbackEntry {
  id: number;
  page: string;
  useful: boolean;
  /** Masked before it is stored. */
  note: string | null;
  at: string;
}

export interface FeedbackRepo {
  add(entry: Omit<FeedbackEntry, 'id'>): Promise<FeedbackEntry>;
  /** Newest first; only pages starting with `pagePrefix` when given. */
  list(options?: { since?: string; pagePrefix?: string; limit?: number }): Promise<FeedbackEntry[]>;
}

/** One version of an alert's 回应口径 (response wording). */
export interface AlertWording {
  alertId: string;
  number: number;
  text: string;
  author: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface AlertWordingRepo {
  /** Oldest first. */
  list(alertId: string): Promise<AlertWording[]>;
  /** Appends a version with the next number. */
  add(entry: { alertId: string; text: string; author: string; createdAt: string }): Promise<AlertWording>;
  approve(alertId: string, number: number, by: string, at: string): Promise<void>;
}
