// What a bureau's own severity labels would do: a simulation of `minsheng train` on real letters, for the
// crisis model (severity 3) and the serious-letter model (severity ≥2; the shipped one is fitted on written examples, since the seventh round).
//
// The real development letters (every batch but the test one, labelled by hand) stand in for posts a
// bureau labelled in its labelling queue. For each of 5 grouped folds (near-copies kept together), the
// crisis model is refitted on the project's written examples plus the labelled letters of the other four
// folds — exactly what `minsheng train --from-triage` does with a bureau's severities, its threshold chosen
// by cross-validation on those labelled letters alone (analysis/labelling/training-sets.ts bureauCrisisModel)
// — and the letters of the held-out fold are scored with it. Smaller label budgets (a bureau that labelled only a few hundred)
// are drawn from the training folds with a fixed seed. The refitted weights live in a temporary directory
// and are deleted: they are a measurement, never shipped (the shipped weights are fitted on written text only).
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/bureau-labels.ts [--budgets 500,1000] [--precision 0.5,0.6] [--serious 0.7,0.75]
//
// --test: the other question, on letters no fold has seen. Both models are refitted, as `minsheng train` would,
// on every development letter (a bureau that labelled them all; the first --precision and --serious, by default
// minsheng train's), and the test batch is scored with the shipped models, each refitted model and both: the
// issue's table, overall and on the test batch's 人社 letters. Figures only; the test batch's texts are never printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreText } from '../../analysis/index.ts';
import { batchName, formatRealFigures, loadDevelopment, loadRealSets, realFigures, TEST_BATCH, type RealLine } from '../../analysis/corpus/real/real-set.ts';
import { OTHER_TOPIC } from '../../analysis/topic.ts';
import { groupFolds, nearCopyGroups } from '../../analysis/corpus/real/groups.ts';
import { jsonlFilesIn, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { crisisExamplesFrom } from '../../analysis/crisis-model/train.ts';
import { bureauCrisisModel, bureauSeriousModel, THRESHOLD_MIN_PRECISION } from '../../analysis/labelling/training-sets.ts';
import { CRISIS_WEIGHTS_FILE, crisisWeightsSlot } from '../../analysis/crisis-model/model.ts';
import { SERIOUS_WEIGHTS_FILE, seriousWeightsSlot } from '../../analysis/serious-model/model.ts';
import { seriousExamplesFrom } from '../../analysis/serious-model/train.ts';
import { seededRandom } from '../../shared/seeded-random.ts';

const K = 5;
const real = loadDevelopment(process.env);
if (!real.ok) {
  console.error(real.reason);
  process.exit(2);
}
const budgetArg = process.argv.indexOf('--budgets');
const budgets = budgetArg > 0 ? process.argv[budgetArg + 1]!.split(',').map(Number) : [500, 1000];
const precisionArg = process.argv.indexOf('--precision');
const precisions = precisionArg > 0 ? process.argv[precisionArg + 1]!.split(',').map(Number) : [THRESHOLD_MIN_PRECISION.crisis];
const seriousArg = process.argv.indexOf('--serious');
const seriousPrecisions = seriousArg > 0 ? process.argv[seriousArg + 1]!.split(',').map(Number) : [THRESHOLD_MIN_PRECISION.serious];
const lines = real.lines;
const written = crisisExamplesFrom(jsonlFilesIn(TRAIN_DIR));
const writtenSerious = seriousExamplesFrom(jsonlFilesIn(TRAIN_DIR));
const dir = mkdtempSync(join(tmpdir(), 'minsheng-bureau-sim-'));
if (process.argv.includes('--test')) {
  try {
    onTestBatch();
  } finally {
    crisisWeightsSlot.use(CRISIS_WEIGHTS_FILE);
    seriousWeightsSlot.use(SERIOUS_WEIGHTS_FILE);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(process.exitCode ?? 0);
}
// Only the cross-validation below needs the folds; --test has returned by now.
const folds = groupFolds(nearCopyGroups(lines.map((l) => l.text)), K);

/** Every development letter as a bureau's labels, the test batch as the posts that come after. */
function onTestBatch() {
  const { test } = loadRealSets(process.env);
  if (!test.ok) {
    console.error(test.reason);
    process.exitCode = 2;
    return;
  }
  const crisis = bureauCrisisModel(
    written,
    lines.map((l) => ({ text: l.text, crisis: l.severity === 3 })),
    precisions[0],
  );
  const serious = bureauSeriousModel(
    writtenSerious,
    lines.map((l) => ({ text: l.text, serious: l.severity >= 2 })),
    seriousPrecisions[0],
  );
  const crisisFile = join(dir, 'crisis.json');
  const seriousFile = join(dir, 'serious.json');
  writeFileSync(crisisFile, JSON.stringify(crisis.weights) + '\n');
  const seriousUsed = serious.choice?.why === 'chosen';
  if (seriousUsed) writeFileSync(seriousFile, JSON.stringify(serious.weights) + '\n');
  // as minsheng train does: no model without a threshold chosen on the labels, the shipped one stays
  const retrainedSerious = seriousUsed ? seriousFile : SERIOUS_WEIGHTS_FILE;
  const runs: [string, string, string][] = [
    ['项目自带', CRISIS_WEIGHTS_FILE, SERIOUS_WEIGHTS_FILE],
    [`危机模型重训（阈值 ${crisis.choice?.threshold ?? '0.5，标注太少'}）`, crisisFile, SERIOUS_WEIGHTS_FILE],
    [`严重信号模型重训（阈值 ${seriousUsed ? serious.weights.threshold : '没选出，沿用自带'}）`, CRISIS_WEIGHTS_FILE, retrainedSerious],
    ['两个都重训', crisisFile, retrainedSerious],
  ];
  const isRenshe = test.lines.map((l) => l.topic !== OTHER_TOPIC);
  const renshe = test.lines.filter((_, i) => isRenshe[i]);
  console.log(
    `本局标注 = 开发数据 ${lines.length} 条（危机和严重信号模型各用它们加自写样例重训，阈值按它们选，判 3 精确要求 ≥ ${precisions[0]}、判 ≥2 精确要求 ≥ ${seriousPrecisions[0]}）；` +
      `在测试集${batchName(TEST_BATCH)} ${test.lines.length} 条上量（其中人社的事 ${renshe.length} 条）。只打印数字。\n`,
  );
  for (const [name, crisisWeights, seriousWeights] of runs) {
    crisisWeightsSlot.use(crisisWeights);
    seriousWeightsSlot.use(seriousWeights);
    const scores = test.lines.map((l) => scoreText(l.text));
    const rensheScores = scores.filter((_, i) => isRenshe[i]);
    console.log(
      `## ${name}\n${formatRealFigures([
        [`${batchName(TEST_BATCH)} 全部`, realFigures(test.lines, scores)],
        [`${batchName(TEST_BATCH)} 人社的事`, realFigures(renshe, rensheScores)],
      ])}\n`,
    );
  }
}

type Scored = { line: RealLine; pred: number };
function scoreWith(weightsFile: string, held: RealLine[], seriousFile = SERIOUS_WEIGHTS_FILE): Scored[] {
  crisisWeightsSlot.use(weightsFile);
  seriousWeightsSlot.use(seriousFile);
  return held.map((line) => ({ line, pred: scoreText(line.text).severity }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function cells(rs: Scored[]): string {
  const at = (min: number, exact: boolean) => {
    const hit = (v: number) => (exact ? v === min : v >= min);
    const tp = rs.filter((r) => hit(r.line.severity) && hit(r.pred)).length;
    const gold = rs.filter((r) => hit(r.line.severity)).length;
    const pred = rs.filter((r) => hit(r.pred)).length;
    return `${pct(gold ? tp / gold : 0)} / ${pct(pred ? tp / pred : 0)}（${tp}/${pred}，标 ${gold}）`;
  };
  return `${at(3, true)} | ${at(2, false)}`;
}

/** The letters labelled for training in one fold's run: all of the other folds, or a seeded sample of `budget`. */
function trainingLetters(k: number, budget: number | null): RealLine[] {
  const pool = lines.filter((_, i) => folds[i] !== k);
  if (budget === null || budget >= pool.length) return pool;
  const random = seededRandom(20261206 + k);
  const order = pool.map((l) => [random(), l] as const).sort((a, b) => a[0] - b[0]);
  return order.slice(0, budget).map(([, l]) => l);
}

type Config = { name: string; model: 'shipped' } | { name: string; model: 'crisis' | 'serious'; budget: number | null; minPrecision: number };
const configs: Config[] = [
  { name: '项目自带（只用自写样例；危机阈值 0.5，没有严重信号模型）', model: 'shipped' },
  ...precisions.flatMap((minPrecision) =>
    [...budgets, null].map((budget) => ({
      name: `危机模型加本局标注 ${budget ?? '其余四折全部'}${budget ? ' 条' : ''}，阈值按精确 ≥ ${minPrecision} 选`,
      model: 'crisis' as const,
      budget,
      minPrecision,
    })),
  ),
  ...seriousPrecisions.flatMap((minPrecision) =>
    [...budgets, null].map((budget) => ({
      name: `严重信号模型（≥2）加本局标注 ${budget ?? '其余四折全部'}${budget ? ' 条' : ''}，阈值按精确 ≥ ${minPrecision} 选`,
      model: 'serious' as const,
      budget,
      minPrecision,
    })),
  ),
];
const results = new Map<string, Scored[]>();
const thresholds = new Map<string, string[]>();
try {
  for (const config of configs) {
    const all: Scored[] = [];
    const chosen: string[] = [];
    for (let k = 0; k < K; k++) {
      const held = lines.filter((_, i) => folds[i] === k);
      if (config.model === 'shipped') {
        all.push(...scoreWith(CRISIS_WEIGHTS_FILE, held));
        continue;
      }
      const letters = trainingLetters(k, config.budget);
      const file = join(dir, `${config.model}-${k}.json`);
      if (config.model === 'crisis') {
        const { weights, choice } = bureauCrisisModel(
          written,
          letters.map((l) => ({ text: l.text, crisis: l.severity === 3 })),
          config.minPrecision,
        );
        chosen.push(choice ? String(choice.threshold) : '0.5（标注太少）');
        writeFileSync(file, JSON.stringify(weights) + '\n');
        all.push(...scoreWith(file, held));
      } else {
        const { weights, choice } = bureauSeriousModel(
          writtenSerious,
          letters.map((l) => ({ text: l.text, serious: l.severity >= 2 })),
          config.minPrecision,
        );
        // as minsheng train does: no model without a threshold chosen on the labels
        const used = choice?.why === 'chosen';
        chosen.push(used ? String(choice!.threshold) : '不用');
        if (used) writeFileSync(file, JSON.stringify(weights) + '\n');
        all.push(...scoreWith(CRISIS_WEIGHTS_FILE, held, used ? file : SERIOUS_WEIGHTS_FILE));
      }
    }
    results.set(config.name, all);
    thresholds.set(config.name, chosen);
  }
} finally {
  crisisWeightsSlot.use(CRISIS_WEIGHTS_FILE);
  seriousWeightsSlot.use(SERIOUS_WEIGHTS_FILE);
  rmSync(dir, { recursive: true, force: true });
}

const batches = [...new Set(lines.map((l) => l.batch))].sort((a, b) => a - b);
console.log(
  `真实留言开发数据 ${lines.length} 条（${batches.map((b) => `${batchName(b)} ${lines.filter((l) => l.batch === b).length}`).join('、')}），按组分 ${K} 折；` +
    `每折用其余四折的标注（或其中按固定种子抽的一部分）加自写样例 ${written.length} 条重训危机模型，在这一折上量（交叉验证）\n`,
);
console.log(
  `| 危机模型 | 全部：严重度 3 召回 / 精确 | 全部：≥2 召回 / 精确 | ${batches.map((b) => `${batchName(b)}：严重度 3 | ${batchName(b)}：≥2`).join(' | ')} |`,
);
console.log(`|---|---|---|${batches.map(() => '---|---|').join('')}`);
for (const { name } of configs) {
  const rs = results.get(name)!;
  console.log(`| ${name} | ${cells(rs)} | ${batches.map((b) => cells(rs.filter((r) => r.line.batch === b))).join(' | ')} |`);
}
console.log('\n各折选出的阈值：');
for (const [name, chosen] of thresholds) if (chosen.length) console.log(`- ${name}：${chosen.join('、')}`);
