// `npm run bench:scale` (worker part of issue 18 item 7): one vs three `minsheng worker --once`
// processes on a local board of 2,000 posts spread over several hosts (127.0.0.1, one port each),
// every host limited to `--per-second` requests. Both runs happen here, one after the other, on an
// empty data directory each, so the ratio compares like with like on this machine at this moment.
// Then three workers again, one killed with SIGKILL once a third of the posts are in: the two left
// finish the round (after the dead worker's leases lapse) and every post must be stored once.
//
// Politeness is measured on the servers' own log of arrival times: the smallest gap between two
// requests to one host, against the configured interval.
//
// Everything runs once per store: SQLite (the data directory) and PostgreSQL (DATABASE_URL when
// set, else a throwaway local cluster started as the test tiers start theirs; a new schema per run).
//
//   node bin/run-ts.mjs tests/bench/scale.bench.ts [--posts 2000] [--hosts 12] [--per-second 10] [--lanes 4] [--latency 0,150] [--store sqlite,postgres] [--skip-kill]
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { openStore } from '../../store/index.ts';
import startPostgres from '../helpers/postgres.global.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '2000' },
    hosts: { type: 'string', default: '12' },
    'per-second': { type: 'string', default: '10' },
    lanes: { type: 'string', default: '4' },
    // Server think time per response, one run pair per value: 0 is this machine's loopback, 150 ms
    // is closer to a real board on the internet.
    latency: { type: 'string', default: '0,150' },
    store: { type: 'string', default: 'sqlite,postgres' },
    'skip-kill': { type: 'boolean', default: false },
  },
});
const POSTS = Number(values.posts);
const HOSTS = Number(values.hosts);
const PER_SECOND = Number(values['per-second']);
const LANES = Number(values.lanes);
const LATENCIES = String(values.latency).split(',').map(Number);
const PER_PAGE = 25;
const INTERVAL_MS = 1000 / PER_SECOND;
const ROOT = join(import.meta.dirname, '..', '..');
const STORES = String(values.store).split(',') as ('sqlite' | 'postgres')[];

/** Where a run's store lives: a data directory (SQLite) or also a PostgreSQL schema of its own. */
interface Place {
  data: string;
  databaseUrl?: string;
}

let postgresBase: string | null = null;
let stopPostgres: (() => Promise<void>) | undefined;
/** A new, empty schema on the PostgreSQL server: the URL whose connections use it. */
async function freshSchema(): Promise<string> {
  if (!postgresBase) {
    if (process.env.DATABASE_URL) postgresBase = process.env.DATABASE_URL;
    else {
      let provided: { url: string } | { skip: string } | undefined;
      const teardown = await startPostgres({ provide: (_: string, v: typeof provided) => (provided = v) } as unknown as Parameters<typeof startPostgres>[0]);
      stopPostgres = teardown ?? undefined;
      if (!provided || 'skip' in provided) throw new Error(`没有 PostgreSQL：${provided && 'skip' in provided ? provided.skip : '未知原因'}`);
      postgresBase = provided.url;
    }
  }
  const schema = `scale_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: postgresBase });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(postgresBase);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
const open = (place: Place) => openStore(place.data, { databaseUrl: place.databaseUrl });

interface Host {
  url: string;
  id: string;
  arrivals: number[];
  paths: Map<string, number>;
  close(): Promise<void>;
}

/** One host of the board: posts 1..count (newest first), `PER_PAGE` per list page, answering after `latencyMs`. */
async function startHost(index: number, count: number, latencyMs: number): Promise<Host> {
  const arrivals: number[] = [];
  const paths = new Map<string, number>();
  const pages = Math.ceil(count / PER_PAGE);
  const server = http.createServer((req, res) => {
    arrivals.push(Date.now());
    if (latencyMs > 0) setTimeout(() => respond(req, res), latencyMs);
    else respond(req, res);
  });
  function respond(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    paths.set(url.pathname + url.search, (paths.get(url.pathname + url.search) ?? 0) + 1);
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    let body: string | null = null;
    if (url.pathname === '/board/list') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const top = count - (page - 1) * PER_PAGE;
      const items: string[] = [];
      for (let i = top; i > Math.max(0, top - PER_PAGE); i--) items.push(`<li><a class="title" href="/board/post/${i}">第 ${index} 站留言 ${i}</a></li>`);
      const next = page < pages ? `<a class="next" href="/board/list?page=${page + 1}">下一页</a>` : '';
      body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>留言列表</title></head><body><ul class="threads">${items.join('')}</ul>${next}</body></html>`;
    }
    const m = /^\/board\/post\/(\d+)$/.exec(url.pathname);
    if (m) {
      const i = Number(m[1]);
      const text = `第 ${index} 个留言板第 ${i} 条：单位未按规定缴纳养老保险，多次反映无果，请问应该怎么办？`.repeat(4);
      body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>留言 ${i}</title></head><body><h1>站 ${index} 留言 ${i}</h1><div class="meta"><time>2025年9月${(i % 28) + 1}日 10:30</time><span class="author">网友${i}</span></div><div class="content"><p>${text}</p></div></body></html>`;
    }
    if (body === null) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    id: `host${index}`,
    arrivals,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sourcesYaml(hosts: Host[]): string {
  const lines = ['userAgent: "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"', 'http: { timeoutMs: 5000, retries: 1, backoffMs: 50 }', 'sources:'];
  for (const h of hosts) {
    lines.push(
      `  - id: ${h.id}`,
      `    name: 基准留言板 ${h.id}`,
      '    type: html',
      `    start: ${h.url}/board/list?page=1`,
      `    rateLimit: { perSecond: ${PER_SECOND} }`,
      '    allowPrivateNetwork: true',
      '    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 500 }',
      '    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }',
    );
  }
  return lines.join('\n') + '\n';
}

function worker(
  file: string,
  place: Place,
  id: string,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(
    process.execPath,
    ['bin/minsheng.mjs', 'worker', '--sources', file, '--data', place.data, '--once', '--lanes', String(LANES), '--lease', '5', '--id', id],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DATABASE_URL: place.databaseUrl ?? '' },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return { child, done: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr: stderr.slice(-2000) }))) };
}

interface Outcome {
  /** Wall time from starting the processes to the last one's exit (includes Node start-up). */
  seconds: number;
  /** From the first request any server saw to the last: the crawl itself. */
  crawlSeconds: number;
  pages: number;
  posts: number;
  distinct: number;
  /** Board pages requested more than once. */
  repeated: number;
  /** The smallest gap between two requests to one host, over all hosts (ms). */
  minGapMs: number;
  /** The median gap between two requests to one host (ms). */
  medianGapMs: number;
}

async function measure(hosts: Host[], place: Place): Promise<Omit<Outcome, 'seconds'>> {
  let pages = 0;
  let repeated = 0;
  let minGapMs = Infinity;
  const gaps: number[] = [];
  let first = Infinity;
  let last = 0;
  for (const h of hosts) {
    for (const t of h.arrivals) ((first = Math.min(first, t)), (last = Math.max(last, t)));
    for (const [path, n] of h.paths) {
      if (!path.startsWith('/board/')) continue;
      pages++;
      if (n > 1) repeated += n - 1;
    }
    const sorted = [...h.arrivals].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  }
  minGapMs = Math.min(...gaps);
  const medianGapMs = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  const store = open(place);
  try {
    const posts = await store.posts.list({ limit: POSTS * 2 });
    return {
      crawlSeconds: (last - first) / 1000,
      pages,
      posts: posts.length,
      distinct: new Set(posts.map((p) => p.canonicalUrl)).size,
      repeated,
      minGapMs,
      medianGapMs,
    };
  } finally {
    await store.close();
  }
}

async function withBoard<T>(kind: 'sqlite' | 'postgres', latencyMs: number, run: (hosts: Host[], file: string, place: Place) => Promise<T>): Promise<T> {
  const per = Math.ceil(POSTS / HOSTS);
  const hosts = await Promise.all(Array.from({ length: HOSTS }, (_, i) => startHost(i + 1, Math.min(per, POSTS - i * per), latencyMs)));
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-scale-'));
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, sourcesYaml(hosts));
  try {
    return await run(hosts, file, { data: join(dir, 'data'), databaseUrl: kind === 'postgres' ? await freshSchema() : undefined });
  } finally {
    await Promise.all(hosts.map((h) => h.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function workers(kind: 'sqlite' | 'postgres', n: number, latencyMs: number): Promise<Outcome> {
  return withBoard(kind, latencyMs, async (hosts, file, place) => {
    const started = performance.now();
    const ends = await Promise.all(Array.from({ length: n }, (_, i) => worker(file, place, `bench-${n}-${i + 1}`).done));
    const seconds = (performance.now() - started) / 1000;
    for (const e of ends) if (e.code !== 0) throw new Error(`工作进程失败（${e.code}）：${e.stderr}`);
    return { seconds, ...(await measure(hosts, place)) };
  });
}

async function killOne(kind: 'sqlite' | 'postgres', latencyMs: number): Promise<Outcome & { killedAt: number }> {
  return withBoard(kind, latencyMs, async (hosts, file, place) => {
    const started = performance.now();
    const runs = [1, 2, 3].map((i) => worker(file, place, `kill-${i}`));
    const probe = open(place);
    let killedAt = 0;
    try {
      // Wait on the store, not on time: kill once a third of the posts are in.
      while ((killedAt = await probe.posts.count()) < POSTS / 3) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await probe.close();
    }
    runs[0]!.child.kill('SIGKILL');
    const ends = await Promise.all(runs.map((r) => r.done));
    const seconds = (performance.now() - started) / 1000;
    if (ends[0]!.signal !== 'SIGKILL') throw new Error('被杀的工作进程没有因 SIGKILL 结束');
    for (const e of ends.slice(1)) if (e.code !== 0) throw new Error(`工作进程失败（${e.code}）：${e.stderr}`);
    return { seconds, killedAt, ...(await measure(hosts, place)) };
  });
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const line = (label: string, o: Outcome) =>
  `  ${label}  抓取 ${fmt(o.crawlSeconds)} 秒（含进程启动 ${fmt(o.seconds)} 秒）  ${fmt(o.pages / o.crawlSeconds).padStart(6)} 页/秒  帖子 ${o.posts}（不同 ${o.distinct}）  重复请求 ${o.repeated}  同一主机间隔 最小 ${o.minGapMs} ms、中位 ${o.medianGapMs} ms`;

console.log(`负载均值（/proc/loadavg）开始时：${readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log(
  `规模基准：本地留言板 ${POSTS} 帖，分在 ${HOSTS} 个主机（127.0.0.1 不同端口），每主机每秒 ${PER_SECOND} 次（间隔 ${fmt(INTERVAL_MS, 0)} ms，从上一请求结束算起），每个工作进程 ${LANES} 路`,
);
const NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
try {
  for (const kind of STORES) {
    console.log(`\n===== ${NAMES[kind]} =====`);
    for (const latency of LATENCIES) {
      console.log(`\n服务器每个响应${latency ? `延迟 ${latency} ms` : '立即返回'}（${NAMES[kind]}）：`);
      const one = await workers(kind, 1, latency);
      console.log(line('一个工作进程', one));
      const three = await workers(kind, 3, latency);
      console.log(line('三个工作进程', three));
      const speed = one.crawlSeconds / three.crawlSeconds;
      console.log(`  三个 / 一个：速度 ${fmt(speed, 2)} 倍（按抓取时间；含进程启动 ${fmt(one.seconds / three.seconds, 2)} 倍）`);
      const polite = one.minGapMs >= INTERVAL_MS && three.minGapMs >= INTERVAL_MS;
      console.log(`  礼貌：同一主机两次请求的最小间隔 ${one.minGapMs} / ${three.minGapMs} ms，设定 ${fmt(INTERVAL_MS, 0)} ms —— ${polite ? '保持' : '未保持'}`);
      const complete = [one, three].every((o) => o.posts === POSTS && o.distinct === POSTS && o.repeated === 0);
      console.log(`  每帖恰好入库一次、每页只请求一次：${complete ? '是' : '否'}`);
    }
    if (!values['skip-kill']) {
      const latency = LATENCIES[LATENCIES.length - 1]!;
      console.log(`\nkill -9（服务器延迟 ${latency} ms，${NAMES[kind]}）：`);
      const k = await killOne(kind, latency);
      console.log(line('三个，其中一个在 ' + k.killedAt + ' 帖时被 kill -9', k));
      console.log(
        `  kill -9 之后：帖子 ${k.posts} / ${POSTS}，重复入库 ${k.posts - k.distinct}，重复请求 ${k.repeated}（被杀进程手上正在抓的页面）—— ${k.posts === POSTS && k.distinct === POSTS ? '恰好一次' : '不是恰好一次'}`,
      );
    }
  }
} finally {
  await stopPostgres?.();
}
console.log(`\n负载均值（/proc/loadavg）结束时：${readFileSync('/proc/loadavg', 'utf8').trim()}`);
