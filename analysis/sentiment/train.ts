// Trains the sentiment model from labelled examples and writes weights.json. Deterministic: the
// same examples give byte-identical weights (full-batch AdaGrad in a fixed order, rounded output).
//
//   node bin/run-ts.mjs analysis/sentiment/train.ts                       # regenerate the shipped weights from examples/*.jsonl
//   node bin/run-ts.mjs analysis/sentiment/train.ts --examples a.jsonl --examples b.jsonl --out my.json
//
// Each example line: {"text": "...", "label": "negative|neutral|positive"}.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Sentiment } from '../../store/types.ts';
import { extractFeatures, LEXICON_FEATURES, type LexiconFeature } from './features.ts';
import { CLASSES, DEFAULT_WEIGHTS_FILE, gramValue, logits, softmax, type SentimentWeights } from './model.ts';

/** The project's own labelled examples, one file per theme or register (core, wages-labor, liuyanban-long…). */
export const SHIPPED_EXAMPLES_DIR = fileURLToPath(new URL('./examples/', import.meta.url));
/** Held-out sets written apart from the examples and never trained on: what the README's figures are measured on. */
export const HELD_OUT_DIR = fileURLToPath(new URL('./testset/', import.meta.url));

/** The .jsonl files of a folder in name order (training order must not depend on the file system). */
export function jsonlFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

export function readExampleFiles(files: string[]): Example[] {
  return files.flatMap((f) => parseExamples(readFileSync(f, 'utf8'), f));
}

/** Everything the shipped weights are trained on. */
export function readShippedExamples(): Example[] {
  return readExampleFiles(jsonlFilesIn(SHIPPED_EXAMPLES_DIR));
}

export interface Example {
  text: string;
  label: Sentiment;
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  learningRate?: number;
  /** An n-gram must occur in this many examples to get a weight (keeps the file small, curbs overfitting). */
  minDocFreq?: number;
  /** Folds for the out-of-fold temperature fit (0 = no calibration). */
  calibrationFolds?: number;
}

/** Labels staff may write in Chinese when they export triage corrections from a spreadsheet. */
const LABEL_ALIASES: Record<string, Sentiment> = { 负面: 'negative', 中性: 'neutral', 正面: 'positive' };

/** A line's sentiment from `label` or `sentiment` (English or 负面/中性/正面), or undefined. */
export function labelOf(row: { label?: unknown; sentiment?: unknown }): Sentiment | undefined {
  const raw = row.label ?? row.sentiment;
  if (typeof raw !== 'string') return undefined;
  const v = raw.trim();
  return CLASSES.includes(v as Sentiment) ? (v as Sentiment) : LABEL_ALIASES[v];
}

export function parseExamples(text: string, file: string): Example[] {
  const out: Example[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { text?: unknown; label?: unknown; sentiment?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file} 第 ${i + 1} 行不是合法的 JSON`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error(`${file} 第 ${i + 1} 行应为 {"text": …, "label": …} 对象`);
    if (typeof row.text !== 'string' || !row.text.trim()) throw new Error(`${file} 第 ${i + 1} 行：text 应为非空文字`);
    const label = labelOf(row);
    if (!label) throw new Error(`${file} 第 ${i + 1} 行：label（或 sentiment）应为 negative、neutral 或 positive（也可写 负面、中性、正面）`);
    out.push({ text: row.text, label });
  });
  return out;
}

/**
 * The shipped examples with a bureau's own on top. A text in both keeps the bureau's label: that is
 * how a label corrected during triage overrides the project's guess. Order is stable (shipped first).
 */
export function mergeExamples(shipped: Example[], own: Example[]): { examples: Example[]; overridden: number } {
  const ownByText = new Map(own.map((e) => [e.text.trim(), e]));
  let overridden = 0;
  const kept = shipped.filter((e) => {
    const mine = ownByText.get(e.text.trim());
    if (!mine) return true;
    if (mine.label !== e.label) overridden += 1;
    return false;
  });
  const seen = new Set<string>();
  const ownUnique = [...own].reverse().filter((e) => !seen.has(e.text.trim()) && seen.add(e.text.trim())).reverse();
  return { examples: [...kept, ...ownUnique], overridden };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;

/** The model without calibration: n-gram vocabulary, lexicon and bias weights fitted to the examples. */
function fitModel(examples: Example[], epochs: number, l2: number, lr: number, minDocFreq: number): Omit<SentimentWeights, 'temperature' | 'training'> {
  const K = CLASSES.length;
  const featured = examples.map((e) => ({ f: extractFeatures(e.text), y: CLASSES.indexOf(e.label) }));
  const docFreq = new Map<string, number>();
  for (const { f } of featured) for (const g of f.grams) docFreq.set(g, (docFreq.get(g) ?? 0) + 1);
  const vocab = [...docFreq.entries()].filter(([, n]) => n >= minDocFreq).map(([g]) => g).sort();
  const index = new Map(vocab.map((g, i) => [g, i]));
  const L = LEXICON_FEATURES.length;
  const D = vocab.length + L + 1; // grams, lexicon, bias

  // Sparse rows in flat typed arrays (row r spans start[r]..start[r+1]): the epoch loop allocates nothing.
  const cols: number[] = [];
  const vals: number[] = [];
  const start = new Int32Array(featured.length + 1);
  const ys = new Int32Array(featured.length);
  featured.forEach(({ f, y }, r) => {
    const v = gramValue(f.grams.length);
    for (const g of f.grams) {
      const i = index.get(g);
      if (i !== undefined) {
        cols.push(i);
        vals.push(v);
      }
    }
    LEXICON_FEATURES.forEach((name, j) => {
      if (f.lexicon[name]) {
        cols.push(vocab.length + j);
        vals.push(f.lexicon[name]);
      }
    });
    cols.push(D - 1);
    vals.push(1);
    start[r + 1] = cols.length;
    ys[r] = y;
  });
  const col = Int32Array.from(cols);
  const val = Float64Array.from(vals);

  const W = new Float64Array(D * K);
  const G2 = new Float64Array(D * K).fill(1e-8);
  const grad = new Float64Array(D * K);
  const z = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    for (let r = 0; r < featured.length; r++) {
      z.fill(0);
      for (let k = start[r]!; k < start[r + 1]!; k++) for (let c = 0; c < K; c++) z[c]! += W[col[k]! * K + c]! * val[k]!;
      let max = -Infinity;
      for (let c = 0; c < K; c++) max = Math.max(max, z[c]!);
      let sum = 0;
      for (let c = 0; c < K; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < K; c++) z[c] = z[c]! / sum - (c === ys[r] ? 1 : 0);
      for (let k = start[r]!; k < start[r + 1]!; k++) for (let c = 0; c < K; c++) grad[col[k]! * K + c]! += z[c]! * val[k]!;
    }
    for (let i = 0; i < D; i++) {
      for (let c = 0; c < K; c++) {
        const k = i * K + c;
        const g = grad[k]! / featured.length + (i === D - 1 ? 0 : l2 * W[k]!);
        G2[k]! += g * g;
        W[k]! -= (lr * g) / Math.sqrt(G2[k]!);
      }
    }
  }

  const rowOf = (i: number) => Array.from({ length: K }, (_, c) => round(W[i * K + c]!));
  const grams: Record<string, number[]> = {};
  vocab.forEach((g, i) => {
    const r = rowOf(i);
    if (r.some((w) => Math.abs(w) >= 5e-4)) grams[g] = r;
  });
  const lexicon = Object.fromEntries(LEXICON_FEATURES.map((name, j) => [name, rowOf(vocab.length + j)])) as Record<LexiconFeature, number[]>;
  return { format: 'minsheng-sentiment-lr/1', classes: [...CLASSES], bias: rowOf(D - 1), lexicon, grams };
}

/** Mean negative log-likelihood of the gold classes when logits are divided by `temperature`. */
function logLoss(heldOut: { z: number[]; y: number }[], temperature: number): number {
  let sum = 0;
  for (const { z, y } of heldOut) sum -= Math.log(Math.max(softmax(z.map((v) => v / temperature))[y]!, 1e-12));
  return sum / heldOut.length;
}

/**
 * Temperature scaling fitted on out-of-fold predictions: each fold is scored by a model trained
 * without it, and one temperature is chosen so those held-out probabilities match how often they
 * are right. Regularised logistic regression tends to be under-confident; the temperature fixes the
 * scale without changing any decision (the arg-max class stays the same).
 */
function crossValidatedTemperature(examples: Example[], folds: number, fit: (part: Example[]) => Omit<SentimentWeights, 'temperature' | 'training'>) {
  const heldOut: { z: number[]; y: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const model = fit(examples.filter((_, i) => i % folds !== f));
    examples.forEach((e, i) => {
      if (i % folds === f) heldOut.push({ z: logits(extractFeatures(e.text), model as SentimentWeights), y: CLASSES.indexOf(e.label) });
    });
  }
  // Golden-section search on log T in [1/20, 5]: the log-loss of a temperature is unimodal.
  let lo = Math.log(0.05);
  let hi = Math.log(5);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 60; step++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (logLoss(heldOut, Math.exp(a)) <= logLoss(heldOut, Math.exp(b))) hi = b;
    else lo = a;
  }
  const temperature = Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
  return { temperature, folds, logLossBefore: round(logLoss(heldOut, 1)), logLossAfter: round(logLoss(heldOut, temperature)) };
}

export function train(examples: Example[], options: TrainOptions = {}): SentimentWeights {
  const epochs = options.epochs ?? 300;
  const l2 = options.l2 ?? 1e-3;
  const lr = options.learningRate ?? 0.5;
  const minDocFreq = options.minDocFreq ?? 2;
  const folds = options.calibrationFolds ?? 5;
  const fit = (part: Example[]) => fitModel(part, epochs, l2, lr, minDocFreq);
  const model = fit(examples);
  // Too few examples per fold to say anything about calibration: leave the probabilities unscaled.
  const calibration = folds >= 2 && examples.length >= folds * 20 ? crossValidatedTemperature(examples, folds, fit) : undefined;
  const sha = createHash('sha256').update(examples.map((e) => `${e.label}\t${e.text}`).join('\n')).digest('hex');
  return {
    ...model,
    temperature: calibration?.temperature ?? 1,
    training: { examples: examples.length, examplesSha256: sha, epochs, l2, minDocFreq, ...(calibration ? { calibration } : {}) },
  };
}

export function serializeWeights(w: SentimentWeights): string {
  return JSON.stringify(w) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { examples: { type: 'string', multiple: true }, out: { type: 'string' } },
  });
  const files = values.examples?.length ? values.examples : jsonlFilesIn(SHIPPED_EXAMPLES_DIR);
  const examples = readExampleFiles(files);
  const started = performance.now();
  const weights = train(examples);
  const ms = performance.now() - started;
  const out = values.out ?? DEFAULT_WEIGHTS_FILE;
  writeFileSync(out, serializeWeights(weights));
  console.log(`已用 ${examples.length} 条样例训练情感模型（${ms.toFixed(0)} 毫秒），n-gram ${Object.keys(weights.grams).length} 个，写入 ${out}`);
}
