// The topic model: which 人社 business line a post is about, from character n-grams plus the keyword
// rules' evidence (analysis/topic.ts) as features, so the model learns how far to trust each rule and
// the rule words still explain the result. Weights live in weights.json, produced by train.ts.
import { existsSync } from 'node:fs';
import { projectPath } from '../../config/paths.ts';
import { linearLogits, readWeightsFile, softmax } from '../linear-model.ts';
import { charNgrams } from '../sentiment/features.ts';
import { keywordScores, keywordTopic, OTHER_TOPIC, TOPICS, type KeywordScore, type Topic, type TopicResult } from '../topic.ts';

const LINES = TOPICS.filter((t) => t !== OTHER_TOPIC) as Exclude<Topic, 'other'>[];

/** Dense features: each line's keyword score (log-scaled), then which line the rules alone would pick. */
export const TOPIC_DENSE_FEATURES: readonly string[] = [...LINES.map((t) => `kw:${t}`), ...TOPICS.map((t) => `rule:${t}`)];

export interface TopicWeights {
  format: 'minsheng-topic-lr/1';
  classes: Topic[];
  bias: number[];
  dense: Record<string, number[]>;
  grams: Record<string, number[]>;
  training: { examples: number; examplesSha256: string; epochs: number; l2: number; minDocFreq: number };
}

export interface TopicFeatures {
  grams: string[];
  dense: number[];
  keyword: KeywordScore[];
  rule: TopicResult;
}

function topicDense(keyword: KeywordScore[], rule: TopicResult): number[] {
  return [...LINES.map((t) => Math.log1p(keyword.find((k) => k.topic === t)?.score ?? 0)), ...TOPICS.map((t) => (rule.topic === t ? 1 : 0))];
}

/** `grams` may be passed when the caller already has the text's character n-grams (scoreText does). */
export function topicFeatures(text: string, grams?: string[]): TopicFeatures {
  const keyword = keywordScores(text);
  const rule = keywordTopic(text, keyword);
  return { grams: grams ?? [...charNgrams(text)], dense: topicDense(keyword, rule), keyword, rule };
}

export function topicLogits(f: Pick<TopicFeatures, 'grams' | 'dense'>, w: Pick<TopicWeights, 'bias' | 'dense' | 'grams'>): number[] {
  return linearLogits(f.grams, f.dense, w.bias, TOPIC_DENSE_FEATURES.map((name) => w.dense[name]), w.grams);
}

export const TOPIC_WEIGHTS_FILE = projectPath('analysis', 'topic-model', 'weights.json');

let loaded: { weights: TopicWeights | null; version: string } | null = null;

/** The shipped topic weights, once per process; without the file the keyword rules decide alone. */
export function loadTopicWeights(): { weights: TopicWeights | null; version: string } {
  if (!loaded) {
    if (!existsSync(TOPIC_WEIGHTS_FILE)) loaded = { weights: null, version: 'rules' };
    else loaded = readWeightsFile<TopicWeights>(TOPIC_WEIGHTS_FILE, 'minsheng-topic-lr/1', '主题模型');
  }
  return loaded;
}

export interface ClassifiedTopic extends TopicResult {
  /** The model's probability of the chosen topic (1 when the rules decided alone). */
  probability: number;
}

/**
 * The business line of a post; `words` are the keywords of that line found in it, for the reasons.
 * Whether a post is 人社 business at all stays with the keyword rules (they know that a teacher's pay
 * or a bank's window belongs to another department); the model chooses among the 人社 lines.
 */
export function classifyTopic(text: string, weights: TopicWeights | null = loadTopicWeights().weights, grams?: string[]): ClassifiedTopic {
  const keyword = keywordScores(text);
  const rule = keywordTopic(text, keyword);
  if (!weights || rule.topic === OTHER_TOPIC) return { ...rule, probability: 1 };
  const p = softmax(topicLogits({ grams: grams ?? [...charNgrams(text)], dense: topicDense(keyword, rule) }, weights));
  let best = -1;
  p.forEach((q, c) => {
    if (weights.classes[c] !== OTHER_TOPIC && (best < 0 || q > p[best]!)) best = c;
  });
  const topic = weights.classes[best]!;
  const evidence = keyword.find((k) => k.topic === topic);
  return { topic, words: evidence?.words ?? [], score: evidence?.score ?? 0, probability: p[best]! };
}
