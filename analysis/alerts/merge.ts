// The merge rule: what happens to a stored alert when the rules produce it again. Pure; raise.ts
// reads the stored alert, decides here and has the store write the decision (compare-and-set). Rules:
// - posts and sources only accumulate (a post once in an incident stays listed, unless a duty
//   officer moves it out: that is a separate, audited decision — analysis/alerts/overrides.ts);
// - the level only rises: an incident that calms down keeps the level it reached;
// - a closed or false-positive alert stays ended when more of the same arrives, and reopens (status
//   new) only when the incident rises to a higher level than the one it was closed at;
// - nothing changed (no new post, no higher level): no write and no event, so reruns are silent.
import type { Alert, AlertAction, AlertInput } from '../../store/types.ts';
import { isOpenStatus, levelRank as rank } from '../../shared/vocabulary.ts';
import { alertReasonText } from './reasons.ts';

export type MergeChange = 'raised' | 'escalated' | 'updated' | 'unchanged';

export interface MergeDecision {
  change: MergeChange;
  /** The alert's fields after the merge (for 'unchanged', the current ones). */
  next: Omit<Alert, 'id' | 'createdAt' | 'assignee'> & { assignee: string | null };
  /** Events to record, in order (system events: actor null). */
  events: { action: AlertAction; note: string | null }[];
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
/** The history keeps what the duty officer read at the time, in words (a note is text for people). */
const reasonsNote = (input: AlertInput) => input.reasons.map(alertReasonText).join('；');

/** Merges a freshly evaluated alert into the stored one (null: none yet). `at` is the run's time. */
export function mergeAlert(current: Alert | null, input: AlertInput, at: string): MergeDecision {
  if (!current) {
    return {
      change: 'raised',
      next: { ...input, status: 'new', assignee: null, updatedAt: at },
      events: [{ action: 'raised', note: reasonsNote(input) }],
    };
  }
  const postIds = union(current.postIds, input.postIds);
  const sources = union(current.sources, input.sources);
  const higher = rank(input.level) > rank(current.level);
  const grew = postIds.length > current.postIds.length;
  if (!higher && !grew) {
    const { id: _id, createdAt: _created, ...rest } = current;
    return { change: 'unchanged', next: rest, events: [] };
  }
  const ended = !isOpenStatus(current.status);
  const level = higher ? input.level : current.level;
  const events: MergeDecision['events'] = [];
  if (higher && ended) events.push({ action: 'reopened', note: null });
  events.push(
    higher
      ? { action: 'escalated', note: `${current.level} → ${level}；${reasonsNote(input)}` }
      : { action: 'updated', note: `帖子 ${current.postIds.length} → ${postIds.length}` },
  );
  return {
    change: higher ? 'escalated' : 'updated',
    next: {
      ruleKey: current.ruleKey,
      level,
      status: higher && ended ? 'new' : current.status,
      assignee: current.assignee,
      title: input.title,
      // An ended alert keeps the reasons it was closed on, unless it reopens.
      reasons: higher || !ended ? input.reasons : current.reasons,
      postIds,
      sources,
      firstSeen: input.firstSeen < current.firstSeen ? input.firstSeen : current.firstSeen,
      lastSeen: input.lastSeen > current.lastSeen ? input.lastSeen : current.lastSeen,
      updatedAt: at,
    },
    events,
  };
}

/**
 * Which stored alert a freshly evaluated incident continues: the one with its rule key, else the
 * incident alert sharing most of its posts (an event's key changes when an earlier post joins it or
 * two events grow into one; the duty officer must still see one alert). Bursts match by key only.
 * Alerts merged into another by hand are followed to the one they were merged into.
 */
export function matchAlert(
  input: AlertInput,
  alerts: readonly Pick<Alert, 'id' | 'ruleKey' | 'postIds' | 'createdAt'>[],
  mergedInto: ReadonlyMap<string, string> = new Map(),
): string | null {
  const follow = (id: string) => {
    const seen = new Set<string>();
    while (mergedInto.has(id) && !seen.has(id)) {
      seen.add(id);
      id = mergedInto.get(id)!;
    }
    return id;
  };
  const byKey = alerts.filter((a) => a.ruleKey === input.ruleKey).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (byKey) return follow(byKey.id);
  if (input.ruleKey.startsWith('burst')) return null;
  const posts = new Set(input.postIds);
  let best: { id: string; shared: number; createdAt: string } | null = null;
  for (const a of alerts) {
    if (a.ruleKey.startsWith('burst')) continue;
    const shared = a.postIds.filter((p) => posts.has(p)).length;
    if (shared === 0) continue;
    // Most shared posts; on a tie the older alert (the one the duty officer has been working on).
    if (!best || shared > best.shared || (shared === best.shared && a.createdAt < best.createdAt)) best = { id: a.id, shared, createdAt: a.createdAt };
  }
  return best ? follow(best.id) : null;
}
