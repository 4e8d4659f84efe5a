// Honest evaluation of the shipped scorer on public labelled data it was NOT trained on
// (../shared/data, research-only licences: read here, never copied into the repository).
//   node bin/run-ts.mjs tests/bench/sentiment.eval.ts      (or MINSHENG_SHARED_DATA=/path/to/data)
// Prints accuracy, macro-F1 and negative-class precision/recall on the SMP2020 Weibo sets (3-way
// and negative-vs-rest), topic accuracy on tipdm2020 (劳动和社会保障 vs other departments), latency,
// and the majority-class baseline for each.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scoreText, MODEL_VERSION } from '../../analysis/index.ts';
import { classifyTopic, OTHER_TOPIC } from '../../analysis/topic.ts';

type Label = 'negative' | 'neutral' | 'positive';
const LABELS: Label[] = ['negative', 'neutral', 'positive'];

const dataDir = resolve(process.env.MINSHENG_SHARED_DATA ?? '../shared/data');
if (!existsSync(dataDir)) {
  console.error(`找不到评测数据目录 ${dataDir}（可用环境变量 MINSHENG_SHARED_DATA 指定）`);
  process.exit(2);
}

function readJsonl(name: string): any[] {
  return readFileSync(join(dataDir, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

interface Metrics {
  accuracy: number;
  macroF1: number;
  precision: Record<string, number>;
  recall: Record<string, number>;
}

function metrics<L extends string>(gold: L[], pred: L[], labels: L[]): Metrics {
  const precision: Record<string, number> = {};
  const recall: Record<string, number> = {};
  const f1: number[] = [];
  for (const l of labels) {
    const tp = gold.filter((g, i) => g === l && pred[i] === l).length;
    const fp = pred.filter((p, i) => p === l && gold[i] !== l).length;
    const fn = gold.filter((g, i) => g === l && pred[i] !== l).length;
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    precision[l] = p;
    recall[l] = r;
    f1.push(p + r ? (2 * p * r) / (p + r) : 0);
  }
  return {
    accuracy: gold.filter((g, i) => g === pred[i]).length / gold.length,
    macroF1: f1.reduce((a, b) => a + b, 0) / labels.length,
    precision,
    recall,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function majority<L extends string>(gold: L[]): L {
  const counts = new Map<L, number>();
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function report(name: string, gold: Label[], pred: Label[]) {
  const base = majority(gold);
  const three = metrics(gold, pred, LABELS);
  const threeBase = metrics(gold, gold.map(() => base), LABELS);
  const goldBin = gold.map((g) => (g === 'negative' ? 'negative' : 'other'));
  const predBin = pred.map((p) => (p === 'negative' ? 'negative' : 'other'));
  const binBaseLabel = majority(goldBin);
  const bin = metrics(goldBin, predBin, ['negative', 'other']);
  const binBase = metrics(goldBin, goldBin.map(() => binBaseLabel), ['negative', 'other']);
  console.log(`\n## ${name}（${gold.length} 条）`);
  console.log(`三分类   ：准确率 ${pct(three.accuracy)}，macro-F1 ${pct(three.macroF1)}；负面 精确率 ${pct(three.precision.negative!)} 召回率 ${pct(three.recall.negative!)}`);
  console.log(`  基线（全判 ${base}）：准确率 ${pct(threeBase.accuracy)}，macro-F1 ${pct(threeBase.macroF1)}`);
  console.log(`负面 vs 其他：准确率 ${pct(bin.accuracy)}，macro-F1 ${pct(bin.macroF1)}；负面 精确率 ${pct(bin.precision.negative!)} 召回率 ${pct(bin.recall.negative!)}`);
  console.log(`  基线（全判 ${binBaseLabel}）：准确率 ${pct(binBase.accuracy)}，macro-F1 ${pct(binBase.macroF1)}`);
}

console.log(`民声情感/主题评测 — 模型 ${MODEL_VERSION}；数据 ${dataDir}`);
const latencies: number[] = [];
function timedScore(text: string) {
  const t0 = performance.now();
  const s = scoreText(text);
  latencies.push(performance.now() - t0);
  return s;
}

for (const file of ['smp2020_ewect_usual_weibo.jsonl', 'smp2020_ewect_virus_weibo.jsonl']) {
  const rows = readJsonl(file).filter((r) => LABELS.includes(r.label));
  const gold = rows.map((r) => r.label as Label);
  const pred = rows.map((r) => timedScore(r.text).sentiment);
  report(file, gold, pred);
}

const gov = readJsonl('tipdm2020_gov_messages.jsonl');
const goldLabour = gov.map((r) => (r.topic === '劳动和社会保障' ? '人社' : '其他'));
const predLabour = gov.map((r) => {
  const t0 = performance.now();
  const topic = classifyTopic(r.text).topic;
  latencies.push(performance.now() - t0);
  return topic === OTHER_TOPIC ? '其他' : '人社';
});
const topicM = metrics(goldLabour, predLabour, ['人社', '其他']);
const topicBase = metrics(goldLabour, goldLabour.map(() => majority(goldLabour)), ['人社', '其他']);
console.log(`\n## tipdm2020 留言主题：劳动和社会保障 vs 其他部门（${gov.length} 条）`);
console.log(`准确率 ${pct(topicM.accuracy)}，macro-F1 ${pct(topicM.macroF1)}；人社 精确率 ${pct(topicM.precision['人社']!)} 召回率 ${pct(topicM.recall['人社']!)}`);
console.log(`  基线（全判 ${majority(goldLabour)}）：准确率 ${pct(topicBase.accuracy)}，macro-F1 ${pct(topicBase.macroF1)}`);
const govNeg = gov.map((r) => timedScore(r.text));
const labourNeg = govNeg.filter((_, i) => goldLabour[i] === '人社');
console.log(`（参考，无情感标注）劳动和社会保障留言中判为负面的比例：${pct(labourNeg.filter((s) => s.sentiment === 'negative').length / labourNeg.length)}`);

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
console.log(`\n## 每条耗时（${latencies.length} 次）：中位数 ${q(0.5).toFixed(3)} 毫秒，p95 ${q(0.95).toFixed(3)} 毫秒，p99 ${q(0.99).toFixed(3)} 毫秒`);
