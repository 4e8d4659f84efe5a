// `npm run bench:index`: the embedded search engine (SQLite FTS5 + jieba) against FlexSearch and
// MiniSearch on the same generated Chinese posts and the same jieba tokens.
//
//   node bin/run-ts.mjs tests/bench/index.bench.ts [--posts 200000] [--queries 1000] [--seed 7]
//
// Posts are generated deterministically (seeded templates with 人社 and 达州 vocabulary) into a
// temporary data directory. Each engine indexes all posts (jieba segmentation included in its
// time) and answers the same fixed queries: 1–3 words, every word required, top 20. The embedded
// engine does more per query than its peers (synonym expansion, exact total, reading the posts
// back and highlighting title and snippet); the peers return ids only.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { openStore } from '../../store/index.ts';
import { segment, segmentForSearch } from '../../analysis/segment.ts';
import { EmbeddedSearchEngine } from '../../indexer/embedded.ts';
import { updateIndex } from '../../indexer/index.ts';
import { foldText } from '../../indexer/query.ts';
import { seededRandom } from '../../shared/seeded-random.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '200000' },
    queries: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const POSTS = Number(values.posts);
const QUERIES = Number(values.queries);

// ------------------------------------------------------------------ deterministic generation

const rand = seededRandom(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const DISTRICTS = ['通川区', '达川区', '万源市', '宣汉县', '开江县', '大竹县', '渠县'];
const TOWNS = [
  '东岳镇',
  '北山镇',
  '罗江镇',
  '石梯镇',
  '南外镇',
  '青花镇',
  '白沙镇',
  '东乡镇',
  '普光镇',
  '南坝镇',
  '讲治镇',
  '任市镇',
  '普安镇',
  '庙坝镇',
  '清河镇',
  '三汇镇',
  '土溪镇',
  '有庆镇',
  '李渡镇',
  '黄金镇',
];
const PLACES = [
  '安置房',
  '工业园',
  '物流园',
  '商贸城',
  '电子厂',
  '砖厂',
  '水泥厂',
  '餐馆',
  '超市',
  '酒店',
  '培训学校',
  '建筑工地',
  '服装厂',
  '养殖场',
  '家具厂',
];
const BRANDS = ['宏达', '金桥', '顺达', '渠江', '竹海', '巴山', '启航', '锦华', '川东', '天成', '恒通', '兴隆', '德源', '瑞丰', '新城'];
const TOPICS = [
  {
    title: ['拖欠工资', '欠薪', '讨薪', '工资拖了几个月'],
    body: ['老板拖欠工资已经{n}个月', '包工头说开发商没给钱', '劳务公司和总包互相推诿', '工人们的血汗钱一直没结', '去劳动监察大队反映过'],
  },
  { title: ['社保断缴', '不给交社保', '社保停缴'], body: ['公司从{n}月起停缴社保', '工资条上照扣社保', '想问能不能补缴', '入职一年多没交社会保险'] },
  { title: ['养老金认证', '退休工资调整', '养老金到账'], body: ['养老金这个月没到账', '资格认证刷脸失败', '退休工资今年涨了多少', '城乡居保待遇怎么领'] },
  { title: ['社保卡补办', '社保卡激活', '社保卡丢了'], body: ['社保卡补办{n}周还没拿到', '在银行网点激活不了', '看病不能刷卡', '掌上12333怎么申请'] },
  { title: ['失业金申请', '失业保险金', '领失业金'], body: ['失业金申请被退回', '离职原因不符合', '合同到期不续签能不能领', '网上申请失业保险金'] },
  { title: ['工伤认定', '工伤赔偿', '工伤保险'], body: ['干活时摔伤了腰', '老板不配合工伤认定', '住院{n}天医药费是借的', '伤残等级鉴定要多久'] },
  { title: ['劳动合同', '不签合同', '试用期'], body: ['公司一直不签劳动合同', '试用期定了{n}个月', '能不能要求二倍工资', '被违法解除劳动合同'] },
  { title: ['灵活就业参保', '缴费档次', '缴费基数'], body: ['灵活就业人员怎么交养老保险', '缴费档次选哪个划算', '缴费年限不够怎么办', '跨省转移养老保险'] },
  { title: ['12333打不通', '窗口服务', '办事来回跑'], body: ['12333打了一上午', '窗口互相推', '材料一次说不清', '老人进城一趟不容易'] },
  { title: ['就业补贴', '创业担保贷款', '职业技能培训'], body: ['就业补贴什么时候发', '创业担保贷款怎么申请', '技能培训有没有补助', '农民工返乡创业政策'] },
];
const FILLERS = ['请领导重视', '希望有关部门管一管', '谢谢', '家里老人孩子等着用钱', '真的等不起了', '请问该找哪里', '多次反映没人管', '麻烦尽快答复'];

interface GeneratedPost {
  title: string;
  body: string;
  district: string;
  source: string;
  publishedAt: string;
}

function generatePost(i: number): GeneratedPost {
  const topic = pick(TOPICS);
  const district = pick(DISTRICTS);
  const where = `${district}${pick(TOWNS)}${pick(BRANDS)}${pick(PLACES)}`;
  const n = String(int(2, 12));
  const sentences = Array.from({ length: int(2, 4) }, () => pick(topic.body).replace('{n}', n));
  const body = `我在${where}，${sentences.join('，')}。${pick(FILLERS)}。`;
  const title = `${pick([district, where, ''])}${pick(topic.title)}${pick(['', '的问题', '谁来管', '怎么办'])}`;
  const day = Date.UTC(2025, 0, 1) + Math.floor((i / POSTS) * 300) * 86_400_000 + int(0, 86_399) * 1000;
  return { title, body, district, source: pick(['board', 'forum', 'mayor', '12345']), publishedAt: new Date(day).toISOString() };
}

function generateQueries(count: number): string[] {
  const words = [
    ...DISTRICTS,
    ...TOWNS,
    ...PLACES,
    ...BRANDS,
    '拖欠工资',
    '欠薪',
    '社保',
    '养老金',
    '社保卡',
    '失业金',
    '工伤认定',
    '劳动合同',
    '灵活就业',
    '缴费档次',
    '补缴',
    '认证',
    '激活',
    '包工头',
    '开发商',
    '劳务公司',
    '试用期',
    '退休工资',
    '12333',
    '补办',
    '窗口',
    '培训',
  ];
  return Array.from({ length: count }, () => {
    const k = rand() < 0.5 ? 1 : rand() < 0.8 ? 2 : 3;
    return Array.from({ length: k }, () => pick(words)).join(' ');
  });
}

// ------------------------------------------------------------------ measuring

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  engine: string;
  indexSeconds: number;
  sizeMb: number;
  p50: number;
  p95: number;
  meanHits: number;
}

async function timeQueries(queries: string[], run: (q: string) => Promise<number> | number) {
  for (const q of queries.slice(0, 50)) await run(q); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t = performance.now();
    hits += await run(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), meanHits: hits / queries.length };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const log = (s: string) => process.stderr.write(s + '\n');

const startLoad = loadavg()[0]!.toFixed(2);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-index-'));
  const rows: Row[] = [];
  let facetLine = '';
  try {
    log(`生成 ${POSTS} 条帖子（种子 ${values.seed}）…${values.keep ? `数据目录 ${dir}` : ''}`);
    const posts = Array.from({ length: POSTS }, (_, i) => generatePost(i));
    const queries = generateQueries(QUERIES);

    // ---- embedded
    const store = openStore(dir);
    let t = performance.now();
    for (let i = 0; i < posts.length; i++) {
      const p = posts[i]!;
      const url = `http://127.0.0.1/bench/${i}`;
      await store.posts.upsert({ ...p, url, canonicalUrl: url, contentHash: `bench-${i}`, author: null, fetchedAt: p.publishedAt });
    }
    log(`写入数据库 ${((performance.now() - t) / 1000).toFixed(1)} 秒`);
    const engine = new EmbeddedSearchEngine(store);
    t = performance.now();
    const result = await updateIndex(store, engine, { rebuild: true });
    const embeddedIndexSeconds = (performance.now() - t) / 1000;
    log(`内置引擎索引 ${result.indexed} 条：${embeddedIndexSeconds.toFixed(1)} 秒`);
    const embeddedSize = (await store.fullText.sizeBytes()) / 1e6;
    const embedded = await timeQueries(queries, async (q) => (await engine.search({ q, limit: 20 })).hits.length);
    rows.push({ engine: '内置 SQLite FTS5', indexSeconds: embeddedIndexSeconds, sizeMb: embeddedSize, ...embedded });
    const facetRun = await timeQueries(
      queries.slice(0, 200),
      async (q) => (await engine.search({ q, limit: 20, facets: ['source', 'district', 'topic'] })).hits.length,
    );
    facetLine = `内置引擎带分布统计（来源、区县、主题；前 200 个查询，值班台的用法）：p50 ${ms(facetRun.p50)}，p95 ${ms(facetRun.p95)}`;
    log(facetLine);
    await store.close();

    // ---- shared jieba tokens for the peers (timed once, added to each peer's indexing time)
    t = performance.now();
    const tokens = posts.map((p) => ({ title: segmentForSearch(foldText(p.title)).join(' '), body: segmentForSearch(foldText(p.body)).join(' ') }));
    const tokenSeconds = (performance.now() - t) / 1000;
    const queryTokens = (q: string) => segment(foldText(q)).join(' ');
    log(`jieba 分词（供对照引擎）${tokenSeconds.toFixed(1)} 秒`);

    // ---- MiniSearch
    {
      t = performance.now();
      const mini = new MiniSearch<{ id: number; title: string; body: string }>({
        fields: ['title', 'body'],
        tokenize: (text) => text.split(' ').filter(Boolean),
        processTerm: (term) => term,
        searchOptions: { combineWith: 'AND', boost: { title: 3 }, tokenize: (text) => text.split(' ').filter(Boolean), processTerm: (term) => term },
      });
      mini.addAll(tokens.map((tk, id) => ({ id, ...tk })));
      const seconds = tokenSeconds + (performance.now() - t) / 1000;
      log(`MiniSearch 索引 ${seconds.toFixed(1)} 秒`);
      const size = JSON.stringify(mini).length / 1e6;
      const r = await timeQueries(queries, (q) => mini.search(queryTokens(q)).slice(0, 20).length);
      rows.push({ engine: 'MiniSearch', indexSeconds: seconds, sizeMb: size, ...r });
    }

    // ---- FlexSearch
    {
      t = performance.now();
      const flex = new FlexSearch.Document({
        document: { id: 'id', index: ['title', 'body'] },
        tokenize: 'strict',
        encoder: { split: ' ', normalize: false, dedupe: false },
      } as never) as unknown as {
        add(doc: { id: number; title: string; body: string }): void;
        search(q: string, opts: { limit: number; merge?: boolean }): { id: number }[] | { result: number[] }[];
        export(handler: (key: string, data: string) => void): void;
      };
      tokens.forEach((tk, id) => flex.add({ id, ...tk }));
      const seconds = tokenSeconds + (performance.now() - t) / 1000;
      log(`FlexSearch 索引 ${seconds.toFixed(1)} 秒`);
      let size = 0;
      flex.export((_key, data) => {
        size += data ? String(data).length : 0;
      });
      const r = await timeQueries(queries, (q) => flex.search(queryTokens(q), { limit: 20, merge: true }).slice(0, 20).length);
      rows.push({ engine: 'FlexSearch', indexSeconds: seconds, sizeMb: size / 1e6, ...r });
    }
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }

  const base = rows[0]!;
  console.log(`\n${POSTS} 条帖子，${QUERIES} 个查询（1–3 个词，全部命中，前 20 条）`);
  console.log(`机器：${cpus().length} 核；开始时负载 ${startLoad}，结束时 ${loadavg()[0]!.toFixed(2)}（大于核数说明有别的进程在抢 CPU，数字偏慢）`);
  console.log('| 引擎 | 建索引 | 索引大小 | p50 | p95 | 平均命中 | p95 倍数（对方/内置） |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.indexSeconds.toFixed(1)} 秒 | ${r.sizeMb.toFixed(1)} MB | ${ms(r.p50)} | ${ms(r.p95)} | ${r.meanHits.toFixed(1)} | ${(r.p95 / base.p95).toFixed(2)}× |`,
    );
  }
  console.log(facetLine);
}

await main();
