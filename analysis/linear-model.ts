// Multinomial logistic regression over sparse character n-grams plus a few dense features (lexicon
// or keyword scores), shared by the sentiment, topic and crisis models. Deterministic: full-batch
// AdaGrad in a fixed order and rounded output, so the same examples give byte-identical weights.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A shipped or retrained weights file, checked for its format; the version (first 10 hex of the
 * file's SHA-256) names the exact weights in every stored score.
 */
export function readWeightsFile<W extends { format: string }>(file: string, format: W['format'], what: string): { weights: W; version: string } {
  const text = readFileSync(file, 'utf8');
  const weights = JSON.parse(text) as W;
  if (weights.format !== format) throw new Error(`${what}文件 ${file} 格式不对：format 应为 ${format}`);
  return { weights, version: createHash('sha256').update(text).digest('hex').slice(0, 10) };
}

/** Where one model's weights come from, and the weights once loaded (see weightsSlot). */
export interface WeightsSlot<W> {
  /** The retrained file's name in a data directory. */
  retrainedName: string;
  /** Where `minsheng train` writes this model's retrained weights in a data directory. */
  retrainedFile(dataDir: string): string;
  /** The bureau's retrained file in the data directory (default ./data) when there is one, else the shipped file. */
  fileFor(dataDir?: string): string;
  /** The edge chooses one file before scoring (an environment override); later loads read it. */
  use(file: string): void;
  /** The edge chooses a data directory: its retrained file while there is one, else the shipped file (see refresh). */
  useDataDir(dataDir: string): void;
  /** The file the edge chose (for a data directory, the one it resolved to last), or null. */
  chosen(): string | null;
  /** The chosen weights (the shipped ones when nothing was chosen), once per process; null when the file is absent. */
  load(): { weights: W | null; version: string };
  /**
   * Looks again at the file the weights come from: a retrained file that appeared in the chosen data directory,
   * was rewritten or was removed since the weights were loaded. True when weights were loaded and the next load
   * reads them anew. Long-running processes call it once per analysis run, so `minsheng train` takes effect
   * without a restart.
   */
  refresh(): boolean;
}

/**
 * What a file was when it was read: a rewrite changes its modification time or size, a removal makes it null.
 * The weights slots and the bureau's topic words (analysis/weights.ts) look again by it.
 */
export function fileStamp(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * A model whose shipped weights a bureau may replace with its own retrained ones (`minsheng train`
 * writes them into the data directory). Without a weights file the model is absent and the rules
 * decide alone; its version then reads `absentVersion`.
 */
export function weightsSlot<W extends { format: string }>(o: {
  format: W['format'];
  what: string;
  shipped: string;
  retrainedName: string;
  absentVersion: string;
}): WeightsSlot<W> {
  let chosen: string | null = null;
  let dataDir: string | null = null;
  let loaded: { weights: W | null; version: string; file: string; stamp: string | null } | null = null;
  const retrainedFile = (dir: string) => join(dir, o.retrainedName);
  const fileFor = (dir?: string) => {
    const retrained = retrainedFile(resolve(dir ?? 'data'));
    return existsSync(retrained) ? retrained : o.shipped;
  };
  const use = (file: string) => {
    if (file !== chosen) loaded = null;
    chosen = file;
  };
  return {
    retrainedName: o.retrainedName,
    retrainedFile,
    fileFor,
    use(file) {
      dataDir = null;
      use(file);
    },
    useDataDir(dir) {
      dataDir = dir;
      use(fileFor(dir));
    },
    chosen: () => chosen,
    load() {
      if (!loaded) {
        const file = chosen ?? o.shipped;
        // stamped before reading: a rewrite during the read is seen by the next refresh
        const stamp = fileStamp(file);
        const read = existsSync(file) ? readWeightsFile<W>(file, o.format, o.what) : { weights: null, version: o.absentVersion };
        loaded = { ...read, file, stamp };
      }
      return loaded;
    },
    refresh() {
      const had = loaded;
      if (dataDir !== null) use(fileFor(dataDir));
      if (loaded && fileStamp(loaded.file) !== loaded.stamp) loaded = null;
      return had !== null && loaded === null;
    },
  };
}

export interface LabelledFeatures {
  /** Distinct n-grams of the text. */
  grams: string[];
  /** Dense feature values, in the model's dense-feature order. */
  dense: number[];
  /** Index of the gold class. */
  y: number;
}

export interface FitOptions {
  classes: number;
  epochs: number;
  l2: number;
  learningRate: number;
  /** An n-gram must occur in this many examples to get a weight (keeps the file small, curbs overfitting). */
  minDocFreq: number;
}

export interface FittedLinear {
  bias: number[];
  /** One row per dense feature, in the order given. */
  dense: number[][];
  grams: Record<string, number[]>;
}

/** Each present n-gram contributes 1/sqrt(#grams) so long posts do not get extreme logits. */
export function gramValue(gramCount: number): number {
  return gramCount > 0 ? 1 / Math.sqrt(gramCount) : 0;
}

export function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;

export function fitLinear(rows: LabelledFeatures[], options: FitOptions): FittedLinear {
  const { classes: K, epochs, l2, learningRate: lr, minDocFreq } = options;
  const docFreq = new Map<string, number>();
  for (const { grams } of rows) for (const g of grams) docFreq.set(g, (docFreq.get(g) ?? 0) + 1);
  const vocab = [...docFreq.entries()]
    .filter(([, n]) => n >= minDocFreq)
    .map(([g]) => g)
    .sort();
  const index = new Map(vocab.map((g, i) => [g, i]));
  const L = rows[0]?.dense.length ?? 0;
  const D = vocab.length + L + 1; // grams, dense, bias

  // Sparse rows in flat typed arrays (row r spans start[r]..start[r+1]): the epoch loop allocates nothing.
  const cols: number[] = [];
  const vals: number[] = [];
  const start = new Int32Array(rows.length + 1);
  const ys = new Int32Array(rows.length);
  rows.forEach(({ grams, dense, y }, r) => {
    const v = gramValue(grams.length);
    for (const g of grams) {
      const i = index.get(g);
      if (i !== undefined) {
        cols.push(i);
        vals.push(v);
      }
    }
    dense.forEach((x, j) => {
      if (x) {
        cols.push(vocab.length + j);
        vals.push(x);
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
    for (let r = 0; r < rows.length; r++) {
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
        const g = grad[k]! / rows.length + (i === D - 1 ? 0 : l2 * W[k]!);
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
  return { bias: rowOf(D - 1), dense: Array.from({ length: L }, (_, j) => rowOf(vocab.length + j)), grams };
}

// Scoring looks up the same post's n-grams in three models (sentiment, crisis, topic). Each n-gram string is
// looked up once in one vocabulary shared by every weights table, giving an id; each table keeps its rows in
// a flat array indexed through its own id → row map. The sums run in the same order as before, so the
// logits are bit-for-bit what a lookup per table gave.
const vocabulary = new Map<string, number>();

interface GramTable {
  /** Row of each vocabulary id in `rows` (−1: the table has no weights for it); ids added later are absent. */
  rowOf: Int32Array;
  rows: Float64Array;
}

const gramTables = new WeakMap<Record<string, number[]>, GramTable>();
function gramTable(grams: Record<string, number[]>, classes: number): GramTable {
  let table = gramTables.get(grams);
  if (!table) {
    const entries = Object.entries(grams);
    for (const [g] of entries) if (!vocabulary.has(g)) vocabulary.set(g, vocabulary.size);
    const rowOf = new Int32Array(vocabulary.size).fill(-1);
    const rows = new Float64Array(entries.length * classes);
    entries.forEach(([g, row], r) => {
      rowOf[vocabulary.get(g)!] = r;
      for (let c = 0; c < classes; c++) rows[r * classes + c] = row[c]!;
    });
    gramTables.set(grams, (table = { rowOf, rows }));
  }
  return table;
}

/** Vocabulary ids of a post's n-grams (−1: in no table), kept per grams array for the next model. */
const idCache = new WeakMap<readonly string[], { ids: Int32Array; size: number }>();
function gramIds(grams: readonly string[]): Int32Array {
  const cached = idCache.get(grams);
  // A table registered since may have added ids for some of these strings.
  if (cached && cached.size === vocabulary.size) return cached.ids;
  const ids = new Int32Array(grams.length);
  for (let i = 0; i < grams.length; i++) ids[i] = vocabulary.get(grams[i]!) ?? -1;
  idCache.set(grams, { ids, size: vocabulary.size });
  return ids;
}

/** Logits of one text's features; a dense row may be missing in weights trained before the feature existed. */
export function linearLogits(
  grams: string[],
  dense: (number | undefined)[],
  bias: number[],
  denseRows: (number[] | undefined)[],
  gramWeights: Record<string, number[]>,
): number[] {
  const z = [...bias];
  const K = z.length;
  const value = gramValue(grams.length);
  const { rowOf, rows } = gramTable(gramWeights, K);
  const ids = gramIds(grams);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= rowOf.length) continue;
    const r = rowOf[id]!;
    if (r < 0) continue;
    for (let c = 0; c < K; c++) z[c]! += rows[r * K + c]! * value;
  }
  for (let j = 0; j < dense.length; j++) {
    const x = dense[j];
    const row = denseRows[j];
    if (!x || !row) continue;
    for (let c = 0; c < K; c++) z[c]! += row[c]! * x;
  }
  return z;
}

export interface Calibration {
  temperature: number;
  folds: number;
  logLossBefore: number;
  logLossAfter: number;
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
export function crossValidatedTemperature<T>(items: T[], folds: number, fit: (part: T[]) => (item: T) => { z: number[]; y: number }): Calibration {
  const heldOut: { z: number[]; y: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const score = fit(items.filter((_, i) => i % folds !== f));
    items.forEach((item, i) => {
      if (i % folds === f) heldOut.push(score(item));
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

/** A two-class n-gram model (crisis, serious): the probability of its second class. */
export function binaryProbability(grams: string[], w: { bias: number[]; grams: Record<string, number[]> }): number {
  return softmax(linearLogits(grams, [], w.bias, [], w.grams))[1]!;
}

/** The n-grams that pushed a two-class model hardest towards its second class, for the duty officer (up to three, no one inside another). */
export function strongestGrams(grams: string[], w: { grams: Record<string, number[]> }): string[] {
  const value = gramValue(grams.length);
  const pushes = grams
    .filter((g) => g.length >= 2 && w.grams[g])
    .map((g) => [g, (w.grams[g]![1]! - w.grams[g]![0]!) * value] as const)
    .filter(([, push]) => push > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // A longer gram that holds a shorter one already listed says the same thing.
  const words: string[] = [];
  for (const [g] of pushes) {
    if (words.length >= 3) break;
    if (!words.some((w) => w.includes(g) || g.includes(w))) words.push(g);
  }
  return words;
}

/**
 * strongestGrams among the n-grams that are whole words of the post as the segmenter cut it (`words`), so a
 * reason names 办公室 or 已经, not fragments like 们就 or 到现 that n-grams cut across words.
 */
export function strongestWholeWords(words: readonly string[], grams: string[], w: { grams: Record<string, number[]> }): string[] {
  const whole = new Set(words);
  return strongestGrams(
    grams.filter((g) => whole.has(g)),
    w,
  );
}
