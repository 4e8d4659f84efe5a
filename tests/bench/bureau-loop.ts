// The bureau's loop, end to end through the product, on real development letters: posts are analysed and
// stored; duty officers label N of them in the labelling queue (nextToLabel / labelFromQueue, as the console
// does, the labels being ours); `minsheng train --from-triage` runs as its own process; the same running process
// analyses the next posts and takes up the retrained weights on its next run (analysis/weights.ts); those posts,
// once labelled, are held against the scores stored for them (analysis/labelling/label-check.ts, the console's
// 评分在本局标注上的效果). The split is tests/bench/queue-order.ts's: the queue draws from batches 1–10 (5,500
// letters), the next posts are batches 11–13 less every near-copy of a letter in 1–10 (1,416).
// --test: the queue draws from every development batch (1–13, 7,000 letters) and the next posts are the test batch
// (14, letters nobody here has read): the loop on letters unlike any the rules were written from. Like every look at the
// test batch, it prints figures only and is reported as a look.
// Figures only, never texts; the store and the weights live in a temporary directory and are deleted.
//   MINSHENG_SHARED_DATA=/path/to/shared/data node bin/run-ts.mjs tests/bench/bureau-loop.ts [--labels 1000] [--serious-precision 0.75] [--test]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreText } from '../../analysis/index.ts';
import { batchName, loadDevelopment, loadRealSets, formatRealFigures, realFigures, TEST_BATCH, type RealLine } from '../../analysis/corpus/real/real-set.ts';
import { splitAfterBatch } from '../../analysis/corpus/real/groups.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { chooseWeights } from '../../analysis/weights.ts';
import { checkOnLabels } from '../../analysis/labelling/label-check.ts';
import { saveLabel } from '../../analysis/labelling/labels.ts';
import { labelFromQueue, nextToLabel } from '../../site/server/labelling.ts';
import { loadRegion } from '../../config/region.ts';
import { PROJECT_ROOT } from '../../config/paths.ts';
import { openStore, type Store } from '../../store/index.ts';
import type { Topic } from '../../analysis/topic.ts';

const real = loadDevelopment(process.env);
if (!real.ok) {
  console.error(real.reason);
  process.exit(2);
}
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const budget = Number(arg('--labels', '1000'));
const seriousPrecision = arg('--serious-precision', '0.75');
const onTest = process.argv.includes('--test');
const testBatch = onTest ? loadRealSets(process.env).test : null;
if (testBatch && !testBatch.ok) {
  console.error(testBatch.reason);
  process.exit(2);
}
const LAST_TO_LABEL = onTest ? TEST_BATCH - 1 : 10;
const { first, next } = splitAfterBatch(testBatch?.ok ? [...real.lines, ...testBatch.lines] : real.lines, LAST_TO_LABEL);
const span = (a: number, b: number) => `${batchName(a).replace('批', '')}至${batchName(b).replace('第', '')}`;
const firstName = span(1, LAST_TO_LABEL);
const nextName = onTest ? `测试集${batchName(TEST_BATCH)}` : span(LAST_TO_LABEL + 1, TEST_BATCH - 1);

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-bureau-loop-'));
const region = loadRegion();
const noClusters = async () => ({ postsAssigned: 0, clusters: 0 });
const noEvents = async () => new Map<string, string>();
const day = (n: number) => new Date(Date.UTC(2026, 11, n, 9));
const gold = new Map<string, RealLine>();

async function addPosts(store: Store, lines: RealLine[], at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const l of lines) {
    const nl = l.text.indexOf('\n');
    const url = `http://127.0.0.1/real/${l.id}`;
    const { id } = await store.posts.upsert({
      source: '留言板（真实开发数据）',
      url,
      canonicalUrl: url,
      contentHash: l.id,
      title: nl > 0 ? l.text.slice(0, nl) : '',
      body: nl > 0 ? l.text.slice(nl + 1) : l.text,
      author: null,
      publishedAt: null,
      fetchedAt: at.toISOString(),
      district: null,
    });
    gold.set(id, l);
    ids.push(id);
  }
  return ids;
}
const goldLabel = (l: RealLine) => ({ sentiment: l.sentiment, severity: l.severity as 0 | 1 | 2 | 3, topic: l.topic as Topic });

try {
  chooseWeights({ dataDir });
  // what the shipped models make of the next posts, for comparison
  const before = realFigures(
    next,
    next.map((l) => scoreText(l.text)),
  );
  let store = openStore(dataDir);
  await addPosts(store, first, day(1));
  const started = performance.now();
  await analyzeStore(store, { region, now: day(1), cluster: noClusters, events: noEvents });
  console.log(`${firstName} ${first.length} 封入库并评分（${((performance.now() - started) / 1000).toFixed(0)} 秒）`);

  const ctx = { store, actor: 'bench', ip: null };
  let random = 0;
  for (let i = 0; i < budget; i++) {
    const item = await nextToLabel(store, 'bench');
    if (!item) break;
    if (item.pick === 'random') random++;
    await labelFromQueue(ctx, item.post.id, goldLabel(gold.get(item.post.id)!), { at: new Date(day(2).getTime() + i * 1000), pick: item.pick });
  }
  console.log(`标注队列标了 ${budget} 封（其中随机抽到的 ${random} 封）`);
  await store.close();

  const train = spawnSync(process.execPath, ['bin/minsheng.mjs', 'train', '--from-triage', '--data', dataDir, '--serious-precision', seriousPrecision], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MINSHENG_SENTIMENT_WEIGHTS: '' },
  });
  if (train.status !== 0) throw new Error(`minsheng train 失败：${train.stderr}`);
  console.log(`\nminsheng train --from-triage --serious-precision ${seriousPrecision}：\n${train.stdout.trim()}\n`);

  store = openStore(dataDir);
  const nextIds = await addPosts(store, next, day(3));
  const summary = await analyzeStore(store, { region, now: day(3), cluster: noClusters, events: noEvents });
  console.log(`${nextName}（去掉与${firstName}近似的）${next.length} 封入库；这一轮分析换用的权重：${summary.reloaded.join('、') || '无'}`);
  // the bureau labels every one of them afterwards: the check counts each post scored before its label
  for (const [i, id] of nextIds.entries()) {
    await saveLabel(store, { postId: id, ...goldLabel(gold.get(id)!), actor: 'bench', at: new Date(day(4).getTime() + i * 1000).toISOString() });
  }
  const newIds = new Set(nextIds);
  const labels = (await store.labels.list()).filter((l) => newIds.has(l.postId));
  const check = checkOnLabels(labels, await store.scores.getMany(nextIds));
  await store.close();
  console.log(
    formatRealFigures([
      ['项目自带的模型', before],
      ['本局重训后（入库评分对照标注）', check.all!],
    ]),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
