// What the order of the labelling queue does to `minsheng train`: a simulation on the real development letters.
// A bureau labels the first N posts of some order; the crisis and serious-letter models are refitted on them as
// `minsheng train` does (analysis/labelling/training-sets.ts, the written examples plus the bureau's labels, each
// threshold chosen out of fold on the bureau's labels); then letters the bureau did not label are scored.
//
// The posts to label are batches 1–10 (5,500 letters); the letters scored after are batches 11–13, less every
// near-copy of a letter in 1–10 (one incident must not be on both sides). Orders compared:
// - the unsure order alone, as the console's queue was before the twelfth round (analysis/labelling/queue.ts orderQueue:
//   severe-but-unsure, then sentiment-unsure);
// - random (a fixed seed);
// - unsure and random posts taken in turn, the thresholds chosen on all the labels, or on the random half only (what the
//   console's queue and `minsheng train --from-triage` do now);
// - serious-letter-unsure posts (the shipped model's probability nearest its threshold) and random ones in turn,
//   the thresholds chosen on the random half (the store does not keep that probability yet).
// Figures only, never texts; the refitted weights live in a temporary directory and are deleted.
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/queue-order.ts [--budgets 1000,2000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreText } from '../../analysis/index.ts';
import { batchName, loadDevelopment, type RealLine } from '../../analysis/corpus/real/real-set.ts';
import { splitAfterBatch } from '../../analysis/corpus/real/groups.ts';
import { jsonlFilesIn, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { crisisExamplesFrom } from '../../analysis/crisis-model/train.ts';
import { bureauCrisisModel, bureauSeriousModel, seriousThresholdCase } from '../../analysis/labelling/training-sets.ts';
import { CRISIS_WEIGHTS_FILE, crisisWeightsSlot } from '../../analysis/crisis-model/model.ts';
import { loadSeriousWeights, SERIOUS_WEIGHTS_FILE, seriousWeightsSlot } from '../../analysis/serious-model/model.ts';
import { seriousExamplesFrom } from '../../analysis/serious-model/train.ts';
import { orderQueue } from '../../analysis/labelling/queue.ts';
import { seededRandom } from '../../shared/seeded-random.ts';

const real = loadDevelopment(process.env);
if (!real.ok) {
  console.error(real.reason);
  process.exit(2);
}
const budgetArg = process.argv.indexOf('--budgets');
const budgets = budgetArg > 0 ? process.argv[budgetArg + 1]!.split(',').map(Number) : [1000];
const LAST_TO_LABEL = 10;
const { first: toLabel, next: after } = splitAfterBatch(real.lines, LAST_TO_LABEL);

type Pick = { line: RealLine; random: boolean };
const shippedSerious = loadSeriousWeights().weights!;
const scored = toLabel.map((line) => ({ line, score: scoreText(line.text), serious: seriousThresholdCase(line.text, true, shippedSerious) }));
const queue = orderQueue(
  scored.map((s) => ({
    postId: s.line.id,
    sentiment: s.score.sentiment,
    negative: s.score.negative,
    severity: s.score.severity,
    topic: s.score.topic,
    postedAt: '',
    s,
  })),
).map((c) => c.s.line);
const draw = seededRandom(20261207);
const random = toLabel
  .map((l) => [draw(), l] as const)
  .sort((a, b) => a[0] - b[0])
  .map(([, l]) => l);
// posts the shipped serious-letter model may raise, nearest its threshold first; the rest after, in random order
const asked = scored.filter((s) => s.serious.eligible && !s.serious.byRules);
const askedLines = new Set(asked.map((s) => s.line));
const distance = (p: number) => Math.abs(p - shippedSerious.threshold);
const seriousUnsure = [
  ...asked.sort((a, b) => distance(a.serious.probability) - distance(b.serious.probability)).map((s) => s.line),
  ...random.filter((l) => !askedLines.has(l)),
];

/** One post of `unsure`, then one random post not yet taken, and so on. */
function inTurn(unsure: readonly RealLine[]): Pick[] {
  const out: Pick[] = [];
  const taken = new Set<RealLine>();
  const next = (from: readonly RealLine[], at: { i: number }) => {
    while (at.i < from.length && taken.has(from[at.i]!)) at.i++;
    return from[at.i];
  };
  const u = { i: 0 };
  const r = { i: 0 };
  for (;;) {
    const isRandom = out.length % 2 === 1;
    const line = isRandom ? next(random, r) : next(unsure, u);
    if (!line) break;
    taken.add(line);
    out.push({ line, random: isRandom });
  }
  return out;
}

const orders: { name: string; picks: Pick[]; thresholdOnRandom: boolean }[] = [
  { name: '只按最没把握的顺序（原来的队列）', picks: queue.map((line) => ({ line, random: false })), thresholdOnRandom: false },
  { name: '随机', picks: random.map((line) => ({ line, random: true })), thresholdOnRandom: false },
  { name: '最没把握的与随机轮流，阈值按全部标注选', picks: inTurn(queue), thresholdOnRandom: false },
  { name: '最没把握的与随机轮流，阈值只按随机的一半选（现在的做法）', picks: inTurn(queue), thresholdOnRandom: true },
  { name: '严重信号模型最没把握的与随机轮流，阈值只按随机的一半选', picks: inTurn(seriousUnsure), thresholdOnRandom: true },
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function figures(preds: readonly number[]): string {
  const at = (hit: (v: number) => boolean) => {
    const tp = after.filter((l, i) => hit(l.severity) && hit(preds[i]!)).length;
    const gold = after.filter((l) => hit(l.severity)).length;
    const predicted = preds.filter(hit).length;
    return `${pct(gold ? tp / gold : 0)} / ${pct(predicted ? tp / predicted : 0)}`;
  };
  return `${at((v) => v === 3)} | ${at((v) => v >= 2)}`;
}
const written = crisisExamplesFrom(jsonlFilesIn(TRAIN_DIR));
const writtenSerious = seriousExamplesFrom(jsonlFilesIn(TRAIN_DIR));
const dir = mkdtempSync(join(tmpdir(), 'minsheng-queue-order-'));
console.log(
  `本局标注 = 按某种顺序标的前 N 条（${batchName(1)}到${batchName(LAST_TO_LABEL)}，${toLabel.length} 条）；之后的帖子 = ` +
    `${batchName(LAST_TO_LABEL + 1)}起 ${after.length} 条（去掉与前者近似的）。危机与严重信号模型按 minsheng train 的做法重训。只打印数字。\n`,
);
console.log('| 顺序 | 标注条数 | 其中 3 级 / ≥2 | 选出的阈值（危机 / 严重信号） | 之后的帖子：严重度 3 召回 / 精确 | ≥2 召回 / 精确 |');
console.log('|---|---|---|---|---|---|');
console.log(`| 项目自带（不重训） | 0 | — | 0.5 / ${shippedSerious.threshold} | ${figures(after.map((l) => scoreText(l.text).severity))} |`);
try {
  for (const { name, picks, thresholdOnRandom } of orders) {
    for (const n of budgets) {
      const first = picks.slice(0, n);
      const own = first.map((p) => p.line);
      const on = thresholdOnRandom ? first.map((p) => p.random) : undefined;
      const crisis = bureauCrisisModel(
        written,
        own.map((l) => ({ text: l.text, crisis: l.severity === 3 })),
        undefined,
        on,
      );
      const serious = bureauSeriousModel(
        writtenSerious,
        own.map((l) => ({ text: l.text, serious: l.severity >= 2 })),
        undefined,
        on,
      );
      const crisisFile = join(dir, 'crisis.json');
      const seriousFile = join(dir, 'serious.json');
      writeFileSync(crisisFile, JSON.stringify(crisis.weights) + '\n');
      // as minsheng train does: no serious-letter model without a threshold chosen on the labels
      const seriousUsed = serious.choice?.why === 'chosen';
      if (seriousUsed) writeFileSync(seriousFile, JSON.stringify(serious.weights) + '\n');
      crisisWeightsSlot.use(crisisFile);
      seriousWeightsSlot.use(seriousUsed ? seriousFile : SERIOUS_WEIGHTS_FILE);
      const preds = after.map((l) => scoreText(l.text).severity);
      crisisWeightsSlot.use(CRISIS_WEIGHTS_FILE);
      seriousWeightsSlot.use(SERIOUS_WEIGHTS_FILE);
      console.log(
        `| ${name} | ${n} | ${own.filter((l) => l.severity === 3).length} / ${own.filter((l) => l.severity >= 2).length} | ` +
          `${crisis.choice?.threshold ?? '0.5（标注太少）'} / ${seriousUsed ? serious.weights.threshold : '没选出，沿用自带'} | ${figures(preds)} |`,
      );
    }
  }
} finally {
  crisisWeightsSlot.use(CRISIS_WEIGHTS_FILE);
  seriousWeightsSlot.use(SERIOUS_WEIGHTS_FILE);
  rmSync(dir, { recursive: true, force: true });
}
