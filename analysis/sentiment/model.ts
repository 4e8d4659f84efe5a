// The sentiment model: multinomial logistic regression over char n-grams + lexicon features.
// Weights live in weights.json, produced by train.ts from analysis/corpus/train/*.jsonl (the project's own
// labelled posts); MINSHENG_SENTIMENT_WEIGHTS points at a bureau's retrained file instead.
import { projectPath } from '../../config/paths.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Sentiment } from '../../store/types.ts';
import { SENTIMENTS } from '../../shared/vocabulary.ts';
import { LEXICON_FEATURES, type FeatureVector, type LexiconFeature } from './features.ts';
import { linearLogits, readWeightsFile, softmax, type Calibration } from '../linear-model.ts';

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

/** Where `minsheng train` writes a bureau's retrained weights by default. */
export const RETRAINED_WEIGHTS_NAME = 'sentiment-weights.json';

export function retrainedWeightsFile(dataDir: string): string {
  return join(dataDir, RETRAINED_WEIGHTS_NAME);
}

/**
 * Which weights to score with, from the parsed environment: MINSHENG_SENTIMENT_WEIGHTS if set; else
 * the bureau's retrained file in the data directory (MINSHENG_DATA, default ./data) when
 * `minsheng train` wrote one; else the shipped weights.
 */
export function weightsFile(env: { sentimentWeights?: string; dataDir?: string } = {}): string {
  if (env.sentimentWeights) return env.sentimentWeights;
  const retrained = retrainedWeightsFile(resolve(env.dataDir ?? 'data'));
  return existsSync(retrained) ? retrained : DEFAULT_WEIGHTS_FILE;
}

let loaded: { weights: SentimentWeights; version: string; file: string } | null = null;
let chosen: string | null = null;

/** The edge (CLI, server) chooses the weights file before scoring; later loads read that file. */
export function useWeightsFile(file: string): void {
  if (file !== chosen) loaded = null;
  chosen = file;
}

/** Loads the weights once per process; the version names the exact weights in every stored score. */
export function loadWeights(): { weights: SentimentWeights; version: string; file: string } {
  if (!loaded) {
    const file = chosen ?? weightsFile();
    loaded = { ...readWeightsFile<SentimentWeights>(file, 'minsheng-sentiment-lr/1', '情感模型'), file };
  }
  return loaded;
}
