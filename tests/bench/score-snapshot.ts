// Scores of every labelled text the project may score here, one JSON line each, so a change meant to be
// speed-only can be checked to leave every score identical:
//   node bin/run-ts.mjs tests/bench/score-snapshot.ts OUT.jsonl     (before and after, then `cmp`)
// Sets: the written held-out sets, the training examples, the regression fixture and the real development
// set (batch 1; texts read by id from ../shared/data; never the fresh test set, whose errors the rule writers
// must not read). The output holds reasons that quote real texts: write it outside the repository (e.g.
// /tmp) and never commit it.
import { readFileSync, writeFileSync } from 'node:fs';
import { scoreText } from '../../analysis/index.ts';
import { jsonlFilesIn, TEST_DIR, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { loadRealSet } from '../../analysis/corpus/real/real-set.ts';
import { projectPath } from '../../config/paths.ts';

const out = process.argv[2];
if (!out) {
  console.error('用法：score-snapshot.ts 输出文件（写在仓库外，不要提交）');
  process.exit(2);
}
const texts: [string, string][] = [];
for (const file of [...jsonlFilesIn(TEST_DIR), ...jsonlFilesIn(TRAIN_DIR), projectPath('tests', 'analysis', 'fixtures', 'regression.jsonl')]) {
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .forEach((l, i) => texts.push([`${file}:${i + 1}`, (JSON.parse(l) as { text: string }).text]));
}
const real = loadRealSet(process.env);
if (!real.ok) console.error(`真实集跳过：${real.reason}`);
else for (const l of real.lines) texts.push([`real:${l.id}`, l.text]);
const started = process.hrtime.bigint();
const lines = texts.map(([where, text]) => JSON.stringify({ where, ...scoreText(text) }));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${texts.length} 条评分写入 ${out}（${seconds.toFixed(1)} 秒）`);
