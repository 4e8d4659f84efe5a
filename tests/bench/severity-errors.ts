// Severity errors on the real DEVELOPMENT data (every batch but the newest; never the fresh test set, which
// this script cannot read); each error but batch 1's shows its batch ([第二批], [第四批]…): misses (labelled ≥2, scored <2) and false alarms (scored ≥2, labelled <2),
// near-copies of one incident grouped so one incident does not dominate (character 3-gram Jaccard ≥ 0.4
// with the group's first message).
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/severity-errors.ts [--full] [--summary] [--fold N] [--batch N]
// --fold N shows only the errors in fold N of the grouped 5 folds over the three batches (tests/bench/severity-cv.ts):
// read one fold's errors to write a rule, then judge the rule on the other folds. --batch keeps one batch.
// --three looks at severity 3 instead: misses (labelled 3, scored <3) and false alarms (scored 3, labelled <3).
// Prints texts from the research-only pool to the terminal: do not paste them into the repository.
import { scoreText } from '../../analysis/index.ts';
import { batchName, loadDevelopment } from '../../analysis/corpus/real/real-set.ts';
import { groupFolds, nearCopyGroups } from '../../analysis/corpus/real/groups.ts';
import { reasonText } from '../../analysis/reasons.ts';

const full = process.argv.includes('--full');
const top = process.argv.includes('--three') ? 3 : 2;
const foldArg = process.argv.indexOf('--fold');
const onlyFold = foldArg > 0 ? Number(process.argv[foldArg + 1]) : null;
const batchArg = process.argv.indexOf('--batch');
const onlyBatch = batchArg > 0 ? Number(process.argv[batchArg + 1]) : null;
const real = loadDevelopment(process.env);
if (!real.ok) {
  console.error(real.reason);
  process.exit(2);
}
const folds = groupFolds(nearCopyGroups(real.lines.map((l) => l.text)), 5);
const dev = real.lines.filter((l, i) => (onlyFold === null || folds[i] === onlyFold) && (onlyBatch === null || l.batch === onlyBatch));
type Row = { id: string; text: string; gold: number; pred: number; sentiment: string; reasons: string[]; batch: number };
const rows: Row[] = dev.map((l) => {
  const s = scoreText(l.text);
  return { id: l.id, text: l.text, gold: l.severity, pred: s.severity, sentiment: s.sentiment, reasons: s.reasons.map(reasonText), batch: l.batch };
});
const groups = (rs: Row[]): Row[][] => nearCopyGroups(rs.map((r) => r.text)).map((g) => g.map((i) => rs[i]!));
const show = (title: string, rs: Row[]) => {
  const gs = groups(rs);
  console.log(`\n### ${title}: ${rs.length} 条，去掉近似后 ${gs.length} 组`);
  for (const g of gs) {
    const r = g[0]!;
    const sev = r.reasons.filter((x) => x.startsWith('危机信号') || x.startsWith('严重度'));
    console.log(
      `\n[${r.id}]${r.batch === 1 ? '' : `[${batchName(r.batch)}]`} 标 ${r.gold} 判 ${r.pred} ${r.sentiment}${g.length > 1 ? `（另有 ${g.length - 1} 条近似）` : ''} ${sev.join(' | ')}`,
    );
    console.log(full ? r.text : r.text.replace(/\s+/g, ' ').slice(0, 260));
  }
};
const tp = rows.filter((r) => r.gold >= top && r.pred >= top).length;
const misses = rows.filter((r) => r.gold >= top && r.pred < top);
const alarms = rows.filter((r) => r.gold < top && r.pred >= top);
const name = top === 3 ? '3' : '≥2';
console.log(
  `开发数据${onlyFold === null ? '' : `第 ${onlyFold} 折`}${onlyBatch === null ? '' : batchName(onlyBatch)} ${rows.length} 条：${name} 召回 ${(tp / (tp + misses.length)).toFixed(3)}，精确 ${(tp / (tp + alarms.length)).toFixed(3)}`,
);
console.log(
  `去重后：漏判 ${groups(misses).length} 组，误报 ${groups(alarms).length} 组，命中 ${groups(rows.filter((r) => r.gold >= top && r.pred >= top)).length} 组`,
);
if (!process.argv.includes('--summary')) {
  show(`漏判（标 ${name}，判 <${top}）`, misses);
  show(`误报（判 ${name}，标 <${top}）`, alarms);
}
