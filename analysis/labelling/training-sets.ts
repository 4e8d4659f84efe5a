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
