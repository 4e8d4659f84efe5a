// `npm run bench:crawl`: this crawler vs crawlee's CheerioCrawler on the same local fixture site
// (2,000+ posts on 127.0.0.1), same concurrency, politeness off (no rate limit; robots.txt
// allows everything). Each crawler runs in its own child process, which samples its RSS every
// 10 ms; the parent serves the site and prints pages/s, peak memory and the ratios.
//
//   node bin/run-ts.mjs tests/bench/crawl.bench.ts [--posts 2000] [--concurrency 8] [--rounds 2]
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';

const { values } = parseArgs({
  options: {
    worker: { type: 'string' },
    base: { type: 'string' },
    posts: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
  },
});
const POSTS = Number(values.posts);
const CONCURRENCY = Number(values.concurrency);
const PER_PAGE = 20;

interface WorkerResult {
  crawler: string;
  pages: number;
  posts: number;
  ms: number;
  peakRssMb: number;
  baselineRssMb: number;
}

// ---------------------------------------------------------------- the fixture site (parent)

const PARAGRAPH =
  '本人于2019年在达州市某企业务工，单位一直未按规定缴纳养老保险和医疗保险，多次向单位反映无果。' +
  '现在到了退休年龄，去社保局咨询说缴费年限不够，无法按月领取养老金。请问领导这种情况应该怎么办？';

function detailPage(i: number): string {
  const paragraphs = Array.from({ length: 6 }, (_, k) => `<p>${k === 0 ? `第${i}号留言：` : ''}${PARAGRAPH}</p>`).join('\n');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>留言 ${i} - 达州市民留言板</title>
<link rel="stylesheet" href="/static/site.css"><script>window.SITE_CONFIG={appCode:"demo"}</script></head><body>
<header><nav><a href="/">首页</a> <a href="/board/list?page=1">留言列表</a> <a href="/about">关于</a></nav></header>
<main><article><h1>关于养老保险缴费年限的咨询（${i}）</h1>
<div class="meta"><time>2025年9月${(i % 28) + 1}日 10:${String(i % 60).padStart(2, '0')}</time> <span class="author">网友${i}</span></div>
<div class="content">${paragraphs}</div>
<div class="reply"><h2>回复</h2><p>您好，您反映的问题已转交相关部门办理。</p></div></article></main>
<footer><p>达州市人力资源和社会保障局 版权所有</p></footer></body></html>`;
}

function listPage(page: number): string {
  const first = POSTS - (page - 1) * PER_PAGE;
  const items: string[] = [];
  for (let i = first; i > Math.max(0, first - PER_PAGE); i--) {
    items.push(`<li><a class="title" href="/board/post/${i}">关于养老保险缴费年限的咨询（${i}）</a> <span class="date">2025-09-01</span></li>`);
  }
  const next = first - PER_PAGE > 0 ? `<a class="next" href="/board/list?page=${page + 1}">下一页</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>留言列表</title></head><body><ul class="threads">${items.join('\n')}</ul>${next}</body></html>`;
}

async function startSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: string | null = null;
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('User-agent: *\nAllow: /\n');
    }
    if (url.pathname === '/board/list') body = listPage(Number(url.searchParams.get('page') ?? 1));
    const m = /^\/board\/post\/(\d+)$/.exec(url.pathname);
    if (m) body = detailPage(Number(m[1]));
    if (body === null) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

// ---------------------------------------------------------------- the workers (children)

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024;
    },
  };
}

async function runMine(base: string): Promise<WorkerResult> {
  const { openStore } = await import('../../store/index.ts');
  const { crawlSources } = await import('../../crawler/index.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-mine-'));
  const store = openStore(dataDir);
  const baseline = process.memoryUsage.rss() / 1024 / 1024;
  const rss = sampleRss();
  const started = performance.now();
  const summary = await crawlSources(
    store,
    {
      userAgent: 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)',
      sources: [
        {
          id: 'bench',
          name: 'bench',
          type: 'html',
          start: `${base}/board/list?page=1`,
          encoding: 'auto',
          schedule: '* * * * *',
          rateLimit: { perSecond: 10 },
          allowPrivateNetwork: true,
          concurrency: CONCURRENCY,
          list: { item: 'ul.threads li', link: 'a.title@href', next: 'a.next@href', maxPages: 1000 },
          post: { title: 'h1', body: '.content', publishedAt: '.meta time', author: '.meta .author' },
        },
      ],
    },
    { politeness: false },
  );
  const ms = performance.now() - started;
  const peakRssMb = rss.stop();
  const posts = await store.posts.count();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { crawler: 'minsheng', pages: summary.totals.pages, posts, ms, peakRssMb, baselineRssMb: baseline };
}

async function runCrawlee(base: string): Promise<WorkerResult> {
  const { CheerioCrawler, Configuration, log, LogLevel } = await import('@crawlee/cheerio');
  log.setLevel(LogLevel.OFF);
  const storageDir = mkdtempSync(join(tmpdir(), 'bench-crawlee-'));
  process.env.CRAWLEE_STORAGE_DIR = storageDir;
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  let posts = 0;
  let pages = 0;
  const baseline = process.memoryUsage.rss() / 1024 / 1024;
  const rss = sampleRss();
  const started = performance.now();
  const crawler = new CheerioCrawler(
    {
      minConcurrency: CONCURRENCY,
      maxConcurrency: CONCURRENCY,
      maxRequestRetries: 3,
      requestHandlerTimeoutSecs: 30,
      async requestHandler({ $, request, enqueueLinks, pushData }) {
        pages++;
        if (request.label === 'detail') {
          await pushData({
            url: request.url,
            title: $('h1').first().text().trim(),
            body: $('.content').first().text().trim(),
            author: $('.meta .author').first().text().trim(),
            publishedAt: $('.meta time').first().text().trim(),
          });
          posts++;
          return;
        }
        await enqueueLinks({ selector: 'ul.threads li a.title', label: 'detail' });
        await enqueueLinks({ selector: 'a.next', label: 'list' });
      },
    },
    config,
  );
  await crawler.run([{ url: `${base}/board/list?page=1`, label: 'list' }]);
  const ms = performance.now() - started;
  const peakRssMb = rss.stop();
  rmSync(storageDir, { recursive: true, force: true });
  return { crawler: 'crawlee CheerioCrawler', pages, posts, ms, peakRssMb, baselineRssMb: baseline };
}

// ---------------------------------------------------------------- orchestration (parent)

function runChild(worker: string, base: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/run-ts.mjs', 'tests/bench/crawl.bench.ts', '--worker', worker, '--base', base, '--posts', String(POSTS), '--concurrency', String(CONCURRENCY)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${worker} 进程退出码 ${code}: ${out}`));
      resolve(JSON.parse(line) as WorkerResult);
    });
  });
}

const fmt = (n: number, d = 1) => n.toFixed(d);

async function main() {
  if (values.worker) {
    const result = values.worker === 'crawlee' ? await runCrawlee(values.base!) : await runMine(values.base!);
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0); // crawlee leaves timers behind
  }
  const rounds = Number(values.rounds);
  console.log(
    `抓取基准：本地站点 ${POSTS} 条帖子（${Math.ceil(POSTS / PER_PAGE)} 个列表页），并发 ${CONCURRENCY}，不限速，每个爬虫单独子进程，${rounds} 轮取最快`,
  );
  const site = await startSite();
  const best = new Map<string, WorkerResult>();
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so neither crawler always runs on a warmer machine.
      const order = round % 2 === 0 ? ['mine', 'crawlee'] : ['crawlee', 'mine'];
      for (const worker of order) {
        const r = await runChild(worker, site.url);
        console.log(
          `  第 ${round + 1} 轮 ${r.crawler.padEnd(22)} 页面 ${r.pages}，帖子 ${r.posts}，用时 ${fmt(r.ms / 1000, 2)} 秒，${fmt(r.pages / (r.ms / 1000))} 页/秒，峰值 RSS ${fmt(r.peakRssMb)} MB（起点 ${fmt(r.baselineRssMb)} MB）`,
        );
        const prev = best.get(worker);
        if (!prev || r.ms < prev.ms) best.set(worker, { ...r, peakRssMb: Math.max(r.peakRssMb, prev?.peakRssMb ?? 0) });
        else best.set(worker, { ...prev, peakRssMb: Math.max(r.peakRssMb, prev.peakRssMb) });
      }
    }
  } finally {
    await site.close();
  }
  const mine = best.get('mine')!;
  const crawlee = best.get('crawlee')!;
  const speed = (r: WorkerResult) => r.pages / (r.ms / 1000);
  console.log('\n结果（速度取最快一轮，内存取各轮最高）:');
  for (const r of [mine, crawlee]) {
    console.log(`  ${r.crawler.padEnd(22)} ${fmt(speed(r)).padStart(7)} 页/秒   峰值 RSS ${fmt(r.peakRssMb).padStart(6)} MB   帖子 ${r.posts}`);
  }
  const speedRatio = speed(mine) / speed(crawlee);
  const memRatio = mine.peakRssMb / crawlee.peakRssMb;
  console.log(`  速度比（本项目 / crawlee）：${fmt(speedRatio, 2)}×   内存比：${fmt(memRatio, 2)}`);
  console.log(`  目标：速度比 > 1 且内存比 ≤ 0.5 —— ${speedRatio > 1 && memRatio <= 0.5 ? '达到' : '未达到'}`);
  if (mine.posts < POSTS || crawlee.posts < POSTS) console.log(`  注意：有爬虫没有抓全（应为 ${POSTS} 条）`);
}

await main();
