// `npm run bench:scale` (store part of issue 18 item 7): a store of N generated posts on SQLite and
// on a throwaway PostgreSQL, loaded side by side in this one run, then on each:
//  - `--ticks` ticks of `minsheng analyze` (analyzeStore, what the command runs) over `--tick` new
//    posts each with N already stored: the first cold, as a fresh process; the next ones in the
//    same process, as a worker's following ticks (its per-text memo warm, analysis/text-memo.ts).
//    Wall time, and CPU time of this process plus, for PostgreSQL, of the server's processes
//    (read from /proc: the server does part of the work); and the index update after each tick;
//  - search p95 over a fixed set of Chinese queries (the embedded search: FTS5 on SQLite, jieba
//    tokens in a tsvector on PostgreSQL), the same queries on both;
//  - disk per million posts (SQLite: the database file; PostgreSQL: pg_database_size, less the
//    size of the empty migrated database).
// PostgreSQL/SQLite ratios come from this same run.
//
// "Already analysed as a running system would have them": the stored posts carry the real scorer's
// scores (computed once, written to both stores; past `--scored` posts, those scores reused in
// turn), their district, a cluster each (the generated
// letters are built to share no incident), and the embedded search index. Loading goes through
// the store's bulk paths (posts.upsertMany, scores.saveMany, clusters.assign, the indexer).
//
//   node bin/run-ts.mjs tests/bench/scale-store.bench.ts [--posts 1000000] [--tick 2000] [--ticks 2] [--days 365] [--only sqlite|postgres]
//   (`--days` sets the density: 100,000 posts over 37 days fill the 14-day window as a million a year do)
import { readdirSync, readFileSync, mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openStore, type Store } from '../../store/index.ts';
import type { PostInput, Score } from '../../store/types.ts';
import { loadRegion } from '../../config/region.ts';
import { modelVersion, scoreText } from '../../analysis/index.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { clearTextMemos } from '../../analysis/text-memo.ts';
import { createNotifier } from '../../analysis/notify/index.ts';
import { EmbeddedSearchEngine, updateIndex } from '../../indexer/index.ts';
import { postGenerator } from '../../deploy/generated-posts.ts';
import startPostgres from '../helpers/postgres.global.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    tick: { type: 'string', default: '2000' },
    days: { type: 'string', default: '365' },
    batch: { type: 'string', default: '5000' },
    // Posts scored for real while loading; later ones reuse these scores in turn (scoring a million
    // posts takes over an hour of CPU on this machine). The tick's posts are always scored for real.
    scored: { type: 'string', default: '20000' },
    // Ticks measured one after another in this process: the first as a fresh `minsheng analyze`,
    // the next ones as a long-running worker's (`worker --tick`) following ticks.
    ticks: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const N = Number(values.posts);
const TICK = Number(values.tick);
const DAYS = Number(values.days);
const BATCH = Number(values.batch);
const SCORED = Number(values.scored);
const TICK_COUNT = Number(values.ticks);
for (const [flag, v] of [
  ['--scored', SCORED],
  ['--ticks', TICK_COUNT],
  ['--posts', N],
  ['--tick', TICK],
  ['--days', DAYS],
  ['--batch', BATCH],
] as const)
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} 应为正整数，收到 ${v}`);
if (values.only && values.only !== 'sqlite' && values.only !== 'postgres') throw new Error(`--only 应为 sqlite 或 postgres，收到 ${values.only}`);
const KINDS = (['sqlite', 'postgres'] as const).filter((k) => !values.only || values.only === k);
type Kind = (typeof KINDS)[number];

// Fixed queries: what a duty officer types, from one word to three, over the generated vocabulary
// (subjects, problems, districts, offices) and a few words the posts do not contain.
const QUERIES = [
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
  '灵活就业',
  '城乡居民养老保险',
  '生育津贴',
  '公益性岗位',
  '创业担保贷款',
  '职称评审',
  '档案转移',
  '高温补贴',
  '拖欠工资',
  '工资 拖欠',
  '养老金 停发',
  '社保卡 补办',
  '工伤 认定',
  '医保 报销 材料',
  '劳务公司 欠薪',
  '建筑公司 工资',
  '包工头 跑路',
  '窗口 材料不全',
  '系统 提示错误',
  '打电话 没人接',
  '回原籍 办理',
  '通川区 社保',
  '达川区 工资',
  '万源市 养老金',
  '宣汉县 失业保险金',
  '开江县 医保报销',
  '大竹县 劳动合同',
  '渠县 加班费',
  '经办窗口',
  '街道办 社区',
  '人事部门 答复',
  '项目经理 承诺',
  '月底前结清',
  '上级批复',
  '原单位 证明',
  '权益 维护',
  '办理流程',
  '明确答复',
  '进度 查询',
  '环卫工人',
  '代课老师',
  '物流公司 司机',
  '超市 收银员',
  '小区 保安',
  '食品厂 工人',
  '服装厂 工资',
  '欠薪 讨薪',
  '公积金',
  '住房补贴 申请',
  '失业登记',
];

const region = loadRegion();
const notify = createNotifier({ channels: [], log: () => {} });
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

// ------------------------------------------------------------------ PostgreSQL server CPU

const TICKS = 100; // USER_HZ on Linux
/** CPU seconds used so far by the server whose command line has `-p port`, its live children, and its reaped ones. */
function serverCpuSeconds(port: number): number {
  const stat = (pid: string) => {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  };
  let postmaster: string | undefined;
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  for (const pid of procs) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('postgres') && cmd.includes(String(port)) && cmd.includes('-p')) postmaster = pid;
    } catch {
      // gone meanwhile
    }
  }
  if (!postmaster) return NaN;
  // stat fields (from the state, field 3): ppid 4, utime 14, stime 15, cutime 16, cstime 17.
  const own = stat(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of procs) {
    try {
      const s = stat(pid);
      if (s[1] === postmaster) ticks += Number(s[11]) + Number(s[12]);
    } catch {
      // gone meanwhile (then counted in the server's cutime)
    }
  }
  return ticks / TICKS;
}

// ------------------------------------------------------------------ stores

interface Target {
  kind: Kind;
  store: Store;
  /** Bytes of the stored data, read after the store is closed (SQLite) or live (PostgreSQL). */
  size(): Promise<number>;
  emptySize: number;
  serverCpu(): number;
  close(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-scale-store-'));
  const file = join(dir, 'minsheng.sqlite');
  const fileBytes = () => [file, `${file}-wal`].filter((f) => existsSync(f)).reduce((n, f) => n + statSync(f).size, 0);
  let store = openStore(dir);
  await store.migrations();
  await store.close();
  const emptySize = fileBytes();
  store = openStore(dir);
  return {
    kind: 'sqlite',
    get store() {
      return store;
    },
    async size() {
      // Closing checkpoints the WAL into the file, so the file alone is the whole size.
      await store.close();
      const bytes = fileBytes();
      store = openStore(dir);
      return bytes;
    },
    emptySize,
    serverCpu: () => 0,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<Target> {
  let provided: { url: string } | { skip: string } | undefined;
  const stop = await startPostgres({ provide: (_key: string, value: typeof provided) => (provided = value) } as unknown as TestProject);
  if (!provided || 'skip' in provided) throw new Error(`无法启动 PostgreSQL：${provided && 'skip' in provided ? provided.skip : '未知原因'}`);
  const url = provided.url;
  const port = Number(new URL(url).port);
  // With a database URL the data directory is not used.
  const store = openStore(tmpdir(), { databaseUrl: url });
  await store.migrations();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const size = async () => Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  const emptySize = await size();
  return {
    kind: 'postgres',
    store,
    size,
    emptySize,
    serverCpu: () => serverCpuSeconds(port),
    async close() {
      await client.end();
      await store.close();
      await stop?.();
    },
  };
}

// ------------------------------------------------------------------ load

/** N posts as a running system holds them; the tick's posts come after, unscored and unclustered. */
async function loadAll(targets: Target[], post: (i: number) => PostInput) {
  const seconds = new Map<Kind, number>(targets.map((t) => [t.kind, 0]));
  let scoring = 0;
  const sample: ReturnType<typeof scoreText>[] = [];
  for (let from = 0; from < N; from += BATCH) {
    const posts = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => post(from + k));
    const t0 = performance.now();
    const scored = posts.map((p, k) => {
      const i = from + k;
      if (i < SCORED) sample.push(scoreText(`${p.title}\n${p.body}`));
      return sample[i % SCORED]!;
    });
    scoring += (performance.now() - t0) / 1000;
    for (const t of targets) {
      const started = performance.now();
      const ids = (await t.store.posts.upsertMany(posts)).map((r) => r.id);
      const at = new Date().toISOString();
      await t.store.scores.saveMany(ids.map((postId, k): Score => ({ ...scored[k]!, postId, model: modelVersion(), scoredAt: at })));
      await t.store.clusters.assign(ids.map((postId) => ({ postId, clusterId: postId })));
      seconds.set(t.kind, seconds.get(t.kind)! + (performance.now() - started) / 1000);
    }
    if ((from / BATCH) % 20 === 0 || from + BATCH >= N)
      log(
        `载入 ${fmt(Math.min(N, from + BATCH), 0)} / ${fmt(N, 0)}；评分 ${fmt(scoring)} 秒；${targets.map((t) => `${t.kind} 写入 ${fmt(seconds.get(t.kind)!)} 秒`).join('；')}；负载 ${load()}`,
      );
  }
  return { seconds, scoring };
}

// ------------------------------------------------------------------ measurements

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function searchTimes(engine: EmbeddedSearchEngine): Promise<{ p50: number; p95: number; hits: number }> {
  // One round to load the filter columns and warm the caches, then three timed rounds.
  let hits = 0;
  for (const q of QUERIES) hits += (await engine.search({ q, limit: 20 })).total;
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await engine.search({ q, limit: 20 });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits };
}

interface Tick {
  wall: number;
  cpu: number;
  serverCpu: number;
  /** The incremental index update after the tick. */
  index: number;
}

interface Result {
  load: number;
  index: number;
  ticks: Tick[];
  p50: number;
  p95: number;
  hits: number;
  bytes: number;
}

async function measure(t: Target, ticks: PostInput[][], now: Date, loadSeconds: number): Promise<Result> {
  const engine = new EmbeddedSearchEngine(t.store);
  let started = performance.now();
  await updateIndex(t.store, engine);
  await engine.compact?.();
  const index = (performance.now() - started) / 1000;
  log(`${t.kind}：索引 ${fmt(index)} 秒；负载 ${load()}`);

  // Each store's first tick starts cold, as a fresh process would, not warmed by the other store's.
  clearTextMemos();
  const measured: Tick[] = [];
  for (const [k, tickPosts] of ticks.entries()) {
    await t.store.posts.upsertMany(tickPosts);
    const cpu = process.cpuUsage();
    const server = t.serverCpu();
    started = performance.now();
    const summary = await analyzeStore(t.store, { region, now, notify });
    const wall = (performance.now() - started) / 1000;
    const tick = { wall, cpu: cpuSeconds(cpu), serverCpu: t.serverCpu() - server, index: 0 };
    log(
      `${t.kind}：第 ${k + 1} 轮分析 ${fmt(wall)} 秒（评分 ${summary.scored}，多帖聚类 ${summary.clusters}，新预警 ${summary.alerts.raised}）；负载 ${load()}`,
    );
    if (summary.scored !== tickPosts.length) throw new Error(`${t.kind}：第 ${k + 1} 轮应评分 ${tickPosts.length} 条，实际 ${summary.scored}`);
    // The new posts searchable too, as the pipeline's tick does after analysis. Timed: it reads
    // every stored post to find the changed ones, so it grows with the store, not with the tick.
    started = performance.now();
    await updateIndex(t.store, engine);
    tick.index = (performance.now() - started) / 1000;
    log(`${t.kind}：第 ${k + 1} 轮后增量索引 ${fmt(tick.index)} 秒；负载 ${load()}`);
    measured.push(tick);
  }

  const search = await searchTimes(engine);
  const bytes = (await t.size()) - t.emptySize;
  return { load: loadSeconds, index, ticks: measured, ...search, bytes };
}

// ------------------------------------------------------------------ run

const TOTAL = N + TICK * TICK_COUNT;
const post = postGenerator(region, TOTAL, { start: Date.UTC(2026, 0, 1), days: DAYS });
// The tick's posts are the generator's last ones: dated after every stored post.
const nowMs = Date.UTC(2026, 0, 1) + DAYS * 86_400_000 + 3_600_000;
log(`开始：${fmt(N, 0)} 条帖子、${TICK_COUNT} 轮各 ${fmt(TICK, 0)} 条新帖，分布在 ${DAYS} 天；${cpus().length} 核；负载 ${load()}`);
const targets: Target[] = [];
// Stopped by hand (a million posts take hours here): still stop the PostgreSQL cluster and remove the files.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`收到 ${signal}，清理后退出`);
    setTimeout(() => process.exit(130), 30_000).unref();
    void Promise.allSettled(targets.map((t) => t.close())).then(() => process.exit(130));
  });
}
try {
  for (const kind of KINDS) targets.push(kind === 'sqlite' ? await sqliteTarget() : await postgresTarget());
  const loaded = await loadAll(targets, post);
  const ticks = Array.from({ length: TICK_COUNT }, (_, j) => Array.from({ length: TICK }, (_, k) => post(N + j * TICK + k)));
  const results = new Map<Kind, Result>();
  for (const t of targets) results.set(t.kind, await measure(t, ticks, new Date(nowMs), loaded.seconds.get(t.kind)!));

  console.log(
    `\n${fmt(N, 0)} 条生成帖子（${DAYS} 天），${TICK_COUNT} 轮各 ${fmt(TICK, 0)} 条新帖；载入时评分 ${fmt(Math.min(N, SCORED), 0)} 条（两库共用，${fmt(loaded.scoring)} 秒）；结束时负载 ${load()}\n`,
  );
  type Row = [string, (r: Result) => string, (a: Result, b: Result) => number];
  const rows: Row[] = [
    ['载入（批量写帖子、评分、聚类）秒', (r) => fmt(r.load), (a, b) => a.load / b.load],
    ['建内置索引 秒', (r) => fmt(r.index), (a, b) => a.index / b.index],
    ...Array.from({ length: TICK_COUNT }, (_, k): Row[] => {
      const name = k === 0 ? 'analyze 第 1 轮（新进程）' : `analyze 第 ${k + 1} 轮（同一进程）`;
      return [
        [`${name} 墙钟 秒`, (r) => fmt(r.ticks[k]!.wall), (a, b) => a.ticks[k]!.wall / b.ticks[k]!.wall],
        [`${name} 本进程 CPU 秒`, (r) => fmt(r.ticks[k]!.cpu), (a, b) => a.ticks[k]!.cpu / b.ticks[k]!.cpu],
        [`${name} 数据库服务器 CPU 秒`, (r) => fmt(r.ticks[k]!.serverCpu), () => NaN],
        [`第 ${k + 1} 轮后增量索引 墙钟 秒`, (r) => fmt(r.ticks[k]!.index), (a, b) => a.ticks[k]!.index / b.ticks[k]!.index],
      ];
    }).flat(),
    ['搜索 p50 毫秒', (r) => fmt(r.p50), (a, b) => a.p50 / b.p50],
    ['搜索 p95 毫秒', (r) => fmt(r.p95), (a, b) => a.p95 / b.p95],
    ['搜索命中合计（两库应相近）', (r) => fmt(r.hits, 0), (a, b) => a.hits / b.hits],
    ['磁盘 MB（本次）', (r) => fmt(r.bytes / 1024 / 1024), (a, b) => a.bytes / b.bytes],
    ['磁盘 GB/百万条', (r) => fmt(((r.bytes / TOTAL) * 1e6) / 1024 ** 3, 2), (a, b) => a.bytes / b.bytes],
  ];
  const [sq, pgr] = [results.get('sqlite'), results.get('postgres')];
  console.log(`| 项目 | ${KINDS.join(' | ')}${sq && pgr ? ' | PostgreSQL/SQLite' : ''} |`);
  console.log(`|---|${KINDS.map(() => '---|').join('')}${sq && pgr ? '---|' : ''}`);
  for (const [label, show, ratio] of rows) {
    const cells = KINDS.map((k) => show(results.get(k)!));
    const r = sq && pgr ? ratio(pgr, sq) : NaN;
    console.log(`| ${label} | ${cells.join(' | ')}${sq && pgr ? ` | ${Number.isFinite(r) ? r.toFixed(2) : '—'}` : ''} |`);
  }
} finally {
  for (const t of targets) await t.close();
}
