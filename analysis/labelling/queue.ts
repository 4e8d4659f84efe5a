// The labelling queue's rule: which scored post a duty officer should label next. Pure; the store
// supplies the candidates (scored, unlabelled, not skipped by this officer) and the console shows
// the first one.
//
// Why this order. A label teaches the model most where it was least sure, so posts are taken by
// how close their negative probability is to the sentiment decision. The decision is an argmax
// over three classes, of which only P(negative) is stored: above 1/2 negative always wins, below
// 1/3 it never does, and in between it depends on how the rest splits between neutral and
// positive. So the distance to the boundary is 0 inside [1/3, 1/2] and the distance to that band
// outside it. Ahead of everything else come severe-but-uncertain posts (severity ≥ 2 and close to
// the boundary, or scored as not negative at all although the severity rules fired): a crisis read
// as praise or as neutral is the costliest mistake the scorer makes (it hides the post from alerts),
// and the bureau's labels on those posts are the ones that move the model where it matters.
//
// Every other post is drawn at random instead (nextPick). Posts picked for being unsure are the right
// ones to fit on but the wrong ones to choose a threshold on: precision measured on them is far below
// the precision on the posts that come next. On the real development letters, 1,000 labels in the
// unsure order never let the serious-letter model in and pulled the crisis threshold down to 0.15;
// half random, with the thresholds chosen on the random half, took severity ≥2 recall on letters not
// labelled from 80.5% to 89.2% at 72.2% precision (tests/bench/queue-order.ts). Each label records
// its pick, and `minsheng train` chooses thresholds on the random ones.
import type { LabelCandidate, LabelPick } from '../../store/types.ts';

/** Where the negative class starts and stops being decided by the other two classes. */
export const BOUNDARY_LOW = 1 / 3;
export const BOUNDARY_HIGH = 1 / 2;
/** How far from the boundary a severe post still counts as uncertain. */
export const SEVERE_BAND = 0.2;

/** 0 inside the band where negative may or may not win, else the distance to that band. */
export function boundaryDistance(negative: number): number {
  return Math.max(0, BOUNDARY_LOW - negative, negative - BOUNDARY_HIGH);
}

/** Severity ≥ 2 and either near the boundary or not scored negative at all. */
export function isSevereUncertain(c: Pick<LabelCandidate, 'severity' | 'negative' | 'sentiment'>): boolean {
  return c.severity >= 2 && (c.sentiment !== 'negative' || boundaryDistance(c.negative) <= SEVERE_BAND);
}

const MIDDLE = (BOUNDARY_LOW + BOUNDARY_HIGH) / 2;

/**
 * Candidates in the order they should be labelled: severe-but-uncertain first (more severe first,
 * then nearer the boundary), then all others nearest the boundary first. Ties: nearer the middle
 * of the band, then the newer post, then the post id, so the order is the same on every request.
 */
export function orderQueue<C extends LabelCandidate>(candidates: readonly C[]): C[] {
  const keyed = candidates.map((c) => ({
    c,
    severe: isSevereUncertain(c),
    distance: boundaryDistance(c.negative),
    middle: Math.abs(c.negative - MIDDLE),
    time: Date.parse(c.postedAt) || 0,
  }));
  keyed.sort(
    (a, b) =>
      Number(b.severe) - Number(a.severe) ||
      (a.severe ? b.c.severity - a.c.severity : 0) ||
      a.distance - b.distance ||
      a.middle - b.middle ||
      b.time - a.time ||
      (a.c.postId < b.c.postId ? -1 : a.c.postId > b.c.postId ? 1 : 0),
  );
  return keyed.map((k) => k.c);
}

/** What the queue asks the store for: inclusive bounds on severity and the negative probability. */
export interface CandidateFilter {
  minSeverity?: 2;
  negativeFrom?: number;
  negativeTo?: number;
  firstById?: true;
}

/** Half-widths around the boundary band tried in turn; the last one covers every probability. */
export const SEARCH_WINDOWS = [0.05, 0.15, 0.3, 1] as const;

/**
 * The first post of `orderQueue` over all candidates, without reading them all: the severe posts
 * first (few), then ever wider windows around the boundary band. A non-empty window holds the
 * nearest posts, since everything outside it is further from the boundary than anything inside.
 */
export async function findNext<C extends LabelCandidate>(fetch: (filter: CandidateFilter) => Promise<C[]>): Promise<C | null> {
  const severe = (await fetch({ minSeverity: 2 })).filter(isSevereUncertain);
  if (severe.length) return orderQueue(severe)[0]!;
  for (const w of SEARCH_WINDOWS) {
    const near = await fetch({ negativeFrom: BOUNDARY_LOW - w, negativeTo: BOUNDARY_HIGH + w });
    if (near.length) return orderQueue(near)[0]!;
  }
  return null;
}

/**
 * How the next post is picked, from the picks of the queue's labels so far: at random whenever fewer
 * labels were drawn at random than picked as unsure, so the two alternate.
 */
export function nextPick(picks: readonly (LabelPick | undefined)[]): LabelPick {
  let random = 0;
  let unsure = 0;
  for (const p of picks) {
    if (p === 'random') random++;
    else if (p === 'unsure') unsure++;
  }
  return random < unsure ? 'random' : 'unsure';
}

/**
 * The post to label next and how it was picked. A random pick is the candidate with the smallest post
 * id (ids are hashes of the address, so any post is as likely; the same post on every request).
 */
export async function findNextPick<C extends LabelCandidate>(
  fetch: (filter: CandidateFilter) => Promise<C[]>,
  pick: LabelPick,
): Promise<{ candidate: C; pick: LabelPick } | null> {
  if (pick === 'random') {
    const [candidate] = await fetch({ firstById: true });
    if (candidate) return { candidate, pick };
  }
  const candidate = await findNext(fetch);
  return candidate && { candidate, pick: 'unsure' };
}
