// Disk per 100,000 posts on the SQLite store, for the sizing page of deploy/README.md:
//   node bin/run-ts.mjs deploy/measure-disk.ts [--posts 100000] [--batch 5000] [--data DIR] [--keep]
// Loads generated posts through the store (as the crawler does), runs the analysis (scores,
// clusters, alerts) and the embedded index, then reports the database file and each table's share
// (SQLite's dbstat). Posts come from deploy/generated-posts.ts (fixed seed, same text every run).
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openStore } from '../store/index.ts';
import { loadRegion } from '../config/region.ts';
import { analyzeStore } from '../analysis/pipeline.ts';
import { EmbeddedSearchEngine, updateIndex } from '../indexer/index.ts';
import { postGenerator } from './generated-posts.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, batch: { type: 'string' }, data: { type: 'string' }, keep: { type: 'boolean' } } });
const N = Number(values.posts ?? 100_000);
const BATCH = Number(values.batch ?? 5_000);
if (!Number.isInteger(N) || N <= 0) throw new Error(`--posts 应为正整数，收到 ${values.posts}`);
if (!Number.isInteger(BATCH) || BATCH <= 0) throw new Error(`--batch 应为正整数，收到 ${values.batch}`);
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'minsheng-disk-'));

const region = loadRegion();
const post = postGenerator(region, N);

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
// CPU seconds (user + system) of this process: on a shared machine wall time mostly measures the neighbours.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

// Loaded and analysed in batches in time order, as the cluster tick does every few minutes: one
// analysis of 100,000 new posts at once stops in the near-duplicate clustering (its set of
// candidate pairs outgrows a JavaScript Set), see deploy/README.md.
const store = openStore(dataDir);
let chars = 0;
let insertSeconds = 0;
let analyzeSeconds = 0;
let analyzeCpu = 0;
const totals = { scored: 0, raised: 0 };
for (let from = 0; from < N; from += BATCH) {
  let t = performance.now();
  for (let i = from; i < Math.min(N, from + BATCH); i++) {
    const p = post(i);
    chars += p.title.length + p.body.length;
    await store.posts.upsert(p);
  }
  insertSeconds += (performance.now() - t) / 1000;
  t = performance.now();
  const cpu = process.cpuUsage();
  // The clock of the analysis: the day after the batch's last post.
  const now = new Date(Date.UTC(2026, 0, 2) + Math.floor((Math.min(N, from + BATCH) / N) * 330 * 86_400_000));
  const analysis = await analyzeStore(store, { region, now });
  analyzeSeconds += (performance.now() - t) / 1000;
  analyzeCpu += cpuSeconds(cpu);
  totals.scored += analysis.scored;
  totals.raised += analysis.alerts.raised;
  console.log(`  第 ${from / BATCH + 1} 批：评分 ${analysis.scored} 条，预警新增 ${analysis.alerts.raised}`);
}
console.log(`入库 ${N.toLocaleString('en-US')} 条（平均 ${(chars / N).toFixed(0)} 字），用时 ${insertSeconds.toFixed(1)} 秒`);
console.log(
  `分析（评分、聚类、预警，即 minsheng analyze，每批 ${BATCH.toLocaleString('en-US')} 条）：评分 ${totals.scored} 条，预警新增 ${totals.raised}；` +
    `用时 ${analyzeSeconds.toFixed(1)} 秒（${(totals.scored / analyzeSeconds).toFixed(0)} 条/秒），` +
    `CPU ${analyzeCpu.toFixed(1)} 秒（${(totals.scored / analyzeCpu).toFixed(0)} 条/CPU 秒）`,
);

const t = performance.now();
const indexed = await updateIndex(store, new EmbeddedSearchEngine(store));
console.log(`内置索引：写入 ${indexed.indexed} 条，用时 ${seconds(t)} 秒`);
await store.close();

// Closing the last connection checkpoints the WAL into the main file, so the file is the whole size.
const file = join(dataDir, 'minsheng.sqlite');
const wal = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
const total = statSync(file).size;
const db = new Database(file, { readonly: true });
const tables = db
  .prepare(`SELECT s.tbl_name AS name, SUM(d.pgsize) AS bytes FROM dbstat d JOIN sqlite_schema s ON s.name = d.name GROUP BY s.tbl_name`)
  .all() as { name: string; bytes: number }[];
db.close();
// A table counts with its own indexes; the embedded search index is several search_* tables.
const group = (name: string) => (name.startsWith('search_') ? '搜索索引（search_*）' : name);
const groups = new Map<string, number>();
for (const r of tables) groups.set(group(r.name), (groups.get(group(r.name)) ?? 0) + r.bytes);

console.log(`\n数据库文件 ${mb(total)} MB（WAL ${mb(wal)} MB），每条帖子 ${(total / N).toFixed(0)} 字节`);
for (const [name, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${name.padEnd(24)} ${mb(bytes).padStart(8)} MB`);
console.log(`按此外推（线性，未实测）：每 100 万条约 ${(((total / N) * 1e6) / 1024 / 1024 / 1024).toFixed(2)} GB`);

if (values.keep || values.data) console.log(`数据目录：${dataDir}`);
else rmSync(dataDir, { recursive: true, force: true });
