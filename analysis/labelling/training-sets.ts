// A bureau's own labels as training examples for the three models: the sentiment model learns the
// labelled sentiment, the crisis model the labelled severity (3 = crisis, anything lower = not), the
// topic model the labelled topic. Each field teaches only its own model, so a post a duty officer
// labelled only for severity moves the crisis model and nothing else. This is how a bureau moves
// severity and topic, not only sentiment, from the project's written examples to its own posts.
import type { Sentiment, Severity } from '../../store/types.ts';
import { TOPICS, type Topic } from '../topic.ts';
import { labelOf, type Example } from '../sentiment/train.ts';
import type { TopicExample } from '../topic-model/train.ts';
import { overrideByText } from '../corpus/index.ts';
import type { MergedLabel } from './bureau-set.ts';
import { crisisModelInput } from '../index.ts';
import { crisisProbability, type CrisisWeights } from '../crisis-model/model.ts';
import { CRISIS_THRESHOLD, trainCrisis } from '../crisis-model/train.ts';
import { chooseCrisisThreshold, type CrisisCase, type ThresholdChoice } from '../crisis-model/threshold.ts';
import { groupFolds, nearCopyGroups } from '../corpus/real/groups.ts';

/** One post's labels as the bureau gave them; null = not labelled for that field. */
export interface OwnLabel {
  text: string;
  sentiment: Sentiment | null;
  severity: Severity | null;
  topic: Topic | null;
}

export interface CrisisExample {
  text: string;
  crisis: boolean;
}

export interface TrainingSets {
  sentiment: Example[];
  crisis: CrisisExample[];
  topic: TopicExample[];
}

const isTopic = (t: unknown): t is Topic => typeof t === 'string' && (TOPICS as readonly string[]).includes(t);

/**
 * A bureau's labels file: one JSON object a line, `{"text", "label"|"sentiment"?, "severity"?, "topic"?}`
 * with at least one of the three labels. Errors name the file and line, in Chinese (staff write these).
 */
export function parseOwnLabels(content: string, file: string): OwnLabel[] {
  const out: OwnLabel[] = [];
  content
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file} 第 ${i + 1} 行`;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`${where}不是合法的 JSON`);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error(`${where}应为 {"text": …, "label": …} 对象`);
      if (typeof row.text !== 'string' || !row.text.trim()) throw new Error(`${where}：text 应为非空文字`);
      const hasLabel = row.label !== undefined || row.sentiment !== undefined;
      const sentiment = hasLabel ? labelOf(row) : null;
      if (sentiment === undefined) throw new Error(`${where}：label（或 sentiment）应为 negative、neutral 或 positive（也可写 负面、中性、正面）`);
      const severity = row.severity ?? null;
      if (severity !== null && !(Number.isInteger(severity) && (severity as number) >= 0 && (severity as number) <= 3)) {
        throw new Error(`${where}：severity 应为 0 到 3 的整数`);
      }
      const topic = row.topic ?? null;
      if (topic !== null && !isTopic(topic)) throw new Error(`${where}：topic 应为 ${TOPICS.join('、')} 之一`);
      if (sentiment === null && severity === null && topic === null) throw new Error(`${where}：至少要有 label、severity、topic 中的一项`);
      out.push({ text: row.text, sentiment, severity: severity as Severity | null, topic: topic as Topic | null });
    });
  return out;
}

/**
 * Labels given in the console (latest per post, field by field), as the text the scorer saw; posts no longer
 * stored, and labels left with nothing a model can learn (a topic id no longer in use), are left out.
 */
export function ownFromTriage(labels: ReadonlyMap<string, MergedLabel>, textOf: ReadonlyMap<string, string>): OwnLabel[] {
  const out: OwnLabel[] = [];
  for (const [postId, l] of labels) {
    const text = textOf.get(postId);
    if (text === undefined) continue;
    const topic = isTopic(l.topic) ? l.topic : null;
    if (l.sentiment === null && l.severity === null && topic === null) continue;
    out.push({ text, sentiment: l.sentiment, severity: l.severity, topic });
  }
  return out;
}

/** Each model's examples from the bureau's labels: only the posts labelled for that model's field. */
export function ownExamples(own: readonly OwnLabel[]): TrainingSets {
  return {
    sentiment: own.flatMap((l) => (l.sentiment ? [{ text: l.text, label: l.sentiment }] : [])),
    crisis: own.flatMap((l) => (l.severity !== null ? [{ text: l.text, crisis: l.severity === 3 }] : [])),
    topic: own.flatMap((l) => (l.topic ? [{ text: l.text, topic: l.topic }] : [])),
  };
}

/** Each model's shipped examples with the bureau's on top (the bureau's label wins for a text in both), and how many it changed. */
export function mergeTrainingSets(
  shipped: TrainingSets,
  own: TrainingSets,
): { sets: TrainingSets; overridden: { sentiment: number; crisis: number; topic: number } } {
  const sentiment = overrideByText(shipped.sentiment, own.sentiment, (a, b) => a.label !== b.label);
  const crisis = overrideByText(shipped.crisis, own.crisis, (a, b) => a.crisis !== b.crisis);
  const topic = overrideByText(shipped.topic, own.topic, (a, b) => a.topic !== b.topic);
  return {
    sets: { sentiment: sentiment.examples, crisis: crisis.examples, topic: topic.examples },
    overridden: { sentiment: sentiment.overridden, crisis: crisis.overridden, topic: topic.overridden },
  };
}

/**
 * Why a model cannot be trained on these examples alone (--replace), or null: a classifier needs two
 * classes (sentiment: two labels; crisis: both crises and non-crises; topic: two topics).
 */
export function cannotTrain(model: keyof TrainingSets, sets: TrainingSets): string | null {
  const classes =
    model === 'sentiment'
      ? new Set(sets.sentiment.map((e) => e.label))
      : model === 'crisis'
        ? new Set(sets.crisis.map((e) => e.crisis))
        : new Set(sets.topic.map((e) => e.topic));
  if (classes.size >= 2) return null;
  const need = { sentiment: '至少要有两种情感标签（负面、中性、正面）', crisis: '严重度标注里要既有 3 又有 0–2', topic: '至少要有两种主题' }[model];
  return sets[model].length ? need : '没有这一项的标注';
}

/** Below these counts a bureau's severity labels are too few to choose a threshold on; the shipped one is kept. */
export const THRESHOLD_MIN_LABELS = 100;
export const THRESHOLD_MIN_CRISES = 15;
/**
 * The severity-3 precision a retrained threshold must keep on the bureau's posts (out of fold); `minsheng train
 * --crisis-precision` changes it. Simulated on the 2,500 real development letters (tests/bench/bureau-labels.ts,
 * 5 folds, the other four folds' 2,000 letters as the bureau's labels): at 0.5 severity-3 recall on the unseen
 * fold went 85.5% → 88.8% and precision 61.7% → 54.5% (random letters of batch 4: 66.7% → 76.7%, precision
 * 50.0% → 47.9%); at 0.6 recall 86.0%, precision 60.6%. 0.6 keeps precision off the issue's 0.5 floor.
 */
export const THRESHOLD_MIN_PRECISION = 0.6;

/**
 * The crisis model retrained on the shipped examples plus a bureau's severity labels, with its threshold
 * chosen on the bureau's own posts: each of 5 folds of them (near-copies kept together) is scored by a model
 * fitted without it, and the lowest threshold that keeps severity-3 precision is taken (threshold.ts).
 * With too few labels the shipped threshold stays.
 */
export function bureauCrisisModel(
  shipped: readonly CrisisExample[],
  own: readonly CrisisExample[],
  minPrecision = THRESHOLD_MIN_PRECISION,
): { weights: CrisisWeights; choice: ThresholdChoice | null } {
  const merged = overrideByText([...shipped], [...own], (a, b) => a.crisis !== b.crisis).examples;
  const weights = trainCrisis(merged);
  if (own.length < THRESHOLD_MIN_LABELS || own.filter((e) => e.crisis).length < THRESHOLD_MIN_CRISES) return { weights, choice: null };
  const k = 5;
  const folds = groupFolds(nearCopyGroups(own.map((e) => e.text)), k);
  const cases: CrisisCase[] = [];
  for (let f = 0; f < k; f++) {
    const held = own.filter((_, i) => folds[i] === f);
    const rest = own.filter((_, i) => folds[i] !== f);
    const fitted = trainCrisis(overrideByText([...shipped], rest, (a, b) => a.crisis !== b.crisis).examples);
    for (const e of held) {
      const input = crisisModelInput(e.text);
      cases.push({ ruledThree: input.ruledThree, eligible: input.eligible, probability: crisisProbability(input.grams, fitted), crisis: e.crisis });
    }
  }
  const choice = chooseCrisisThreshold(cases, minPrecision, CRISIS_THRESHOLD);
  return { weights: { ...weights, threshold: choice.threshold }, choice };
}
