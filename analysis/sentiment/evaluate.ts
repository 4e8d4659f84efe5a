// Measuring the scorer on labelled lines: accuracy, per-class precision/recall/F1, macro-F1, the
// confusion matrix, severity recall (and precision) at ≥2 and at 3, topic accuracy. Pure; used by
// `npm run eval -- FILE.jsonl` and by the regression test with floor thresholds.
import { formatInterval, wilsonInterval } from '../proportion.ts';
import { jsonlRows } from '../../shared/jsonl.ts';
import type { ScoreResult, Sentiment } from '../../store/types.ts';
import { CLASSES } from './model.ts';
import { labelOf } from './train.ts';
import { SENTIMENT_LABEL } from '../../shared/vocabulary.ts';

export interface LabelledLine {
  text: string;
  sentiment: Sentiment;
  severity?: number;
  topic?: string;
}

/** Lines `{"text", "label"|"sentiment", "severity"?, "topic"?}`; errors name the file and line in Chinese. */
export function parseLabelledLines(content: string, file: string): LabelledLine[] {
  return jsonlRows(content, file).map(({ row, where }) => {
    if (typeof row.text !== 'string' || !row.text.trim()) throw new Error(`${where}：text 应为非空文字`);
    const sentiment = labelOf(row);
    if (!sentiment) throw new Error(`${where}：label（或 sentiment）应为 negative、neutral 或 positive`);
    const item: LabelledLine = { text: row.text, sentiment };
    if (row.severity !== undefined && row.severity !== null) {
      if (!Number.isInteger(row.severity) || (row.severity as number) < 0 || (row.severity as number) > 3) {
        throw new Error(`${where}：severity 应为 0 到 3 的整数`);
      }
      item.severity = row.severity as number;
    }
    if (row.topic !== undefined && row.topic !== null) {
      if (typeof row.topic !== 'string') throw new Error(`${where}：topic 应为文字`);
      item.topic = row.topic;
    }
    return item;
  });
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface BinaryMetrics {
  precision: number;
  recall: number;
  /** Gold lines in the class. */
  support: number;
  /** Lines predicted in the class. */
  predicted: number;
  /** Lines both. */
  found: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<Sentiment, ClassMetrics>;
  /** confusion[gold][pred], in CLASSES order. */
  confusion: number[][];
  /** Only over lines that carry a severity label. */
  severity?: { n: number; exact: number; atLeast2: BinaryMetrics; at3: BinaryMetrics };
  /** Only over lines that carry a topic label. */
  topic?: { n: number; accuracy: number };
  /** How far the probability of negative can be taken at its word (when the scorer gives one). */
  calibration?: Calibration;
}

export interface Calibration {
  /** Mean squared gap between the probability of negative and 1/0 for gold negative/other. */
  brier: number;
  /** Expected calibration error: |mean probability − share actually negative|, weighted over ten equal-width bins. */
  ece: number;
  bins: { from: number; to: number; n: number; meanProbability: number; shareNegative: number }[];
}

/** Brier score, ECE and the reliability table of P(negative) against gold labels. */
export function calibrationOf(probabilities: number[], negative: boolean[], binCount = 10): Calibration {
  const n = probabilities.length;
  const bins = Array.from({ length: binCount }, (_, b) => ({ from: b / binCount, to: (b + 1) / binCount, n: 0, sumP: 0, pos: 0 }));
  let brier = 0;
  probabilities.forEach((p, i) => {
    const y = negative[i] ? 1 : 0;
    brier += (p - y) ** 2;
    const bin = bins[Math.min(binCount - 1, Math.floor(p * binCount))]!;
    bin.n += 1;
    bin.sumP += p;
    bin.pos += y;
  });
  const table = bins.map((b) => ({ from: b.from, to: b.to, n: b.n, meanProbability: ratio(b.sumP, b.n), shareNegative: ratio(b.pos, b.n) }));
  const ece = table.reduce((a, b) => a + (b.n / (n || 1)) * Math.abs(b.meanProbability - b.shareNegative), 0);
  return { brier: ratio(brier, n), ece, bins: table };
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

function binary(gold: boolean[], pred: boolean[]): BinaryMetrics {
  let tp = 0;
  let support = 0;
  let predicted = 0;
  gold.forEach((g, i) => {
    if (g) support += 1;
    if (pred[i]) predicted += 1;
    if (g && pred[i]) tp += 1;
  });
  return { precision: ratio(tp, predicted), recall: ratio(tp, support), support, predicted, found: tp };
}

type Scored = Pick<ScoreResult, 'sentiment' | 'severity' | 'topic'> & { negative?: number };

export function evaluate(lines: LabelledLine[], score: (text: string) => Scored): Evaluation {
  const scores = lines.map((l) => score(l.text));
  const confusion = CLASSES.map(() => CLASSES.map(() => 0));
  lines.forEach((l, i) => (confusion[CLASSES.indexOf(l.sentiment)]![CLASSES.indexOf(scores[i]!.sentiment)]! += 1));
  const perClass = {} as Record<Sentiment, ClassMetrics>;
  CLASSES.forEach((c, k) => {
    const tp = confusion[k]![k]!;
    const support = confusion[k]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[k]!, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    perClass[c] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const correct = CLASSES.reduce((a, _c, k) => a + confusion[k]![k]!, 0);
  const result: Evaluation = {
    n: lines.length,
    accuracy: ratio(correct, lines.length),
    macroF1: CLASSES.reduce((a, c) => a + perClass[c].f1, 0) / CLASSES.length,
    perClass,
    confusion,
  };
  const withSeverity = lines.map((l, i) => ({ gold: l.severity, pred: scores[i]!.severity })).filter((x) => x.gold !== undefined);
  if (withSeverity.length) {
    result.severity = {
      n: withSeverity.length,
      exact: ratio(withSeverity.filter((x) => x.gold === x.pred).length, withSeverity.length),
      atLeast2: binary(
        withSeverity.map((x) => x.gold! >= 2),
        withSeverity.map((x) => x.pred >= 2),
      ),
      at3: binary(
        withSeverity.map((x) => x.gold === 3),
        withSeverity.map((x) => x.pred === 3),
      ),
    };
  }
  const withTopic = lines.map((l, i) => ({ gold: l.topic, pred: scores[i]!.topic })).filter((x) => x.gold !== undefined);
  if (withTopic.length) result.topic = { n: withTopic.length, accuracy: ratio(withTopic.filter((x) => x.gold === x.pred).length, withTopic.length) };
  if (lines.length && scores.every((s) => typeof s.negative === 'number')) {
    result.calibration = calibrationOf(
      scores.map((s) => s.negative!),
      lines.map((l) => l.sentiment === 'negative'),
    );
  }
  return result;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const LABEL_ZH = SENTIMENT_LABEL;

const interval = (k: number, n: number) => (n ? `，95% 区间 ${formatInterval(wilsonInterval(k, n))}` : '');
const binaryLine = (m: BinaryMetrics) =>
  `召回率 ${pct(m.recall)}（${m.support} 条${interval(m.found, m.support)}），精确率 ${pct(m.precision)}（判定 ${m.predicted} 条${interval(m.found, m.predicted)}）`;

/** A plain-text report in Chinese, for the terminal and the README. */
export function formatEvaluation(name: string, e: Evaluation): string {
  const out = [`## ${name}（${e.n} 条）`, `准确率 ${pct(e.accuracy)}，macro-F1 ${pct(e.macroF1)}`, '', '类别   精确率   召回率   F1      条数'];
  for (const c of CLASSES) {
    const m = e.perClass[c];
    out.push(`${LABEL_ZH[c]}   ${pct(m.precision).padStart(6)}   ${pct(m.recall).padStart(6)}   ${pct(m.f1).padStart(6)}  ${m.support}`);
  }
  out.push('', `混淆矩阵（行 = 标注，列 = 判定）：     ${CLASSES.map((c) => LABEL_ZH[c]).join('   ')}`);
  CLASSES.forEach((c, k) => out.push(`  ${LABEL_ZH[c]}                               ${e.confusion[k]!.map((n) => String(n).padStart(4)).join('   ')}`));
  if (e.severity) {
    const s = e.severity;
    out.push(
      '',
      `严重度（${s.n} 条有标注）：完全一致 ${pct(s.exact)}`,
      `  ≥2：${binaryLine(s.atLeast2)}`,
      `  =3：${binaryLine(s.at3)}`,
      '  （括号里是 95% 区间：条数少时，同一个百分数可信的范围很宽）',
    );
  }
  if (e.topic) out.push('', `主题（${e.topic.n} 条有标注）：准确率 ${pct(e.topic.accuracy)}`);
  if (e.calibration) {
    const c = e.calibration;
    out.push('', `负面概率的校准：Brier ${c.brier.toFixed(3)}，ECE ${pct(c.ece)}（10 档；越小越好）`, '  概率区间     条数   平均概率   实际负面比例');
    for (const b of c.bins) {
      if (!b.n) continue;
      out.push(
        `  ${b.from.toFixed(1)}–${b.to.toFixed(1)}   ${String(b.n).padStart(6)}   ${pct(b.meanProbability).padStart(7)}   ${pct(b.shareNegative).padStart(7)}`,
      );
    }
  }
  return out.join('\n');
}
