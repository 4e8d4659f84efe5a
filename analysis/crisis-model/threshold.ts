// The crisis model's threshold for a bureau's retrained model, chosen on the bureau's own posts.
//
// The shipped threshold (0.5) was chosen on written examples: short posts, one crisis in ten. Real letters
// are long, and a long letter's n-grams each weigh little, so a model retrained on a bureau's letters puts
// the crises the rules miss at 0.1–0.3, not above 0.5 (tests/bench/bureau-labels.ts measures this on real
// letters). The threshold is therefore chosen from out-of-fold probabilities on the bureau's own labelled
// posts: the lowest one whose decisions (rules or model) keep precision on severity 3 at the target.
// Pure: the caller fits the folds and scores the posts.

/** One labelled post as the severity decision sees it. */
export interface CrisisCase {
  /** The rules alone already say 3 (the model cannot change it). */
  ruledThree: boolean;
  /** The model may raise the post (not thanks, not a calm notice or question). */
  eligible: boolean;
  /** The out-of-fold crisis probability. */
  probability: number;
  /** Labelled severity 3. */
  crisis: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  /** On the cases, with rules or model above the threshold deciding 3. */
  recall: number;
  precision: number;
  /** Why this one (for the trainer's output). */
  why: 'chosen' | 'shipped-kept';
}

/** Thresholds tried, high to low: below 0.1 a model fitted on one crisis in ten raises ordinary complaints. */
export const THRESHOLD_GRID = [0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1] as const;

export function severityThreeAt(cases: readonly CrisisCase[], threshold: number): { recall: number; precision: number } {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const c of cases) {
    const three = c.ruledThree || (c.eligible && c.probability > threshold);
    if (c.crisis) gold++;
    if (three) predicted++;
    if (three && c.crisis) tp++;
  }
  return { recall: gold ? tp / gold : 0, precision: predicted ? tp / predicted : 0 };
}

/**
 * The lowest threshold on the grid whose severity-3 precision stays at or above `minPrecision`; the
 * shipped one when no lower threshold keeps it (a lower one is taken only if it finds more crises).
 */
export function chooseCrisisThreshold(cases: readonly CrisisCase[], minPrecision: number, shipped = THRESHOLD_GRID[0]): ThresholdChoice {
  const base = severityThreeAt(cases, shipped);
  let best: ThresholdChoice = { threshold: shipped, ...base, why: 'shipped-kept' };
  for (const t of THRESHOLD_GRID) {
    if (t >= shipped) continue;
    const at = severityThreeAt(cases, t);
    if (at.precision >= minPrecision && at.recall > best.recall) best = { threshold: t, ...at, why: 'chosen' };
  }
  return best;
}
