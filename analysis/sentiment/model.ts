// The sentiment model: multinomial logistic regression over char n-grams + lexicon features.
// Weights live in weights.json, produced by train.ts from analysis/corpus/train/*.jsonl (the project's own
// labelled posts); MINSHENG_SENTIMENT_WEIGHTS points at a bureau's retrained file instead.
import { projectPath } from '../../config/paths.ts';
import type { Sentiment } from '../../store/types.ts';
import { SENTIMENTS } from '../../shared/vocabulary.ts';
import { LEXICON_FEATURES, type FeatureVector, type LexiconFeature } from './features.ts';
import { linearLogits, softmax, weightsSlot, type Calibration } from '../linear-model.ts';

export { gramValue, softmax } from '../linear-model.ts';

/** The model's output order (its weights are stored in this order). */
export const CLASSES: readonly Sentiment[] = SENTIMENTS;

export interface SentimentWeights {
  format: 'minsheng-sentiment-lr/1';
  classes: Sentiment[];
  bias: number[];
  lexicon: Record<LexiconFeature, number[]>;
  grams: Record<string, number[]>;
  /** Logits are divided by this before the softmax (fitted out-of-fold by train.ts; absent in older files = 1). */
  temperature?: number;
  training: {
    examples: number;
    examplesSha256: string;
    epochs: number;
    l2: number;
    minDocFreq: number;
    calibration?: Calibration;
  };
}

// From the package root, so the console's server bundle (dist/) finds the shipped weights too.
export const DEFAULT_WEIGHTS_FILE = projectPath('analysis', 'sentiment', 'weights.json');

/** Each weights object's lexicon rows in feature order, looked up once rather than per post. */
const lexiconRowsOf = new WeakMap<SentimentWeights['lexicon'], (number[] | undefined)[]>();

export function logits(features: FeatureVector, w: SentimentWeights): number[] {
  let rows = lexiconRowsOf.get(w.lexicon);
  if (!rows) lexiconRowsOf.set(w.lexicon, (rows = LEXICON_FEATURES.map((name) => w.lexicon[name])));
  return linearLogits(
    features.grams,
    LEXICON_FEATURES.map((name) => features.lexicon[name]),
    w.bias,
    rows,
    w.grams,
  );
}

export function predict(features: FeatureVector, w: SentimentWeights): Record<Sentiment, number> {
  const t = w.temperature ?? 1;
  const p = softmax(logits(features, w).map((z) => z / t));
  return { negative: p[0]!, neutral: p[1]!, positive: p[2]! };
}

/** The shipped weights, or a bureau's retrained ones (data directory, sentiment-weights.json). */
export const sentimentWeightsSlot = weightsSlot<SentimentWeights>({
  format: 'minsheng-sentiment-lr/1',
  what: '情感模型',
  shipped: DEFAULT_WEIGHTS_FILE,
  retrainedName: 'sentiment-weights.json',
  absentVersion: 'none',
});
const slot = sentimentWeightsSlot;

/** Where `minsheng train` writes a bureau's retrained weights by default. */
export const RETRAINED_WEIGHTS_NAME = slot.retrainedName;

/**
 * Which weights to score with, from the parsed environment: MINSHENG_SENTIMENT_WEIGHTS if set; else
 * the bureau's retrained file in the data directory (MINSHENG_DATA, default ./data) when
 * `minsheng train` wrote one; else the shipped weights.
 */
export function weightsFile(env: { sentimentWeights?: string; dataDir?: string } = {}): string {
  return env.sentimentWeights || slot.fileFor(env.dataDir);
}

/** The edge (CLI, server) chooses the weights file before scoring; later loads read that file. */
export function useWeightsFile(file: string): void {
  slot.use(file);
}

/** Loads the weights once per process; the version names the exact weights in every stored score. */
export function loadWeights(): { weights: SentimentWeights; version: string } {
  // Unlike the other models the scorer cannot do without these: unless the edge chose, the data directory's
  // retrained file (or the shipped one) is read, and a missing file is an error rather than "no model".
  if (slot.chosen() === null) slot.use(weightsFile());
  const { weights, version } = slot.load();
  if (!weights) throw new Error(`情感模型文件 ${slot.chosen()} 不存在`);
  return { weights, version };
}
