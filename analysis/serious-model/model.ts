// The serious-letter model: how likely a complaint is severity 2 or more (many people affected, long
// unresolved, asked again and again…) from its character n-grams alone. The severity rules
// (analysis/severity.ts) find these signals in the words they list; letters say them in many more ways.
// A complaint the rules leave at 1 is raised to 2 above the threshold.
//
// The shipped weights are fitted on the project's written examples only, with the threshold chosen on the
// real development letters (train.ts SERIOUS_THRESHOLD). The written examples include one person's
// ordinary complaints in the same long, polite register (liuyanban-severity-border.jsonl): without them
// the model learnt that a polite wage letter is serious by itself. `minsheng train` refits it on a bureau's
// severity labels (with the written examples) and chooses the threshold on the bureau's own posts.
import { projectPath } from '../../config/paths.ts';
import { binaryProbability, strongestWholeWords, weightsSlot } from '../linear-model.ts';
import { charNgrams, withoutNonCrisisPhrases } from '../sentiment/features.ts';
import { segment } from '../segment.ts';

export interface SeriousWeights {
  format: 'minsheng-serious-lr/1';
  /** [ordinary, serious] */
  bias: number[];
  grams: Record<string, number[]>;
  /** A complaint the rules leave at 1 and this model puts above the threshold is raised to 2. */
  threshold: number;
  training: { examples: number; serious: number; examplesSha256: string; epochs: number; l2: number; minDocFreq: number };
  /**
   * 'written': the shipped model, fitted on the project's written examples; 'bureau': refitted by `minsheng train`
   * (absent in a bureau's files written before the project shipped one).
   */
  trainedOn?: 'written' | 'bureau';
  /** Shorter posts are left to the rules (the shipped model: SHIPPED_SERIOUS_MIN_CHARS); absent: every post. */
  minChars?: number;
}

/** Fitted on the written examples (see above); a bureau's retrained file in the data directory takes its place. */
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

/**
 * The shipped model reads letters only: its threshold was chosen on real letters, and on short posts, where
 * the severity rules were written, it raised one person's wage post ("拖欠工资快三个月了，问老板就说没钱") to 2.
 * On the real development letters, leaving out the quarter under 100 characters cost no recall at its
 * threshold and a few false raises fewer (README). A bureau's model, its threshold chosen on the bureau's own
 * posts of every length, reads them all.
 */
export const SHIPPED_SERIOUS_MIN_CHARS = 100;

/** Whether the model reads this post at all (see SHIPPED_SERIOUS_MIN_CHARS). */
export function seriousReads(text: string, weights: SeriousWeights): boolean {
  return text.length >= (weights.minChars ?? 0);
}

/**
 * Politeness says nothing about how serious a letter is, but serious letters in the examples are often the
 * politest ("恳请领导百忙之中…"), so the model would learn it and name it as its reason: these words are cut
 * out of the text before its n-grams are taken, in fitting and in scoring (no n-gram spans one either).
 */
const POLITE = /尊敬的|您好|领导|恳请|恳求|请求|希望|谢谢|感谢|感激|为盼|盼复|百忙之中|百忙|麻烦|此致|敬礼|重视|关注/gu;

function withoutPoliteness(text: string): string {
  return withoutNonCrisisPhrases(text).replace(POLITE, '，');
}

/** The n-grams the serious-letter model reads of a text: the sentiment model's, with politeness cut out. */
export function seriousGramsOf(text: string): string[] {
  return [...charNgrams(withoutPoliteness(text))];
}

/** Probability that a complaint with these n-grams (seriousGramsOf) is severity 2 or more. */
export function seriousProbability(grams: string[], weights: SeriousWeights): number {
  return binaryProbability(grams, weights);
}

/** The words that pushed hardest towards serious, for the duty officer (only asked for raised posts). */
export function seriousWords(text: string, grams: string[], weights: SeriousWeights): string[] {
  return strongestWholeWords(segment(withoutPoliteness(text)), grams, weights);
}
