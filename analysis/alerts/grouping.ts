// A duty officer's grouping corrections (merge two alerts, move a post out of one) as the changes they
// make to the stored alerts. Pure: the store reads the rows inside its write transaction, calls these
// and writes exactly what they return (store/rows.ts alertCorrectionStatements), so both store
// dialects apply one rule. Later runs honour the corrections through overrides.ts.
import type { Alert, AlertEvent } from '../../store/types.ts';
import { isOpenStatus, levelRank } from '../../shared/vocabulary.ts';

/** Why a correction is refused; the console maps the kind to an HTTP status, the message is shown as is. */
export type GroupingRefusalKind = 'self' | 'target_not_open' | 'burst' | 'not_in_alert' | 'last_post';

/**
 * A correction the rules refuse. Thrown inside the store's write transaction, so it is decided on the
 * rows as they are at that moment (another officer may have closed the target a second ago).
 */
export class GroupingRefusal extends Error {
  constructor(
    readonly kind: GroupingRefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'GroupingRefusal';
  }
}

// Burst alerts count posts across incidents (analysis/alerts/rules.ts): not one event to merge.
const isBurst = (a: Alert) => a.ruleKey.startsWith('burst');

/** Who corrects, when, and why (the note is optional). */
export interface GroupingChange {
  actor: string;
  at: string;
  note?: string | null;
}

/** The columns of an alert a correction may change. */
export type CorrectedFields = Partial<Pick<Alert, 'level' | 'status' | 'postIds' | 'sources' | 'firstSeen' | 'lastSeen' | 'updatedAt'>>;

export interface AlertCorrection {
  /** The alert the officer keeps, whose new state the store returns. */
  keep: string;
  /** What changes on each alert touched, in writing order. */
  alerts: { id: string; set: CorrectedFields }[];
  /** History entries, in order. */
  events: Omit<AlertEvent, 'id'>[];
  /** The correction itself, applied again on every later run (overrides.ts). */
  override:
    | { kind: 'merge'; alertId: string; targetAlertId: string; actor: string; at: string }
    | { kind: 'move_out'; alertId: string; postId: string; actor: string; at: string };
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
const why = (change: GroupingChange) => (change.note ? `；${change.note}` : '');

/**
 * Merges alert `from` into `into` (the one kept): `into` takes the higher level, its own posts and
 * sources followed by those of `from` not already in it, the earlier first sighting and the later
 * last one; `from` is closed. Both histories say so. Refused: an alert into itself, into an alert
 * no longer open (reopen it first), and burst alerts either way.
 */
export function mergeAlerts(from: Alert, into: Alert, change: GroupingChange): AlertCorrection {
  if (from.id === into.id) throw new GroupingRefusal('self', '不能把预警并入它自己');
  if (!isOpenStatus(into.status)) throw new GroupingRefusal('target_not_open', '目标预警已关闭或标为误报，请先重新打开它');
  if (isBurst(from) || isBurst(into)) throw new GroupingRefusal('burst', '激增预警不是一个事件，不能合并；请合并具体事件的预警');
  return {
    keep: into.id,
    alerts: [
      {
        id: into.id,
        set: {
          level: levelRank(from.level) > levelRank(into.level) ? from.level : into.level,
          postIds: union(into.postIds, from.postIds),
          sources: union(into.sources, from.sources),
          firstSeen: from.firstSeen < into.firstSeen ? from.firstSeen : into.firstSeen,
          lastSeen: from.lastSeen > into.lastSeen ? from.lastSeen : into.lastSeen,
          updatedAt: change.at,
        },
      },
      { id: from.id, set: { status: 'closed', updatedAt: change.at } },
    ],
    events: [
      { alertId: into.id, at: change.at, actor: change.actor, action: 'merged', note: `并入预警 ${from.id}（${from.postIds.length} 条帖子）${why(change)}` },
      { alertId: from.id, at: change.at, actor: change.actor, action: 'merged', note: `已并入预警 ${into.id}${why(change)}` },
    ],
    override: { kind: 'merge', alertId: from.id, targetAlertId: into.id, actor: change.actor, at: change.at },
  };
}

/**
 * Moves post `postId` out of `alert`. `sourceOf` gives the source of the alert's posts still stored
 * (retention may have deleted some): the alert's sources become those of its remaining posts, or stay
 * as they were when none of those is stored any more. The last post cannot be moved out: an alert
 * that is no incident is marked a false positive instead.
 */
export function moveOutOfAlert(alert: Alert, postId: string, sourceOf: ReadonlyMap<string, string>, change: GroupingChange): AlertCorrection {
  if (!alert.postIds.includes(postId)) throw new GroupingRefusal('not_in_alert', `帖子 ${postId} 不在预警 ${alert.id} 里`);
  if (alert.postIds.length === 1) throw new GroupingRefusal('last_post', '预警只剩这一条帖子，不能移出；不是事件请标记为误报');
  const rest = alert.postIds.filter((p) => p !== postId);
  const sources = [...new Set(rest.flatMap((p) => sourceOf.get(p) ?? []))].sort();
  return {
    keep: alert.id,
    alerts: [{ id: alert.id, set: { postIds: rest, sources: sources.length ? sources : alert.sources, updatedAt: change.at } }],
    events: [{ alertId: alert.id, at: change.at, actor: change.actor, action: 'post_moved_out', note: `移出帖子 ${postId}${why(change)}` }],
    override: { kind: 'move_out', alertId: alert.id, postId, actor: change.actor, at: change.at },
  };
}
