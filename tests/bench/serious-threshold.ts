// How the shipped serious-letter model's threshold is chosen: the model is fitted on the project's written
// examples (as analysis/serious-model/train.ts does), then every real DEVELOPMENT letter (every batch but the
// newest, which stays the test set) is scored, and for each threshold on the grid severity ≥2 recall and
// precision (rules or model deciding) are printed, overall and per batch. The choice is the lowest threshold
// whose overall precision stays at or above SHIPPED_SERIOUS_MIN_PRECISION and no batch's below the issue's 70%
// (batch 1, the 人社 letters, sits nearest it); the script says whether SERIOUS_THRESHOLD in train.ts is that choice. Choosing a threshold on real letters is allowed; fitting is not.
// It also prints the model's ranking AUC on the development letters it decides (does it order them better, apart
// from where the threshold lands) and how many severity ≥2 examples, written and real, the rules leave to it.
// --add file.jsonl (repeatable) fits with more written examples that are not in the training folder yet: the way
// to try a new writing round before shipping it (the fourteenth round's 1,049 quiet letters were tried so).
// Figures only, never texts.
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/serious-threshold.ts [--add more.jsonl]
import { batchName, loadDevelopment } from '../../analysis/corpus/real/real-set.ts';
import { jsonlFilesIn, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { seriousExamplesFrom, SERIOUS_THRESHOLD, SHIPPED_SERIOUS_MIN_PRECISION, trainSerious } from '../../analysis/serious-model/train.ts';
import { seriousThresholdCase } from '../../analysis/labelling/training-sets.ts';
import { decidedByModel, decisionsAt, rankAuc, THRESHOLD_GRID, type ThresholdCase } from '../../analysis/labelling/threshold.ts';
import { parseArgs } from 'node:util';

const real = loadDevelopment(process.env);
if (!real.ok) {
  console.error(real.reason);
  process.exit(2);
}
const { values } = parseArgs({ options: { add: { type: 'string', multiple: true } } });
const written = seriousExamplesFrom([...jsonlFilesIn(TRAIN_DIR), ...(values.add ?? [])]);
const weights = trainSerious(written);
// The rules and the crisis model as scoreText applies them, without the serious-letter model (a post the crisis
// model raises to 3 is already ≥2): the same cases `minsheng train` chooses a bureau's threshold on.
const cases = real.lines.map((l) => ({ batch: l.batch, ...seriousThresholdCase(l.text, l.severity >= 2, weights) }));
const batches = [...new Set(cases.map((c) => c.batch))].sort((a, b) => a - b);
const cell = (cs: readonly ThresholdCase[], t: number) => {
  const { recall, precision } = decisionsAt(cs, t);
  return `${(recall * 100).toFixed(1)} / ${(precision * 100).toFixed(1)}`;
};
console.log(
  `真实开发数据 ${cases.length} 条（${batches.map(batchName).join('、')}），严重信号模型用 ${weights.training.examples} 条自写样例拟合（严重 ${weights.training.serious} 条${values.add?.length ? `，含 --add 的 ${values.add.join('、')}` : ''}）`,
);
// Where the ≥2 examples sit: reached by the rules, or left to the model (a complaint the rules leave at 1 that the model reads).
const whereSerious = (cs: readonly ThresholdCase[]) => {
  const serious = cs.filter((c) => c.labelled);
  const toModel = decidedByModel(serious).length;
  return `标 ≥2 的 ${serious.length} 条，规则判到的 ${serious.filter((c) => c.byRules).length} 条，留给模型的 ${toModel} 条（${((toModel / serious.length) * 100).toFixed(0)}%）`;
};
const writtenCases = written.map((e) => seriousThresholdCase(e.text, e.serious, weights));
const auc = rankAuc(cases);
console.log(`自写样例：${whereSerious(writtenCases)}；真实开发数据：${whereSerious(cases)}`);
const decided = decidedByModel(cases);
console.log(
  `模型要判的开发信 ${decided.length} 封（标 ≥2 的 ${decided.filter((c) => c.labelled).length} 封），排序 AUC ${auc === null ? '—' : auc.toFixed(3)}`,
);
console.log(`\n| 阈值 | 全部 ≥2 召回 / 精确 | ${batches.map(batchName).join(' | ')} |\n|---|---|${batches.map(() => '---|').join('')}`);
for (const t of [1.01, ...THRESHOLD_GRID]) {
  console.log(
    `| ${t > 1 ? '只用规则' : t} | ${cell(cases, t)} | ${batches
      .map((b) =>
        cell(
          cases.filter((c) => c.batch === b),
          t,
        ),
      )
      .join(' | ')} |`,
  );
}
/** The issue's floor for severity ≥2 precision, which no batch may fall below. */
const ISSUE_PRECISION = 0.7;
const keeps = (t: number) =>
  decisionsAt(cases, t).precision >= SHIPPED_SERIOUS_MIN_PRECISION &&
  batches.every(
    (b) =>
      decisionsAt(
        cases.filter((c) => c.batch === b),
        t,
      ).precision >= ISSUE_PRECISION,
  );
const chosen = [...THRESHOLD_GRID].reverse().find(keeps) ?? null;
console.log(
  `\n全部精确不低于 ${SHIPPED_SERIOUS_MIN_PRECISION * 100}%、每批不低于 ${ISSUE_PRECISION * 100}% 的最低阈值：${chosen ?? '没有（只用规则）'}；train.ts 的 SERIOUS_THRESHOLD = ${SERIOUS_THRESHOLD}` +
    (chosen === SERIOUS_THRESHOLD ? '（一致）' : '（不一致：改 train.ts 后重训）'),
);
