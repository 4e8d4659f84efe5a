// `minsheng alerts`: the alerts, newest and worst first, as a table or as JSON.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, stringOption, UsageError } from '../command.ts';
import { openStore, resolveDataDir, type AlertStatus } from '../../store/index.ts';
import { levelText, STATUS_LABEL } from '../../analysis/alerts/labels.ts';
import { alertToJson } from '../../analysis/alerts/json.ts';
import { alertReasonText } from '../../analysis/alerts/reasons.ts';

const STATUSES = Object.keys(STATUS_LABEL) as AlertStatus[];

export const command: Command = {
  name: 'alerts',
  summary: '列出舆情预警（--json 输出 JSON 数组）',
  usage: `用法: minsheng alerts [--json] [--status S[,S…]] [--data DIR]

列出预警，按级别（红 橙 黄 蓝）和最近时间排序。

选项:
  --json            输出 JSON 数组，每条预警一个对象：{"id","level","levelName","status","statusName","title",
                    "assignee","postCount","posts":[{"id","url"}],"postIds","sources","firstSeen","lastSeen",
                    "createdAt","updatedAt","reasons":[文字],"reasonData":[{"kind",…}]}
                    （与 /api/alerts、通用 webhook 里的预警对象相同，见 analysis/README.md）
  --status S        只列这些状态：${STATUSES.join(', ')}（逗号分隔）
${DATA_HELP}`,
  options: { ...DATA_OPTION, json: { type: 'boolean' }, status: { type: 'string' } },
  async run(args, io, env) {
    const statusArg = stringOption(args, 'status');
    const status = statusArg?.split(',').map((s) => s.trim()) as AlertStatus[] | undefined;
    const unknown = status?.filter((s) => !STATUSES.includes(s));
    if (unknown?.length) throw new UsageError(`未知状态 ${unknown.join(', ')}，可选：${STATUSES.join(', ')}`);
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      const alerts = await store.alerts.list({ status, limit: 10_000 });
      const posts = await store.posts.getMany([...new Set(alerts.flatMap((a) => a.postIds))]);
      const urls = new Map(posts.map((p) => [p.id, p.url]));
      if (args.values.json) {
        io.stdout.write(
          JSON.stringify(
            alerts.map((a) => alertToJson(a, urls)),
            null,
            2,
          ) + '\n',
        );
        return 0;
      }
      if (alerts.length === 0) {
        io.stdout.write('没有预警。\n');
        return 0;
      }
      for (const a of alerts) {
        io.stdout.write(
          `[${levelText(a.level)}] ${STATUS_LABEL[a.status]}  ${a.title}\n` +
            `    ${a.postIds.length} 条帖子 · 来源 ${a.sources.join('、')} · ${a.firstSeen} → ${a.lastSeen} · 编号 ${a.id}\n` +
            a.reasons.map((r) => `    · ${alertReasonText(r)}\n`).join(''),
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
