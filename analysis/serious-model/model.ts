// The serious-letter model: how likely a complaint is severity 2 or more (many people affected, long
// unresolved, asked again and again…) from its character n-grams alone. The severity rules
// (analysis/severity.ts) find these signals in the words they list; a bureau's own posts say them in many
// more ways. A complaint the rules leave at 1 is raised to 2 above the threshold.
//
// No weights ship with the project: fitted on the written examples alone it also raises one person's
// ordinary wage complaint ("工资拖了两个月还没发"), because most written wage complaints are a whole site's.
// `minsheng train` fits it on a bureau's severity labels (with the written examples) and chooses its
// threshold on the bureau's own posts; until then only the rules decide severity 2.
import { projectPath } from '../../config/paths.ts';
import { binaryProbability, strongestGrams, weightsSlot } from '../linear-model.ts';

export interface SeriousWeights {
  format: 'minsheng-serious-lr/1';
  /** [ordinary, serious] */
  bias: number[];
  grams: Record<string, number[]>;
  /** A complaint the rules leave at 1 and this model puts above the threshold is raised to 2. */
  threshold: number;
  training: { examples: number; serious: number; examplesSha256: string; epochs: number; l2: number; minDocFreq: number };
}

/** Absent in the repository (see above); a bureau's retrained file in the data directory takes its place. */
export const SERIOUS_WEIGHTS_FILE = projectPath('analysis', 'serious-model', 'weights.json');

export const seriousWeightsSlot = weightsSlot<SeriousWeights>({
  format: 'minsheng-serious-lr/1',
  what: '严重信号模型',
  shipped: SERIOUS_WEIGHTS_FILE,
  retrainedName: 'serious-weights.json',
  absentVersion: 'none',
});

export function loadSeriousWeights(): { weights: SeriousWeights | null; version: string } {
  return seriousWeightsSlot.load();
}

/** Probability that a complaint with these n-grams is severity 2 or more. */
export function seriousProbability(grams: string[], weights: SeriousWeights): number {
  return binaryProbability(grams, weights);
}

/** The n-grams that pushed hardest towards serious, for the duty officer (only asked for raised posts). */
export function seriousWords(grams: string[], weights: SeriousWeights): string[] {
  return strongestGrams(grams, weights);
}
