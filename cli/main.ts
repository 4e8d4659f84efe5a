// The `minsheng` command line: dispatches to one subcommand module per verb.
import { parseArgs } from 'node:util';
import type { Command, CommandIO } from './command.ts';
import { UsageError } from './command.ts';
import { parseEnv, type Env } from '../config/env.ts';
import { chooseModels } from '../analysis/weights.ts';
import { ConfigError } from '../config/load.ts';

/** Loaded lazily so `minsheng score` does not pay for Astro or the crawler. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  demo: () => import('./commands/demo.ts'),
  crawl: () => import('./commands/crawl.ts'),
  watch: () => import('./commands/watch.ts'),
  worker: () => import('./commands/worker.ts'),
  run: () => import('./commands/run.ts'),
  analyze: () => import('./commands/analyze.ts'),
  score: () => import('./commands/score.ts'),
  train: () => import('./commands/train.ts'),
  index: () => import('./commands/index.ts'),
  search: () => import('./commands/search.ts'),
  export: () => import('./commands/export.ts'),
  alerts: () => import('./commands/alerts.ts'),
  serve: () => import('./commands/serve.ts'),
  user: () => import('./commands/user.ts'),
  calc: () => import('./commands/calc.ts'),
  policy: () => import('./commands/policy.ts'),
  sources: () => import('./commands/sources.ts'),
};

async function overview(): Promise<string> {
  const lines = ['民声 minsheng — 人社政策宣传与舆情监测', '', '用法: minsheng <命令> [选项]', '', '命令:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push('', '每个命令都有 --help，例如: minsheng crawl --help');
  return lines.join('\n') + '\n';
}

/** `env` is the parsed environment; tests pass their own instead of setting process.env. */
export async function main(argv: string[], io: CommandIO = process, env?: Env): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await overview());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`未知命令 “${name}”。可用命令: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    const allowed = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < allowed.min || parsed.positionals.length > allowed.max) {
      throw new UsageError(parsed.positionals.length < allowed.min ? '缺少参数' : `多余的参数: ${parsed.positionals.slice(allowed.max).join(' ')}`);
    }
    // The one place the CLI reads process.env; commands get the parsed object.
    const settings = env ?? parseEnv(process.env);
    // The scorer's weights follow MINSHENG_SENTIMENT_WEIGHTS / the retrained files in the data directory
    // (--data, else MINSHENG_DATA, else ./data): the bureau's own models go where its posts are.
    const data = typeof parsed.values.data === 'string' ? parsed.values.data : settings.dataDir;
    // And the bureau's own boundary of 人社 business (MINSHENG_TOPICS, else config/topics.yaml), if it wrote one.
    chooseModels({ dataDir: data, sentimentWeights: settings.sentimentWeights, topicsFile: settings.topicsFile });
    return await command.run(parsed as Parameters<Command['run']>[0], io, settings);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`minsheng ${name}: ${(err as Error).message}\n\n${command.usage.trimEnd()}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    io.stderr.write(`minsheng ${name} 失败: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
