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
