// Disk per 100,000 posts on the SQLite store, for the sizing page of deploy/README.md:
//   node bin/run-ts.mjs deploy/measure-disk.ts [--posts 100000] [--batch 5000] [--data DIR] [--keep]
// Loads generated posts through the store (as the crawler does), runs the analysis (scores,
// clusters, alerts) and the embedded index, then reports the database file and each table's share
// (SQLite's dbstat). Posts are assembled from phrase pools with a fixed seed, so every run writes
// the same text; their length is chosen so the mean (title + body) is close to the real 留言板
// letters' (about 360 characters), which is what makes the posts table large.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openStore } from '../store/index.ts';
import type { PostInput } from '../store/types.ts';
import { loadRegion } from '../config/region.ts';
import { analyzeStore } from '../analysis/pipeline.ts';
import { EmbeddedSearchEngine, updateIndex } from '../indexer/index.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, batch: { type: 'string' }, data: { type: 'string' }, keep: { type: 'boolean' } } });
const N = Number(values.posts ?? 100_000);
const BATCH = Number(values.batch ?? 5_000);
if (!Number.isInteger(N) || N <= 0) throw new Error(`--posts 应为正整数，收到 ${values.posts}`);
if (!Number.isInteger(BATCH) || BATCH <= 0) throw new Error(`--batch 应为正整数，收到 ${values.batch}`);
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'minsheng-disk-'));

// mulberry32: a small seeded generator, so the text is the same on every run.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261206);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

const region = loadRegion();
const DISTRICTS = region.districts.map((d) => d.name);
const SUBJECTS = [
  '工资',
  '社保',
  '养老金',
  '失业保险金',
  '工伤待遇',
  '医保报销',
  '社保卡',
  '技能补贴',
  '就业补贴',
  '劳动合同',
  '加班费',
  '退休手续',
  '灵活就业参保',
  '城乡居民养老保险',
  '生育津贴',
  '公益性岗位补贴',
  '创业担保贷款',
  '职称评审',
  '档案转移',
  '高温补贴',
];
const WHO = [
  '我们工地',
  '我所在的公司',
  '我父亲',
  '厂里几十个工人',
  '我爱人',
  '本村的几户人家',
  '我们单位',
  '一家餐馆的员工',
  '物流公司的司机',
  '环卫工人',
  '我母亲',
  '我们班组',
  '学校的代课老师',
  '超市的收银员',
  '小区的保安',
];
const PROBLEMS = [
  '一直没有发放',
  '被拖了好几个月',
  '办了很久还没办下来',
  '窗口说材料不全',
  '网上系统总是提示错误',
  '不知道该找哪个部门',
  '打电话一直没人接',
  '数额和政策说的不一样',
  '被告知要回原籍办理',
  '申请后没有任何回复',
  '被扣了一部分',
  '停发了半年',
];
// Sentences are assembled word by word from independent pools, with made-up place and company
// names, so two generated letters share few character 3-grams and few rare keywords, as two real
// letters about different matters do; otherwise the near-duplicate clustering would (rightly)
// merge them and the figures would describe one giant cluster.
const WHEN = ['去年', '今年初', '上个月', '前年底', '春节前', '三月份', '国庆以后', '从入职起', '签合同时', '最近半年'];
const ACTOR = ['老板', '项目经理', '包工头', '人事部门', '经办窗口', '街道办', '镇政府', '社区', '劳务公司', '财务', '分管领导', '客服'];
const ACT = ['答应', '承诺', '口头说', '书面通知', '当面表示', '在群里说', '打电话说', '发短信告诉我们'];
const THEN = ['月底前结清', '下周处理', '等上级批复', '先回去等消息', '走程序需要时间', '材料要重新交', '钱已经拨下去了', '要找原单位开证明'];
const BUT = [
  '结果到现在也没有兑现',
  '但是一直拖着',
  '可是再去问就推给别人',
  '后来电话也不接了',
  '过了期限还是老样子',
  '到现在一分钱也没见到',
  '但系统里查不到记录',
  '结果又让补交材料',
];
const ASK = [
  '请问我们应该怎么办',
  '希望有关部门尽快核实',
  '恳请领导督促处理',
  '想知道具体的办理流程',
  '请告诉我们去哪里办',
  '希望能给个明确答复',
  '请依法维护我们的权益',
  '麻烦帮忙查一下进度',
];
const HAN =
  '安宝北昌成城达德东丰福富光广国海和河红宏华佳建江金锦晶京康兰乐力利联林龙隆美明南宁平浦千强庆荣瑞润山盛胜石顺泰天通万伟文祥新信兴鑫旭阳永友裕元源远悦云泽振正中众竹卓';
const name = (n: number) => Array.from({ length: n }, () => HAN[Math.floor(random() * HAN.length)]).join('');
const PLACE = () => `${name(2)}${pick(['镇', '乡', '村', '社区', '街道'])}`;
const FIRM = () => `${name(2)}${pick(['劳务公司', '建筑公司', '物业公司', '食品厂', '服装厂', '商贸公司', '砖厂', '物流园'])}`;
const num = (lo: number, hi: number) => String(lo + Math.floor(random() * (hi - lo)));

function sentence(): string {
  switch (Math.floor(random() * 5)) {
    case 0:
      return `${pick(WHEN)}${pick(ACTOR)}${pick(ACT)}${pick(THEN)}，${pick(BUT)}。`;
    case 1:
      return `我在${PLACE()}的${FIRM()}干了${num(1, 15)}年，${pick(SUBJECTS)}${pick(PROBLEMS)}。`;
    case 2:
      return `涉及${num(2, 90)}个人，金额大约${num(1, 60)}万${num(1, 9)}千元，${pick(BUT)}。`;
    case 3:
      return `${num(2022, 2027)}年${num(1, 13)}月${num(1, 29)}日去${PLACE()}办事，${pick(ACTOR)}${pick(ACT)}${pick(THEN)}。`;
    default:
      return `${pick(ASK)}。`;
  }
}

function post(i: number): PostInput {
  const district = pick(DISTRICTS);
  const subject = pick(SUBJECTS);
  const title = `${district}${PLACE()}${pick(WHO)}的${subject}${pick(PROBLEMS)}`;
  // Body lengths: 40% short (about 60–150 characters, forum style), 60% letters (about 250–800).
  const target = random() < 0.4 ? 60 + random() * 90 : 250 + random() * 550;
  let body = `${pick(['尊敬的领导：', '您好，', '', '各位领导好，'])}${pick(WHO)}的${subject}${pick(PROBLEMS)}。`;
  while (body.length < target) body += sentence();
  const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i / N) * 330 * 86_400_000));
  const url = `https://board.example.gov.cn/message/${i}`;
  return {
    source: i % 3 === 0 ? 'forum' : 'board',
    url,
    canonicalUrl: url,
    contentHash: `synthetic-${i}`,
    title,
    body,
    author: null,
    publishedAt: day.toISOString().replace('Z', '+00:00'),
    fetchedAt: day.toISOString(),
    district,
  };
}

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
