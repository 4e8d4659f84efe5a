// Prints the threshold grid on the labelled posts (the table in analysis/dedupe/README.md):
//   node bin/run-ts.mjs analysis/dedupe/evaluate-cli.ts
import { computeFeatures, DEFAULT_DEDUPE_CONFIG } from './cluster.ts';
import { evaluateThresholds, thresholdGrid } from './evaluate.ts';
import { LABELLED_POSTS, labelledPairs } from './labelled.ts';

const features = computeFeatures([...LABELLED_POSTS], DEFAULT_DEDUPE_CONFIG);
const pairs = labelledPairs();
const positives = pairs.filter((p) => p.same).length;
console.log(
  `${LABELLED_POSTS.length} 帖，${pairs.length} 对（同一事件 ${positives} 对，同主题不同事件 ${pairs.filter((p) => !p.same && p.sameTopic).length} 对）`,
);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log('| 字面 Jaccard ≥ | 共享关键词权重 ≥ | 关键词加权 Jaccard ≥ | 成对 P | 成对 R | 改写 R | 同主题误并 | 聚类后 P | 聚类后 R | 聚类后同主题误并 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const t of thresholdGrid()) {
  const e = evaluateThresholds(t, LABELLED_POSTS, features);
  const fmt = (x: number) => (Number.isFinite(x) ? String(x) : '—');
  console.log(
    `| ${t.nearThreshold} | ${fmt(t.sharedWeightThreshold)} | ${fmt(t.keyTermThreshold)} | ${pct(e.pairs.precision)} | ${pct(e.pairs.recall)} | ${pct(e.pairs.rewordedRecall)} | ${e.pairs.hardFalsePositives} | ${pct(e.clusters.precision)} | ${pct(e.clusters.recall)} | ${e.clusters.hardFalsePositives} |`,
  );
}
