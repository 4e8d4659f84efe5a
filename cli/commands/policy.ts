// `minsheng policy status`: where every calculator parameter stands — latest figure, confidence of
// the one in force, the day it must be checked by, and what is missing for this year and next — so
// staff see a year turn coming instead of residents finding it.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, stringOption, UsageError } from '../command.ts';
import { parameterStatus, yearTurnWarnings, type ParameterStatus } from '../../policy/status.ts';
import { isValidISODate } from '../../policy/dates.ts';
import { formatDate } from '../../policy/format.ts';

function line(s: ParameterStatus): string {
  const latest = s.latestDate ? `${s.latestYear} 年（${formatDate(s.latestDate)} 起）` : '没有任何数';
  const conf = s.current ? (s.current.value === null ? '空缺' : s.current.confidenceLabel) : '—';
  const review = s.reviewBy ? formatDate(s.reviewBy) : '改了才换';
  const year = (y: ParameterStatus['thisYear']) => (y.standing === 'ok' ? `${y.year} 年：齐` : `${y.year} 年：${y.missing}`);
  return `${s.id}  ${s.label}\n    最新：${latest} · 现行可信度：${conf} · 复核截止：${review}\n    ${year(s.thisYear)}\n    ${year(s.nextYear)}\n`;
}

export const command: Command = {
  name: 'policy',
  summary: '计算器参数状态：最新年份、可信度、复核日期、今年和明年缺什么',
  usage: `用法: minsheng policy status [--json] [--date 2026-12-01]

列出每个计算器参数：最新的数是哪一年的、现行的数可信度如何、复核截止日期（到这一天要核对是否已调整），
以及今年和明年还缺什么。距 1 月 1 日 60 天以内时，另列出明年将没有数的参数。

选项:
  --json            输出 JSON 数组
  --date 日期       按这一天来看（默认今天）
${DATA_HELP}（参数随程序发布，不读数据目录，接受此选项只为与其他命令一致）

退出码: 0 没有年度交替提醒；1 距 1 月 1 日 60 天以内且有参数明年将没有数（便于定时任务提醒）；2 用法错误。`,
  options: { ...DATA_OPTION, json: { type: 'boolean' }, date: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const sub = args.positionals[0];
    if (sub !== 'status') throw new UsageError(`未知子命令 “${sub}”，可用：status`);
    const dateArg = stringOption(args, 'date');
    if (dateArg !== undefined && !isValidISODate(dateArg)) throw new UsageError(`--date 应为日期，格式 2026-12-01，收到 “${dateArg}”`);
    const today = dateArg ? new Date(`${dateArg}T00:00:00Z`) : new Date();
    const status = parameterStatus(today);
    const warnings = yearTurnWarnings(today);
    if (args.values.json) {
      io.stdout.write(JSON.stringify({ date: today.toISOString().slice(0, 10), parameters: status, yearTurnWarnings: warnings }, null, 2) + '\n');
    } else {
      for (const s of status) io.stdout.write(line(s));
      const short = status.filter((s) => s.thisYear.standing !== 'ok' || s.nextYear.standing !== 'ok');
      io.stdout.write(`\n共 ${status.length} 个参数，${short.length} 个今年或明年缺数或待核。\n`);
      if (warnings.length) {
        io.stdout.write(`\n年度交替提醒：\n${warnings.map((w) => `  · ${w.message}`).join('\n')}\n`);
      }
    }
    return warnings.length ? 1 : 0;
  },
};
