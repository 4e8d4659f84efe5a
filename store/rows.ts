// Rows to records, for both store dialects: SQLite and PostgreSQL return the same columns as plain
// values (JSON kept as text), so one mapper per table serves both and a dialect holds only its SQL.
import { LEVEL_ORDER } from '../shared/vocabulary.ts';
import type { AlertWrite } from './store.ts';
import {
  isLabelPick,
  type Alert,
  type AlertOverride,
  type AuditEntry,
  type Cluster,
  type LabelCandidate,
  type Post,
  type PostInput,
  type PostLabel,
  type Score,
} from './types.ts';
import type { CrawlRequest } from './crawl-state.ts';
import type { HostSlot, LeasedRequest, RoundWork } from './crawl-leases.ts';
import type { ClusterTick } from './cluster-ticks.ts';
import type { AlertWording, ExplainerRecord, ExplainerState, ExplainerVersion, PublishJob, PublishStep } from './publicity.ts';
import type { SourceHealth, SourceRun } from './source-health.ts';
import { readReasons } from '../analysis/reasons.ts';
import { readAlertReasons } from '../analysis/alerts/reasons.ts';
import type { AlertCorrection, CorrectedFields } from '../analysis/alerts/grouping.ts';

export type Row = Record<string, unknown>;
/** A nullable text column. */
export const str = (v: unknown) => (v === null || v === undefined ? null : String(v as string | number | bigint));
/** A nullable number column. */
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;

export function toPost(r: Row): Post {
  return {
    id: String(r.id),
    source: String(r.source),
    url: String(r.url),
    canonicalUrl: String(r.canonical_url),
    contentHash: String(r.content_hash),
    title: String(r.title),
    body: String(r.body),
    author: str(r.author),
    publishedAt: str(r.published_at),
    fetchedAt: String(r.fetched_at),
    district: str(r.district),
    clusterId: str(r.cluster_id),
  };
}

export function toScore(r: Row): Score {
  return {
    postId: String(r.post_id),
    sentiment: r.sentiment as Score['sentiment'],
    negative: Number(r.negative),
    severity: Number(r.severity) as Score['severity'],
    topic: String(r.topic),
    reasons: readReasons(json<unknown>(r.reasons)),
    model: String(r.model),
    scoredAt: String(r.scored_at),
  };
}

export function toCluster(r: Row): Cluster {
  return {
    id: String(r.id),
    size: Number(r.size),
    sources: json<string[]>(r.sources),
    firstSeen: String(r.first_seen),
    lastSeen: String(r.last_seen),
    representativePostId: String(r.representative_post_id),
  };
}

export function toAlert(r: Row): Alert {
  return {
    id: String(r.id),
    ruleKey: String(r.rule_key),
    level: r.level as Alert['level'],
    status: r.status as Alert['status'],
    title: String(r.title),
    reasons: readAlertReasons(json<unknown>(r.reasons)),
    postIds: json<string[]>(r.post_ids),
    sources: json<string[]>(r.sources),
    firstSeen: String(r.first_seen),
    lastSeen: String(r.last_seen),
    assignee: str(r.assignee),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function toLabel(r: Row): PostLabel {
  return {
    id: Number(r.id),
    postId: String(r.post_id),
    sentiment: str(r.sentiment) as PostLabel['sentiment'],
    severity: r.severity === null || r.severity === undefined ? null : (Number(r.severity) as PostLabel['severity']),
    topic: str(r.topic),
    actor: String(r.actor),
    at: String(r.at),
    ...(isLabelPick(r.pick) ? { pick: r.pick } : {}),
  };
}

/** A row of the labelling queue's candidate query (scores joined with their post's time). */
export function toLabelCandidate(r: Row): LabelCandidate {
  return {
    postId: String(r.post_id),
    sentiment: String(r.sentiment) as LabelCandidate['sentiment'],
    negative: Number(r.negative),
    severity: Number(r.severity) as LabelCandidate['severity'],
    topic: String(r.topic),
    postedAt: String(r.posted_at),
  };
}

export function toLeased(r: Row): LeasedRequest {
  return {
    sourceId: String(r.source_id),
    url: String(r.url),
    kind: r.kind as LeasedRequest['kind'],
    status: r.status as LeasedRequest['status'],
    attempts: Number(r.attempts),
    notBefore: str(r.not_before),
    lastError: str(r.last_error),
    meta: str(r.meta),
    leaseOwner: str(r.lease_owner),
    leaseUntil: str(r.lease_until),
  };
}

export function toSlot(r: Row): HostSlot {
  return { host: String(r.host), nextAllowedAt: String(r.next_allowed_at), holder: str(r.holder), busyUntil: str(r.busy_until), version: Number(r.version) };
}

export function toRoundWork(r: Row): RoundWork {
  return {
    sourceId: String(r.source_id),
    round: Number(r.round),
    worker: String(r.worker),
    pagesFetched: Number(r.pages_fetched),
    newPosts: Number(r.new_posts),
    tally: String(r.tally),
    updatedAt: String(r.updated_at),
  };
}

export function toClusterTick(r: Row): ClusterTick {
  return {
    name: String(r.name),
    tick: String(r.tick),
    holder: str(r.holder),
    heldUntil: str(r.held_until),
    doneAt: str(r.done_at),
    version: Number(r.version),
  };
}

export function toRequest(r: Row): CrawlRequest {
  return {
    sourceId: String(r.source_id),
    url: String(r.url),
    kind: r.kind as CrawlRequest['kind'],
    status: r.status as CrawlRequest['status'],
    attempts: Number(r.attempts),
    notBefore: str(r.not_before),
    lastError: str(r.last_error),
    meta: str(r.meta),
  };
}

export function toRecord(r: Row): ExplainerRecord {
  return {
    id: String(r.id),
    state: String(r.state) as ExplainerState,
    currentVersion: Number(r.current_version),
    submittedBy: str(r.submitted_by),
    approvedBy: str(r.approved_by),
    publishedVersion: num(r.published_version),
    publishedAt: str(r.published_at),
    publishAt: str(r.publish_at),
    updatedAt: String(r.updated_at),
  };
}

export function toVersion(r: Row): ExplainerVersion {
  return {
    explainerId: String(r.explainer_id),
    number: Number(r.number),
    source: String(r.source),
    author: String(r.author),
    createdAt: String(r.created_at),
    note: str(r.note),
    approvedBy: str(r.approved_by),
  };
}

export function toJob(r: Row): PublishJob {
  return {
    id: Number(r.id),
    explainerId: String(r.explainer_id),
    what: String(r.what),
    step: String(r.step) as PublishStep,
    owner: String(r.owner),
    startedAt: String(r.started_at),
    heartbeatAt: String(r.heartbeat_at),
    finishedAt: str(r.finished_at),
    errors: json<string[]>(r.errors),
    warnings: json<string[]>(r.warnings),
  };
}

export function toWording(r: Row): AlertWording {
  return {
    alertId: String(r.alert_id),
    number: Number(r.number),
    text: String(r.text),
    author: String(r.author),
    createdAt: String(r.created_at),
    approvedBy: str(r.approved_by),
    approvedAt: str(r.approved_at),
  };
}

export function toHealth(r: Row): SourceHealth {
  return {
    sourceId: String(r.source_id),
    state: r.state as SourceHealth['state'],
    stateSince: String(r.state_since),
    lastRunAt: String(r.last_run_at),
    lastSuccessAt: str(r.last_success_at),
    lastNewPostAt: str(r.last_new_post_at),
    lastError: str(r.last_error),
    itemsLastRun: Number(r.items_last_run),
    pagesLastRun: Number(r.pages_last_run),
    newPostsLastRun: Number(r.new_posts_last_run),
    errorsLastRun: json(r.errors_last_run),
    detail: String(r.detail),
  };
}

/**
 * A crawl round's log line and the source's new current state, the same statements in both dialects
 * (`?` placeholders); the store runs them in one transaction.
 */
export function recordSourceStatements(run: SourceRun, h: SourceHealth): { sql: string; params: unknown[] }[] {
  return [
    {
      sql: `INSERT INTO source_runs (source_id, started_at, finished_at, pages_fetched, items_found, new_posts, errors, last_error, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        run.sourceId,
        run.startedAt,
        run.finishedAt,
        run.pagesFetched,
        run.itemsFound,
        run.newPosts,
        JSON.stringify(run.errors),
        run.lastError,
        run.state,
      ],
    },
    {
      sql: `INSERT INTO source_health (source_id, state, state_since, last_run_at, last_success_at, last_new_post_at, last_error,
           items_last_run, pages_last_run, new_posts_last_run, errors_last_run, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(source_id) DO UPDATE SET state = excluded.state, state_since = excluded.state_since,
           last_run_at = excluded.last_run_at, last_success_at = excluded.last_success_at,
           last_new_post_at = excluded.last_new_post_at, last_error = excluded.last_error,
           items_last_run = excluded.items_last_run, pages_last_run = excluded.pages_last_run,
           new_posts_last_run = excluded.new_posts_last_run, errors_last_run = excluded.errors_last_run, detail = excluded.detail`,
      params: [
        h.sourceId,
        h.state,
        h.stateSince,
        h.lastRunAt,
        h.lastSuccessAt,
        h.lastNewPostAt,
        h.lastError,
        h.itemsLastRun,
        h.pagesLastRun,
        h.newPostsLastRun,
        JSON.stringify(h.errorsLastRun),
        h.detail,
      ],
    },
  ];
}

export function toAlertOverride(r: Row): AlertOverride {
  return r.kind === 'merge'
    ? { id: Number(r.id), kind: 'merge', alertId: String(r.alert_id), targetAlertId: String(r.target_alert_id), actor: String(r.actor), at: String(r.at) }
    : { id: Number(r.id), kind: 'move_out', alertId: String(r.alert_id), postId: String(r.post_id), actor: String(r.actor), at: String(r.at) };
}

export function toAuditEntry(r: Row): AuditEntry {
  return {
    id: Number(r.id),
    at: String(r.at),
    actor: str(r.actor),
    action: String(r.action),
    target: str(r.target),
    detail: str(r.detail),
    ip: str(r.ip),
  };
}

/** Most serious level first, as SQL (the same in both dialects), from the one level order in shared/vocabulary.ts. */
export const LEVEL_ORDER_SQL = `CASE level ${LEVEL_ORDER.map((l, i) => `WHEN '${l}' THEN ${i}`).join(' ')} END`;

/** The statement that inserts a new alert, the same in both dialects (`?` placeholders). */
export function insertAlertStatement(id: string, n: AlertWrite['next'], at: string): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO alerts (id, rule_key, level, status, title, reasons, post_ids, sources, first_seen, last_seen, assignee, created_at, updated_at)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    params: [
      id,
      n.ruleKey,
      n.level,
      n.status,
      n.title,
      JSON.stringify(n.reasons),
      JSON.stringify(n.postIds),
      JSON.stringify(n.sources),
      n.firstSeen,
      n.lastSeen,
      n.assignee,
      at,
      n.updatedAt,
    ],
  };
}

/**
 * The compare-and-set update of an existing alert, the same in both dialects: it changes the row only
 * while it is still as `expected` left it (time, level, status, posts), so of two decisions one lands.
 */
export function updateAlertIfUnchangedStatement(n: AlertWrite['next'], expected: Alert): { sql: string; params: unknown[] } {
  return {
    sql: `UPDATE alerts SET level=?, status=?, title=?, reasons=?, post_ids=?, sources=?, first_seen=?, last_seen=?, updated_at=?
           WHERE id=? AND updated_at=? AND level=? AND status=? AND post_ids=?`,
    params: [
      n.level,
      n.status,
      n.title,
      JSON.stringify(n.reasons),
      JSON.stringify(n.postIds),
      JSON.stringify(n.sources),
      n.firstSeen,
      n.lastSeen,
      n.updatedAt,
      expected.id,
      expected.updatedAt,
      expected.level,
      expected.status,
      JSON.stringify(expected.postIds),
    ],
  };
}

const CORRECTED_COLUMNS: Record<keyof CorrectedFields, string> = {
  level: 'level',
  status: 'status',
  postIds: 'post_ids',
  sources: 'sources',
  firstSeen: 'first_seen',
  lastSeen: 'last_seen',
  updatedAt: 'updated_at',
};

/**
 * The statements that write a duty officer's grouping correction as analysis/alerts/grouping.ts
 * decided it (the alerts' changed columns, the history entries, the override row), the same in both
 * dialects; each store runs them inside the transaction in which it read the alerts.
 */
export function alertCorrectionStatements(c: AlertCorrection): { sql: string; params: unknown[] }[] {
  const out: { sql: string; params: unknown[] }[] = [];
  for (const a of c.alerts) {
    const keys = (Object.keys(a.set) as (keyof CorrectedFields)[]).filter((k) => a.set[k] !== undefined);
    out.push({
      sql: `UPDATE alerts SET ${keys.map((k) => `${CORRECTED_COLUMNS[k]}=?`).join(', ')} WHERE id=?`,
      params: [...keys.map((k) => (Array.isArray(a.set[k]) ? JSON.stringify(a.set[k]) : a.set[k])), a.id],
    });
  }
  for (const e of c.events) {
    out.push({ sql: 'INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)', params: [e.alertId, e.at, e.actor, e.action, e.note] });
  }
  const o = c.override;
  out.push({
    sql: 'INSERT INTO alert_overrides (kind, alert_id, target_alert_id, post_id, actor, at) VALUES (?,?,?,?,?,?)',
    params: [o.kind, o.alertId, o.kind === 'merge' ? o.targetAlertId : null, o.kind === 'move_out' ? o.postId : null, o.actor, o.at],
  });
  return out;
}

/**
 * Storing a post that is already stored (`existing`, found by its canonical URL or content hash), the
 * same in both dialects and in batches. A persistence rule, so it lives here and not in analysis: it
 * keeps rows consistent with what they derive from, like a cascade. The text changed when the hash
 * differs and no other post holds the new one (`hashHolder`: the post with that hash, or null; the
 * hash is unique); then the row takes the new text and keeps its id, and the score, which describes
 * the old text, is deleted so analysis scores the post again. Same text, or a text another post
 * already has: null, nothing is written.
 */
export function postEditStatements(
  existing: { id: string; contentHash: string },
  p: PostInput,
  hashHolder: string | null,
  now: string,
): { sql: string; params: unknown[] }[] | null {
  if (existing.contentHash === p.contentHash || (hashHolder !== null && hashHolder !== existing.id)) return null;
  return [
    {
      sql: 'UPDATE posts SET title=?, body=?, author=?, published_at=?, content_hash=?, fetched_at=?, updated_at=? WHERE id=?',
      params: [p.title, p.body, p.author, p.publishedAt, p.contentHash, p.fetchedAt, now, existing.id],
    },
    { sql: 'DELETE FROM scores WHERE post_id = ?', params: [existing.id] },
  ];
}
