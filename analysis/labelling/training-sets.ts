// A bureau's own labels as training examples for its models: the sentiment model learns the labelled
// sentiment, the two severity models the labelled severity (crisis: 3 or not; serious letter: 2–3 or not),
// the topic model the labelled topic. Each field teaches only its own models, so a post a duty officer
// labelled only for severity moves the severity models and nothing else. This is how a bureau moves
// severity and topic, not only sentiment, from the project's written examples to its own posts.
import type { Sentiment, Severity } from '../../store/types.ts';
import { TOPICS, type Topic } from '../topic.ts';
import { labelOf, type Example } from '../sentiment/train.ts';
import type { TopicExample } from '../topic-model/train.ts';
import { overrideByText } from '../corpus/index.ts';
import { jsonlRows } from '../../shared/jsonl.ts';
import type { MergedLabel } from './merged-labels.ts';
import { crisisModelRaise, severityModelInput } from '../index.ts';
import { crisisProbability, type CrisisWeights } from '../crisis-model/model.ts';
import { seriousGramsOf, seriousProbability, seriousReads, type SeriousWeights } from '../serious-model/model.ts';
import { SERIOUS_THRESHOLD, trainSerious, type SeriousExample } from '../serious-model/train.ts';
import { CRISIS_THRESHOLD, trainCrisis, type CrisisExample } from '../crisis-model/train.ts';
import { chooseThreshold, type ThresholdCase, type ThresholdChoice } from './threshold.ts';
import { groupFolds, nearCopyGroups } from '../corpus/real/groups.ts';
import { choosesThreshold, enoughToChoose } from './readiness.ts';

/** One post's labels as the bureau gave them; null = not labelled for that field. */
export interface OwnLabel {
  text: string;
  sentiment: Sentiment | null;
  severity: Severity | null;
  topic: Topic | null;
  /**
   * false: the labelling queue picked the post because the model was unsure of it, or an officer corrected it
   * while triaging an alert; such posts are fitted on but no threshold is chosen on them (bureauModel). Absent: a
   * label from a labels file, or a post the queue drew at random.
   */
  forThreshold?: false;
}

export interface TrainingSets {
  sentiment: Example[];
  crisis: CrisisExample[];
  /** Severity 2 or 3 = serious, 0–1 = not (the serious-letter model). */
  serious: SeriousExample[];
  topic: TopicExample[];
}

const isTopic = (t: unknown): t is Topic => typeof t === 'string' && (TOPICS as readonly string[]).includes(t);

/**
 * A bureau's labels file: one JSON object a line, `{"text", "label"|"sentiment"?, "severity"?, "topic"?}`
 * with at least one of the three labels. Errors name the file and line, in Chinese (staff write these).
 */
export function parseOwnLabels(content: string, file: string): OwnLabel[] {
  return jsonlRows(content, file).map(({ row, where }) => {
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
    return { text: row.text, sentiment, severity: severity as Severity | null, topic: topic as Topic | null };
  });
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
    out.push({ text, sentiment: l.sentiment, severity: l.severity, topic, ...(choosesThreshold(l) ? {} : { forThreshold: false as const }) });
  }
  return out;
}

/** Each model's examples from the bureau's labels: only the posts labelled for that model's field. */
export function ownExamples(own: readonly OwnLabel[]): TrainingSets {
  return {
    sentiment: own.flatMap((l) => (l.sentiment ? [{ text: l.text, label: l.sentiment }] : [])),
    crisis: own.flatMap((l) => (l.severity !== null ? [{ text: l.text, crisis: l.severity === 3 }] : [])),
    serious: own.flatMap((l) => (l.severity !== null ? [{ text: l.text, serious: l.severity >= 2 }] : [])),
    topic: own.flatMap((l) => (l.topic ? [{ text: l.text, topic: l.topic }] : [])),
  };
}

/** For each severity example of ownExamples (crisis and serious alike), whether a threshold may be chosen on it. */
export function severityThresholdOn(own: readonly OwnLabel[]): boolean[] {
  return own.flatMap((l) => (l.severity !== null ? [l.forThreshold !== false] : []));
}

/** Each model's shipped examples with the bureau's on top (the bureau's label wins for a text in both), and how many it changed. */
export function mergeTrainingSets(shipped: TrainingSets, own: TrainingSets): { sets: TrainingSets; overridden: Record<keyof TrainingSets, number> } {
  const sentiment = overrideByText(shipped.sentiment, own.sentiment, (a, b) => a.label !== b.label);
  const crisis = overrideByText(shipped.crisis, own.crisis, (a, b) => a.crisis !== b.crisis);
  const serious = overrideByText(shipped.serious, own.serious, (a, b) => a.serious !== b.serious);
  const topic = overrideByText(shipped.topic, own.topic, (a, b) => a.topic !== b.topic);
  return {
    sets: { sentiment: sentiment.examples, crisis: crisis.examples, serious: serious.examples, topic: topic.examples },
    overridden: { sentiment: sentiment.overridden, crisis: crisis.overridden, serious: serious.overridden, topic: topic.overridden },
  };
}

/**
 * Why a model cannot be trained on these examples alone (--replace), or null: a classifier needs two
 * classes (sentiment: two labels; crisis: both crises and non-crises; topic: two topics).
 */
export function cannotTrain(model: keyof TrainingSets, sets: TrainingSets): string | null {
  const classOf = (e: { text: string }): unknown => {
    const row = e as Partial<Example & CrisisExample & SeriousExample & TopicExample>;
    return model === 'sentiment' ? row.label : model === 'crisis' ? row.crisis : model === 'serious' ? row.serious : row.topic;
  };
  const examples: { text: string }[] = sets[model];
  if (new Set(examples.map(classOf)).size >= 2) return null;
  const need = {
    sentiment: '至少要有两种情感标签（负面、中性、正面）',
    crisis: '严重度标注里要既有 3 又有 0–2',
    serious: '严重度标注里要既有 2–3 又有 0–1',
    topic: '至少要有两种主题',
  }[model];
  return examples.length ? need : '没有这一项的标注';
}

/**
 * The precision a retrained threshold must keep at the model's level on the bureau's posts (out of fold);
 * `minsheng train --crisis-precision / --serious-precision` change it. For the crisis model, simulated on the
 * 2,500 real development letters (tests/bench/bureau-labels.ts, 5 folds, the other four folds' 2,000 letters
 * as the bureau's labels): at 0.5 severity-3 recall on the unseen fold went 85.5% → 88.8% and precision
 * 61.7% → 54.5% (random letters of batch 4: 66.7% → 76.7%, precision 50.0% → 47.9%); at 0.6 recall 86.0%,
 * precision 60.6% (before the sixth round's rules). For the serious-letter model, after them: with 2,000 labels
 * at 0.75 severity ≥2 went 82.6% / 75.2% → 85.5% / 75.1%, at 0.7 → 92.4% / 71.0%. Each default sits above the
 * issue's floor (severity 3: 50%, severity ≥2: 70%) so that the next posts, unlike the labelled ones, stay above it.
 * On letters no fold had seen (eleventh round, `bureau-labels.ts --test`: all 7,000 development letters as the labels,
 * the 494 of batch 14 scored): ≥2 74.6% / 75.4% at 0.75, 86.6% / 70.4% at 0.7 (both issue targets, precision 0.4 points
 * above its floor); severity 3 80.0% recall at 0.5, 0.6 and 0.7 (precision 36.4%, 47.6%, 48.8%). The defaults were
 * not moved after that look: choosing them on the test batch would be tuning on it.
 */
export const THRESHOLD_MIN_PRECISION = { crisis: 0.6, serious: 0.75 } as const;

interface BinarySpec<E extends { text: string }, W extends { threshold: number; bias: number[]; grams: Record<string, number[]> }> {
  /** The severity the model raises a post to. */
  level: 2 | 3;
  labelled: (e: E) => boolean;
  fit: (examples: E[]) => W;
  /** The posts the model may raise (severityModelInput's asks; the shipped serious-letter model reads only letters). */
  eligible: (asks: { crisis: boolean; serious: boolean }, text: string, weights: W) => boolean;
  /**
   * Posts another model already puts at this level before this one is asked, as scoreText orders them: the crisis
   * model's raises are severity 3, so ≥2 already, and the serious-letter model is not asked about them.
   */
  raisedBefore: (input: ReturnType<typeof severityModelInput>) => boolean;
  /** The model's probability for a post, from the n-grams it reads. */
  probability: (text: string, grams: string[], weights: W) => number;
  /**
   * The threshold before any is chosen: the shipped one (crisis), or above 1 (serious: a bureau's model is written
   * only if it finds more than the rules alone; the shipped one, fitted on other text, is not its yardstick).
   */
  start: number;
}

const CRISIS: BinarySpec<CrisisExample, CrisisWeights> = {
  level: 3,
  labelled: (e) => e.crisis,
  fit: trainCrisis,
  eligible: (asks) => asks.crisis,
  raisedBefore: () => false,
  probability: (_text, grams, weights) => crisisProbability(grams, weights),
  start: CRISIS_THRESHOLD,
};
const SERIOUS: BinarySpec<SeriousExample, SeriousWeights> = {
  level: 2,
  labelled: (e) => e.serious,
  fit: (x) => trainSerious(x, SERIOUS_THRESHOLD, 'bureau'),
  eligible: (asks, text, weights) => asks.serious && seriousReads(text, weights),
  // with the crisis weights in use when training runs (a crisis model retrained in the same run is written after)
  raisedBefore: (input) => crisisModelRaise(input.asks, input.crisisGrams).raised,
  // politeness cut out, as in fitting (serious-model/model.ts)
  probability: (text, _grams, weights) => seriousProbability(seriousGramsOf(text), weights),
  start: 1.01,
};

/** One post as the threshold choice sees it: what scoreText would already decide without the model, and its probability. */
function thresholdCase<E extends { text: string }, W extends { threshold: number; bias: number[]; grams: Record<string, number[]> }>(
  spec: BinarySpec<E, W>,
  text: string,
  labelled: boolean,
  weights: W,
): ThresholdCase {
  const input = severityModelInput(text);
  const before = spec.raisedBefore(input);
  return {
    byRules: input.ruled >= spec.level || before,
    eligible: spec.eligible(input.asks, text, weights) && !before,
    probability: spec.probability(text, input.crisisGrams, weights),
    labelled,
  };
}

/**
 * A post as a serious-letter threshold is chosen on it, the bureau's (bureauSeriousModel) or the shipped one's
 * (tests/bench/serious-threshold.ts): crisis raises count as found, as scoreText orders the models.
 */
export const seriousThresholdCase = (text: string, labelled: boolean, weights: SeriousWeights) => thresholdCase(SERIOUS, text, labelled, weights);

/**
 * A two-class severity model retrained on the shipped examples plus a bureau's severity labels, its threshold
 * chosen on the bureau's own posts: each of 5 folds of them (near-copies kept together) is scored by a model
 * fitted without it, and the lowest threshold that keeps precision at the level is taken (threshold.ts).
 * `thresholdOn` (one flag per own example, default all) limits the choice to some of them: precision measured
 * on posts picked because the model was unsure of them is not the precision on the posts that come next
 * (tests/bench/queue-order.ts), so a threshold should be chosen on posts picked at random. Every own example
 * is still fitted on. choice null: too few labels to choose.
 */
function bureauModel<E extends { text: string }, W extends { threshold: number; bias: number[]; grams: Record<string, number[]> }>(
  spec: BinarySpec<E, W>,
  shipped: readonly E[],
  own: readonly E[],
  minPrecision: number,
  thresholdOn: readonly boolean[] = own.map(() => true),
): { weights: W; choice: ThresholdChoice | null } {
  const differs = (a: E, b: E) => spec.labelled(a) !== spec.labelled(b);
  const weights = spec.fit(overrideByText([...shipped], [...own], differs).examples);
  const choosing = own.filter((_, i) => thresholdOn[i]);
  if (!enoughToChoose(choosing.length, choosing.filter(spec.labelled).length)) return { weights, choice: null };
  const k = 5;
  const folds = groupFolds(nearCopyGroups(own.map((e) => e.text)), k);
  const cases: ThresholdCase[] = [];
  for (let f = 0; f < k; f++) {
    const held = own.filter((_, i) => folds[i] === f && thresholdOn[i]);
    const fitted = spec.fit(
      overrideByText(
        [...shipped],
        own.filter((_, i) => folds[i] !== f),
        differs,
      ).examples,
    );
    for (const e of held) cases.push(thresholdCase(spec, e.text, spec.labelled(e), fitted));
  }
  const choice = chooseThreshold(cases, minPrecision, spec.start);
  return { weights: { ...weights, threshold: choice.threshold }, choice };
}

/** bureauModel for one severity model, with that model's default precision floor. */
function bureauModelFor<E extends { text: string }, W extends { threshold: number; bias: number[]; grams: Record<string, number[]> }>(
  spec: BinarySpec<E, W>,
  defaultPrecision: number,
) {
  return (shipped: readonly E[], own: readonly E[], minPrecision: number = defaultPrecision, thresholdOn?: readonly boolean[]) =>
    bureauModel(spec, shipped, own, minPrecision, thresholdOn);
}

/** The crisis model with a bureau's labels (threshold.ts; the shipped 0.5 stays when the labels are too few). */
export const bureauCrisisModel = bureauModelFor(CRISIS, THRESHOLD_MIN_PRECISION.crisis);

/**
 * The serious-letter model with a bureau's labels. Only worth writing when a threshold was chosen below 1:
 * without one it would raise posts at an untested 0.5, and the shipped model stays in use.
 */
export const bureauSeriousModel = bureauModelFor(SERIOUS, THRESHOLD_MIN_PRECISION.serious);
