// `minsheng run`: what a scheduled run does, once.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, requiredOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { loadSources } from '../../crawler/sources.ts';
import { DEFAULT_REGION_FILE, loadRegion } from '../../config/region.ts';
import { runPipeline } from '../pipeline.ts';

export const command: Command = {
  name: 'run',
  summary: '抓取、索引、分析各一次（定时任务做的事）',
  usage: `用法: minsheng run --sources FILE [--source ID] [--region FILE] [--data DIR]

依次抓取 → 建索引 → 评分与预警，然后把新评分写进索引。

选项:
  --sources FILE    来源配置文件（YAML），见 demo/sources.example.yaml
  --source ID       只抓这一个来源
  --region FILE     地区配置（默认 config/region.yaml）
${DATA_HELP}`,
  options: { ...DATA_OPTION, sources: { type: 'string' }, source: { type: 'string' }, region: { type: 'string' } },
  async run(args, io, env) {
    const sources = loadSources(requiredOption(args, 'sources'));
    const region = loadRegion(stringOption(args, 'region') ?? DEFAULT_REGION_FILE);
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      const result = await runPipeline(store, sources, region, {
        sourceId: stringOption(args, 'source'),
        log: (line) => io.stdout.write(line + '\n'),
        env,
      });
      const allFailed = result.crawl.sources.length > 0 && result.crawl.sources.every((s) => s.failed);
      return allFailed ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
