// The crisis model: how likely a post is severity 3, from its character n-grams alone. The severity
// rules (analysis/severity.ts) find crises named in words people commonly use; this catches the
// ones phrased without them ("明早八点老地方见，人越多越好"). Weights live in weights.json, produced by train.ts.
import { projectPath } from '../../config/paths.ts';
import { binaryProbability, strongestWholeWords, weightsSlot } from '../linear-model.ts';
import { segment } from '../segment.ts';
import { charNgrams, withoutNonCrisisPhrases } from '../sentiment/features.ts';
import { withoutNonCrisisUses } from '../severity.ts';

export interface CrisisWeights {
  format: 'minsheng-crisis-lr/1';
  /** [not crisis, crisis] */
  bias: number[];
  grams: Record<string, number[]>;
  /** A post above this probability is raised to severity 3 (see train.ts for how it was chosen). */
  threshold: number;
  training: { examples: number; crises: number; examplesSha256: string; epochs: number; l2: number; minDocFreq: number };
}

export const CRISIS_WEIGHTS_FILE = projectPath('analysis', 'crisis-model', 'weights.json');

/** The shipped crisis weights, or a bureau's retrained ones (data directory, crisis-weights.json); without either only the rules decide. */
export const crisisWeightsSlot = weightsSlot<CrisisWeights>({
  format: 'minsheng-crisis-lr/1',
  what: '危机模型',
  shipped: CRISIS_WEIGHTS_FILE,
  retrainedName: 'crisis-weights.json',
  absentVersion: 'none',
});

/** The chosen crisis weights, once per process. */
export function loadCrisisWeights(): { weights: CrisisWeights | null; version: string } {
  return crisisWeightsSlot.load();
}

/**
 * The n-grams the crisis model reads of a text: `grams` (the scorer's, 跳楼价-style phrases left out) unless a crisis
 * character stands where it is no crisis (落石把路堵了), which is then left out too. Fitting and scoring both use it.
 */
export function crisisGramsOf(text: string, grams?: string[]): string[] {
  const masked = withoutNonCrisisUses(text);
  if (masked === text && grams) return grams;
  return [...charNgrams(withoutNonCrisisPhrases(masked))];
}

/** Probability that a post with these n-grams is a crisis (severity 3). */
export function crisisProbability(grams: string[], weights: CrisisWeights): number {
  return binaryProbability(grams, weights);
}

/** The words that pushed hardest towards crisis, for the duty officer (only asked for raised posts). */
export function crisisWords(text: string, grams: string[], weights: CrisisWeights): string[] {
  return strongestWholeWords(segment(text), grams, weights);
}
