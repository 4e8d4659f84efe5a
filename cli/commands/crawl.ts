// `minsheng crawl`: crawl the configured sources once, with live progress and a summary.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, UsageError, requiredOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { loadSources } from '../../crawler/sources.ts';
import { crawlSources } from '../../crawler/index.ts';
import { progressReporter, summaryText } from '../../crawler/progress.ts';
import { healthNotifier } from '../source-notices.ts';

export const command: Command = {
  name: 'crawl',
  summary: '按来源配置抓取一次（遵守 robots.txt、限速、可断点续抓）',
  usage: `用法: minsheng crawl --sources FILE [--source ID] [--refresh] [--verbose] [--data DIR]

抓取来源文件中的每个来源（或只抓 --source 指定的一个），进度写到标准错误，汇总写到标准输出。
中途被打断（Ctrl+C，甚至 kill -9）后再次运行，会从中断处继续，不会重复入库。
所有来源都失败时退出码为 1。

选项:
  --sources FILE    来源配置文件（YAML），各项说明见 crawler/sources.example.yaml
  --source ID       只抓这一个来源
  --refresh         重新抓取已抓过的帖子页（默认只抓新帖），并忽略缓存的 ETag/Last-Modified
  --verbose         逐条输出跳过、重试和错误的原因
${DATA_HELP}

示例:
  minsheng crawl --sources sources.yaml --source dazhou-board`,
  options: {
    ...DATA_OPTION,
    sources: { type: 'string' },
    source: { type: 'string' },
    refresh: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  async run(args, io, env) {
    const file = loadSources(requiredOption(args, 'sources'));
    const sourceId = stringOption(args, 'source');
    if (sourceId && !file.sources.some((s) => s.id === sourceId)) {
      throw new UsageError(`来源文件中没有编号为 ${sourceId} 的来源（有：${file.sources.map((s) => s.id).join('、')}）`);
    }
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    const controller = new AbortController();
    const stop = () => {
      if (controller.signal.aborted) process.exit(130); // second Ctrl+C: leave now; the queue is safe in the store
      io.stderr.write('\n正在停止：中止进行中的请求，保存进度……（再按一次 Ctrl+C 立即退出）\n');
      controller.abort();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const progress = progressReporter(io.stderr as NodeJS.WritableStream & { isTTY?: boolean });
    try {
      const summary = await crawlSources(store, file, {
        sourceId,
        refresh: args.values.refresh === true,
        signal: controller.signal,
        onProgress: (p) => progress.update(p),
        log: args.values.verbose ? (line) => io.stderr.write(line + '\n') : undefined,
        chromiumPath: env?.chromium,
        onHealthChange: healthNotifier(env?.notify, (line) => io.stderr.write(line + '\n')),
      });
      progress.close();
      io.stdout.write(summaryText(summary));
      if (summary.aborted) return 130;
      return summary.sources.length > 0 && summary.sources.every((s) => s.failed) ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await store.close();
    }
  },
};
