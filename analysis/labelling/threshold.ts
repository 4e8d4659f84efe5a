// The threshold of a bureau's retrained crisis (severity 3) or serious-letter (severity ≥2) model, chosen
// on the bureau's own posts.
//
// The shipped threshold (0.5) was chosen on written examples: short posts, one crisis in ten. Real letters
// are long, and a long letter's n-grams each weigh little, so a model retrained on a bureau's letters puts
// the crises the rules miss at 0.1–0.3, not above 0.5 (tests/bench/bureau-labels.ts measures this on real
// letters). The threshold is therefore chosen from out-of-fold probabilities on the bureau's own labelled
// posts: the lowest one whose decisions (rules or model) keep precision on severity 3 at the target.
// Pure: the caller fits the folds and scores the posts.

/** One labelled post as the severity decision sees it, for one model (crisis: level 3; serious: level ≥2). */
export interface ThresholdCase {
  /** The rules alone already reach the level (the model cannot change it). */
  byRules: boolean;
  /** The model may raise the post (crisis: not thanks, not a calm notice; serious: a complaint the rules leave at 1). */
  eligible: boolean;
  /** The out-of-fold probability. */
  probability: number;
  /** Labelled at the level. */
  labelled: boolean;
}

export interface ThresholdChoice {
  threshold: number;
  /** On the cases, with rules or model above the threshold deciding the level. */
  recall: number;
  precision: number;
  /** Why this one (for the trainer's output). */
  why: 'chosen' | 'shipped-kept';
}

/**
 * Thresholds tried, high to low (only those below the starting one): below 0.1 a model fitted on one crisis in
 * ten raises ordinary complaints; the serious-letter model, with no shipped threshold, may need one above 0.5.
 */
export const THRESHOLD_GRID = [0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1] as const;

export function decisionsAt(cases: readonly ThresholdCase[], threshold: number): { recall: number; precision: number } {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const c of cases) {
    const raised = c.byRules || (c.eligible && c.probability > threshold);
    if (c.labelled) gold++;
    if (raised) predicted++;
    if (raised && c.labelled) tp++;
  }
  return { recall: gold ? tp / gold : 0, precision: predicted ? tp / predicted : 0 };
}

/**
 * The lowest threshold on the grid whose precision at the level stays at or above `minPrecision`; the
 * starting one when no lower threshold keeps it (a lower one is taken only if it finds more).
 */
export function chooseThreshold(cases: readonly ThresholdCase[], minPrecision: number, shipped: number): ThresholdChoice {
  const base = decisionsAt(cases, shipped);
  let best: ThresholdChoice = { threshold: shipped, ...base, why: 'shipped-kept' };
  for (const t of THRESHOLD_GRID) {
    if (t >= shipped) continue;
    const at = decisionsAt(cases, t);
    if (at.precision >= minPrecision && at.recall > best.recall) best = { threshold: t, ...at, why: 'chosen' };
  }
  return best;
}

/** The posts the model decides: it may raise them and the rules have not already put them at the level. */
export function decidedByModel(cases: readonly ThresholdCase[]): ThresholdCase[] {
  return cases.filter((c) => c.eligible && !c.byRules);
}

/**
 * How well the model's probability orders the posts it decides (decidedByModel): the chance that a labelled one scores above an unlabelled one (ties count half), the ranking AUC.
 * It says whether new training examples help the model apart from where the threshold lands: a retrained model
 * can be surer of every letter (the threshold moves) and order them no better. null when the decided posts are
 * all of one kind.
 */
export function rankAuc(cases: readonly ThresholdCase[]): number | null {
  const decided = decidedByModel(cases).sort((a, b) => a.probability - b.probability);
  let positives = 0;
  let rankSum = 0;
  // Average ranks over runs of equal probabilities, so ties count half.
  for (let i = 0; i < decided.length;) {
    let j = i;
    while (j < decided.length && decided[j]!.probability === decided[i]!.probability) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (decided[k]!.labelled) {
        positives++;
        rankSum += meanRank;
      }
    i = j;
  }
  const negatives = decided.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
