// A duty officer's grouping corrections, applied to the automatic events before the rules run, so
// that a decision made in the console sticks on every later run. Pure.
// - "merge A into B": every event holding a post of B (which now lists A's posts too) becomes one
//   event, and later posts joining any of those events join it as well;
// - "move post P out of A": P stands alone from then on (its own event and near-duplicate cluster),
//   and is never put back into A.
import type { Alert, AlertOverride } from '../../store/types.ts';
import type { AnalyzedPost } from './rules.ts';

export interface GroupingCorrections {
  /** Merged-away alert id → the alert it was merged into. */
  mergedInto: Map<string, string>;
  /** Alert id → posts moved out of it. */
  movedOut: Map<string, Set<string>>;
}

export function corrections(overrides: readonly AlertOverride[]): GroupingCorrections {
  const mergedInto = new Map<string, string>();
  const movedOut = new Map<string, Set<string>>();
  for (const o of overrides) {
    if (o.kind === 'merge') mergedInto.set(o.alertId, o.targetAlertId);
    else (movedOut.get(o.alertId) ?? movedOut.set(o.alertId, new Set()).get(o.alertId)!).add(o.postId);
  }
  return { mergedInto, movedOut };
}

/** The event each post belongs to after the corrections (posts without an event count as their own). */
export function applyCorrections(posts: readonly AnalyzedPost[], alerts: readonly Pick<Alert, 'id' | 'postIds'>[], fixes: GroupingCorrections): AnalyzedPost[] {
  const moved = new Set([...fixes.movedOut.values()].flatMap((s) => [...s]));
  const eventOf = (p: AnalyzedPost) => (moved.has(p.id) ? `moved:${p.id}` : (p.eventId ?? p.clusterId ?? `post:${p.id}`));
  // Posts of alerts that received a merge: their events are glued together under the target.
  const targets = new Set(fixes.mergedInto.values());
  const gluedTo = new Map<string, string>();
  for (const a of alerts) if (targets.has(a.id)) for (const id of a.postIds) if (!moved.has(id)) gluedTo.set(id, a.id);
  const eventTarget = new Map<string, string>();
  for (const p of posts) {
    const target = gluedTo.get(p.id);
    if (target && !eventTarget.has(eventOf(p))) eventTarget.set(eventOf(p), target);
  }
  return posts.map((p) => {
    if (moved.has(p.id)) return { ...p, eventId: `moved:${p.id}`, clusterId: null };
    const target = eventTarget.get(eventOf(p));
    return target ? { ...p, eventId: `merged:${target}` } : p;
  });
}
