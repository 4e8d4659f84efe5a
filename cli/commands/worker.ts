// `minsheng worker`: one crawl worker; start as many as you like on one data directory (or, later,
// one database). They share the queue through leases, the rounds of each source and each host's
// rate limit (crawler/worker.ts).
import type { Command } from '../command.ts';
import cron from 'node-cron';
import { DATA_HELP, DATA_OPTION, UsageError, intOption, requiredOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { loadSources } from '../../crawler/sources.ts';
import { DEFAULT_LANES, DEFAULT_LEASE_MS, runWorker } from '../../crawler/worker.ts';
import { progressLine, progressReporter } from '../../crawler/progress.ts';
import { healthNotifier } from '../source-notices.ts';
import { DEFAULT_REGION_FILE, loadRegion } from '../../config/region.ts';
import { processName, startClusterTicks } from '../pipeline.ts';

export const command: Command = {
  name: 'worker',
  summary: '抓取工作进程：可在同一数据上同时运行多个，分担抓取、共享每个网站的限速',
  usage: `用法: minsheng worker --sources FILE [--once] [--now] [--lanes N] [--lease 秒] [--id 名字]
                       [--tick 秒 [--region FILE] [--digest-at CRON]] [--verbose] [--data DIR]

运行一个抓取工作进程。同一数据目录上可以同时启动任意多个（也可以同时在空库上启动）：
每个待抓页面一次只租给一个进程（租约到期自动收回，进程被 kill -9 也不丢页、不重复入库），
每个网站的限速由所有进程共同遵守（请求间隔从上一次请求结束算起，同一时刻只有一个请求），
每个来源每一轮只开始一次，其他进程加入这一轮。

选项:
  --sources FILE    来源配置文件（YAML），各项说明见 crawler/sources.example.yaml
  --once            每个来源抓一轮（已有进程在抓的就加入那一轮），队列里没有可抓、也没有被租出的页面后退出
  --now             持续运行时，启动后立即开始一轮，不等各来源的 schedule
  --lanes N         本进程同时处理的页面数（各在不同网站上），默认 ${DEFAULT_LANES}
  --lease 秒        租约时长，默认 ${DEFAULT_LEASE_MS / 1000}；进程每过三分之一就续租，死掉的进程的页面最多这么久后由别的进程接手
  --id 名字         本进程在租约里的名字（默认 主机名:进程号:随机串）
  --tick 秒         （不能与 --once 同用）每隔这么多秒做一轮 删过期旧帖 → 建索引 → 评分、聚类、预警并推送 → 建索引；
                    所有设了 --tick 的进程里，每一轮只有一个进程做（数据库里的一行，比较并交换），其他的跳过；
                    做的进程死了，它的占用 10 分钟后失效
  --region FILE     --tick 用的地区配置（默认 config/region.yaml）
  --digest-at CRON  --tick 时另外每天按这个 cron（北京时间）推送一次蓝色预警汇总，例如 "30 8 * * *"；整个集群每天一次
  --verbose         逐条输出跳过、重试和错误的原因
${DATA_HELP}

环境变量:
  DATABASE_URL      postgres://… 时租约、队列和帖子都在 PostgreSQL 里（几台机器上的进程共用一个库）；不设则用数据目录里的 SQLite

不带 --once 时按各来源的 schedule（cron，北京时间）持续运行，Ctrl+C 或 SIGTERM 停止：手上的租约立即交还。
每个来源的每一轮（几个进程分着抓）结束时，结束它的那个进程记一次来源状态（sources status），状态变化推送给管理员。
一个页面也没抓到且有错误时退出码为 1。

示例:
  minsheng worker --sources sources.yaml --once &
  minsheng worker --sources sources.yaml --once &
  wait`,
  options: {
    ...DATA_OPTION,
    sources: { type: 'string' },
    once: { type: 'boolean' },
    now: { type: 'boolean' },
    lanes: { type: 'string' },
    lease: { type: 'string' },
    id: { type: 'string' },
    tick: { type: 'string' },
    region: { type: 'string' },
    'digest-at': { type: 'string' },
    verbose: { type: 'boolean' },
  },
  async run(args, io, env) {
    // Option mistakes first: they are cheaper to report than a sources file's.
    const tickSeconds = args.values.tick === undefined ? null : intOption(args, 'tick', 300, [10, 86_400]);
    if (tickSeconds !== null && args.values.once) throw new UsageError('--tick 只能用于持续运行的工作进程，不能与 --once 同用');
    const digestAt = stringOption(args, 'digest-at');
    if (digestAt !== undefined && (tickSeconds === null || !cron.validate(digestAt)))
      throw new UsageError(tickSeconds === null ? '--digest-at 要与 --tick 一起用' : `--digest-at 不是有效的 cron 表达式：${digestAt}`);
    const file = loadSources(requiredOption(args, 'sources'));
    const lanes = intOption(args, 'lanes', DEFAULT_LANES, [1, 64]);
    const leaseMs = intOption(args, 'lease', DEFAULT_LEASE_MS / 1000, [2, 3600]) * 1000;
    const region = tickSeconds === null ? null : loadRegion(stringOption(args, 'region') ?? DEFAULT_REGION_FILE);
    const workerId = stringOption(args, 'id') ?? processName();
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    const say = (line: string) => io.stdout.write(`${line}\n`);
    const ticks =
      region && tickSeconds !== null ? startClusterTicks(store, region, { everySeconds: tickSeconds, digestAt, holder: workerId, env, log: say }) : null;
    const controller = new AbortController();
    const stop = () => {
      if (controller.signal.aborted) process.exit(130); // second Ctrl+C: leave now; leases lapse by themselves
      io.stderr.write('\n正在停止：中止进行中的请求，交还租约……（再按一次 Ctrl+C 立即退出）\n');
      controller.abort();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const progress = progressReporter(io.stderr as NodeJS.WritableStream & { isTTY?: boolean });
    try {
      const summary = await runWorker(store, file, {
        once: args.values.once === true,
        startNow: args.values.now === true,
        lanes,
        leaseMs,
        workerId,
        onHealthChange: healthNotifier(env?.notify, say),
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        log: args.values.verbose ? (line) => io.stderr.write(line + '\n') : undefined,
      });
      progress.close();
      const lines = [`工作进程 ${summary.workerId}：开始了 ${summary.roundsStarted} 轮`];
      for (const s of summary.sources) {
        lines.push(`  ${progressLine({ ...s, finished: false, queued: undefined })}`);
        for (const p of s.problems) lines.push(`      ${p}`);
      }
      const t = summary.totals;
      lines.push(`合计：页面 ${t.pages}，新帖 ${t.newPosts}，跳过 ${t.skipped}，错误 ${t.errors}`);
      if (summary.aborted) lines.push('已停止；没做完的页面留在队列里，其他进程或下次运行会接着抓。');
      io.stdout.write(lines.join('\n') + '\n');
      if (summary.aborted) return args.values.once ? 130 : 0;
      // Nothing fetched and something failed: as with `crawl`, the sources are effectively down.
      return t.pages === 0 && t.errors > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await ticks?.stop();
      await store.close();
    }
  },
};
