// `minsheng analyze`: score posts not yet scored, cluster, evaluate the alert rules, notify.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { DEFAULT_REGION_FILE, loadRegion } from '../../config/region.ts';
import { analyzeStore, sendDailyDigest } from '../../analysis/pipeline.ts';
import { loadAlertConfig } from '../../analysis/alerts/config.ts';
import { notifierFromConfig } from '../../analysis/notify/index.ts';

export const command: Command = {
  name: 'analyze',
  summary: '给新帖子评分、聚类，按规则生成预警并推送',
  usage: `用法: minsheng analyze [--region FILE] [--alerts FILE] [--digest] [--data DIR]

给尚未评分的帖子打分（情感、严重度、主题），合并相似帖子，按预警规则生成或升级预警。
重复运行不会产生重复预警。黄色及以上预警立即推送，蓝色预警进每日汇总。

选项:
  --region FILE     地区配置（默认 config/region.yaml）
  --alerts FILE     预警阈值配置（默认 config/alerts.yaml）
  --digest          另外推送最近 24 小时的蓝色（一般）预警汇总
${DATA_HELP}

推送渠道（环境变量，不写进仓库）:
  MINSHENG_WECOM_WEBHOOK        企业微信群机器人地址
  MINSHENG_DINGTALK_WEBHOOK     钉钉机器人地址；MINSHENG_DINGTALK_SECRET 加签密钥（可选）
  MINSHENG_WEBHOOK_URL          通用 JSON webhook
  MINSHENG_CONSOLE_URL          值班台地址（消息附链接）
  MINSHENG_NOTIFY_QUIET_HOURS   免打扰时段，如 22:00-07:00
都不设置时，通知只写到日志。`,
  options: { ...DATA_OPTION, region: { type: 'string' }, alerts: { type: 'string' }, digest: { type: 'boolean' } },
  async run(args, io, env) {
    const region = loadRegion(stringOption(args, 'region') ?? DEFAULT_REGION_FILE);
    const alertConfig = loadAlertConfig(stringOption(args, 'alerts'));
    const log = (line: string) => io.stderr.write(line + '\n');
    const notify = notifierFromConfig(env?.notify ?? { admin: {} }, { log, timeZone: alertConfig.timezone });
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      const now = new Date();
      const s = await analyzeStore(store, { region, now, notify, alertConfig });
      io.stdout.write(`评分 ${s.scored} 条；聚类 ${s.clusters} 个；预警 新增 ${s.alerts.raised}，升级 ${s.alerts.escalated}，更新 ${s.alerts.updated}\n`);
      if (args.values.digest) {
        const { count, outcome } = await sendDailyDigest(store, notify, { now, timeZone: alertConfig.timezone });
        io.stdout.write(`每日汇总：${count} 条蓝色预警（${outcome === 'pushed' ? '已推送' : '已记录'}）\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
