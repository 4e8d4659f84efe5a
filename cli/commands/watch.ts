// `minsheng watch`: run each source on its own cron schedule until stopped. A source never
// overlaps with itself (a slow run makes the next tick skip, with a note); SIGINT/SIGTERM stop
// the schedules, abort in-flight requests (their queue entries stay pending for next time),
// wait for the runs to wind down and close the store.
import cron from 'node-cron';
import type { Command, CommandIO } from '../command.ts';
import { DATA_HELP, DATA_OPTION, UsageError, requiredOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir, type Store } from '../../store/index.ts';
import { loadSources, type SourcesFile } from '../../crawler/sources.ts';
import { crawlSources } from '../../crawler/index.ts';
import { progressLine } from '../../crawler/progress.ts';
import { DEFAULT_REGION_FILE, loadRegion } from '../../config/region.ts';
import { processStoreWhenFree, sendDigestOnce } from '../pipeline.ts';
import { healthNotifier } from '../source-notices.ts';
import { localIso, regionTimeZone } from '../../shared/time.ts';
import type { Env } from '../../config/env.ts';

/** 2025-09-01 10:30:00 on the region's clock, for log lines. */
function stamp(d = new Date()): string {
  return localIso(d).replace('T', ' ').slice(0, 19);
}

export interface WatchHandle {
  /** Resolves when every run in flight has finished after stop(). */
  stop(): Promise<void>;
  /** Source ids with a run in flight. */
  running(): string[];
  /** Starts a run of one source now, as a tick would (skipped if it is already running). */
  trigger(sourceId: string): Promise<void>;
}

export interface WatchOptions {
  verbose?: boolean;
  /**
   * What to do after a source's crawl brought new posts (index, score, alert). Runs one at a
   * time even when several sources finish together.
   */
  afterCrawl?: (log: (line: string) => void) => Promise<void>;
  /** Runs once a day at `digestAt` (cron, Beijing time): the 蓝 alerts' daily digest. */
  dailyDigest?: (log: (line: string) => void) => Promise<void>;
  digestAt?: string;
  /** The parsed environment: the administrators' channels and Chromium for the crawl. */
  env?: Env;
}

export function startWatch(store: Store, file: SourcesFile, io: Pick<CommandIO, 'stdout' | 'stderr'>, options: WatchOptions = {}): WatchHandle {
  const out = (line: string): void => void io.stdout.write(`[${stamp()}] ${line}\n`);
  const controller = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let processing: Promise<void> = Promise.resolve();
  const processAfterCrawl = (): Promise<void> => {
    const after = options.afterCrawl;
    if (!after) return Promise.resolve();
    processing = processing.then(() => after(out)).catch((err: Error) => out(`索引与分析出错：${err.message}`));
    return processing;
  };

  const notifyHealth = healthNotifier(options.env?.notify, out);
  const runSource = (sourceId: string): Promise<void> => {
    const existing = inFlight.get(sourceId);
    if (existing) {
      out(`${sourceId}：上一轮还没结束，跳过本次`);
      return existing;
    }
    if (controller.signal.aborted) return Promise.resolve();
    const run = crawlSources(store, file, {
      sourceId,
      signal: controller.signal,
      chromiumPath: options.env?.chromium,
      log: options.verbose ? (line) => io.stderr.write(line + '\n') : undefined,
      onHealthChange: notifyHealth,
    })
      .then((summary) => {
        for (const s of summary.sources) {
          out(`${progressLine({ ...s, finished: false, queued: undefined })}${s.failed ? '【失败】' : ''}${s.aborted ? '【已中止】' : ''}`);
          if (s.failed) for (const p of s.problems.slice(0, 3)) out(`  ${p}`);
        }
        if (summary.totals.newPosts > 0 && !controller.signal.aborted) return processAfterCrawl();
      })
      .catch((err: Error) => out(`${sourceId}：抓取出错：${err.message}`))
      .finally(() => void inFlight.delete(sourceId));
    inFlight.set(sourceId, run);
    return run;
  };

  const tasks = file.sources.map((source) =>
    cron.schedule(source.schedule, () => void runSource(source.id), { timezone: regionTimeZone(), name: `crawl:${source.id}` }),
  );
  if (options.dailyDigest) {
    const digest = options.dailyDigest;
    const at = options.digestAt ?? '30 8 * * *';
    tasks.push(
      cron.schedule(at, () => void digest(out).catch((err: Error) => out(`每日汇总出错：${err.message}`)), {
        timezone: regionTimeZone(),
        name: 'daily-digest',
      }),
    );
    out(`蓝色预警每日汇总按 “${at}” 发送`);
  }
  for (const [i, source] of file.sources.entries()) {
    const next = tasks[i]!.getNextRun();
    out(`${source.name}（${source.id}）按 “${source.schedule}” 定时抓取${next ? `，下次 ${stamp(next)}` : ''}`);
  }

  return {
    async stop() {
      await Promise.all(tasks.map(async (t) => t.destroy()));
      controller.abort();
      await Promise.allSettled([...inFlight.values()]);
      await processing;
    },
    running: () => [...inFlight.keys()],
    trigger: (id) => runSource(id),
  };
}

export const command: Command = {
  name: 'watch',
  summary: '按各来源的 cron 计划持续抓取，Ctrl+C 停止',
  usage: `用法: minsheng watch --sources FILE [--now] [--verbose] [--data DIR]

按来源文件里每个来源的 schedule（cron 表达式，北京时间）定时抓取；有新帖时接着建索引、评分、预警。
同一来源不会重叠运行；
收到 Ctrl+C 或 SIGTERM 时停止计划、中止进行中的请求（未完成的留待下次）、关闭数据库后退出。

选项:
  --sources FILE    来源配置文件（YAML）
  --now             启动时先把每个来源抓一遍
  --verbose         逐条输出跳过、重试和错误的原因
  --region FILE     地区配置（默认 config/region.yaml）
${DATA_HELP}`,
  options: { ...DATA_OPTION, sources: { type: 'string' }, region: { type: 'string' }, now: { type: 'boolean' }, verbose: { type: 'boolean' } },
  async run(args, io, env) {
    const file = loadSources(requiredOption(args, 'sources'));
    if (file.sources.length === 0) throw new UsageError('来源文件中没有来源');
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    const region = loadRegion(stringOption(args, 'region') ?? DEFAULT_REGION_FILE);
    const watch = startWatch(store, file, io, {
      verbose: args.values.verbose === true,
      env,
      // Never alongside another process's analysis on the same store (a worker's tick, another watch).
      afterCrawl: async (log) => void (await processStoreWhenFree(store, region, { log, env })),
      // Once a day across every process on the store (another watch, a worker with --digest-at).
      dailyDigest: async (log) => void (await sendDigestOnce(store, { log, env })),
    });
    io.stdout.write(`[${stamp()}] 开始定时抓取 ${file.sources.length} 个来源，按 Ctrl+C 停止。\n`);
    if (args.values.now) for (const s of file.sources) void watch.trigger(s.id);
    await new Promise<void>((resolve) => {
      const onSignal = (name: string) => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        io.stdout.write(`[${stamp()}] 收到 ${name}，正在停止（进行中：${watch.running().join('、') || '无'}）……\n`);
        resolve();
      };
      const onInt = () => onSignal('SIGINT');
      const onTerm = () => onSignal('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
    });
    await watch.stop();
    await store.close();
    io.stdout.write(`[${stamp()}] 已停止。\n`);
    return 0;
  },
};
