// Who hears about an alert, and when. 黄/橙/红 are pushed at once to every configured channel;
// 蓝 waits for the daily digest; in quiet hours 黄 waits too (橙/红 never wait). Channels come from
// environment variables (parsed at the edge, config/env.ts, and passed in), never from the repository;
// with none configured, notices are only logged.
import type { Alert } from '../../store/types.ts';
import type { PostUrls } from '../alerts/json.ts';
import type { Env } from '../../config/env.ts';
import { regionTimeZone } from '../../shared/time.ts';
import { LEVEL_NAMES } from '../alerts/rules.ts';
import {
  dingtalkChannel,
  webhookChannel,
  wecomChannel,
  type Channel,
  type FetchLike,
  type Outgoing,
  type OutgoingNotice,
  type RetryPolicy,
} from './channels.ts';

/** 'partial': some channels took it, others failed even after retries (see the log). */
export type NotifyOutcome = 'pushed' | 'partial' | 'digest' | 'held' | 'logged' | 'failed';

export interface Notifier {
  /**
   * A raised or escalated alert. Never throws: a failed push is logged and reported as 'failed'.
   * `urls` (post id → original address) fill the webhook's `posts[].url`.
   */
  alert(alert: Alert, change: 'raised' | 'escalated', urls?: PostUrls): Promise<NotifyOutcome>;
  /** The daily digest of 蓝 (and held) alerts. */
  digest(alerts: Alert[], day: string, urls?: PostUrls): Promise<NotifyOutcome>;
}

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

/** "22:00-07:00" → quiet hours; null for empty; throws a Chinese message naming the variable otherwise. */
export function parseQuietHours(value: string | undefined): QuietHours | null {
  if (!value?.trim()) return null;
  const m = value.trim().match(/^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/);
  const minutes = (h: string, mm: string) => Number(h) * 60 + Number(mm);
  if (!m || Number(m[1]) > 23 || Number(m[3]) > 23 || Number(m[2]) > 59 || Number(m[4]) > 59) {
    throw new Error(`环境变量 MINSHENG_NOTIFY_QUIET_HOURS 应为“22:00-07:00”这样的时段，收到 “${value}”`);
  }
  return { start: minutes(m[1]!, m[2]!), end: minutes(m[3]!, m[4]!) };
}

export function inQuietHours(quiet: QuietHours | null, at: Date, timeZone: string): boolean {
  if (!quiet) return false;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const minute = Number(parts.find((p) => p.type === 'hour')?.value) * 60 + Number(parts.find((p) => p.type === 'minute')?.value);
  return quiet.start <= quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

export interface NotifierOptions {
  channels: Channel[];
  log?: (line: string) => void;
  quietHours?: QuietHours | null;
  timeZone?: string;
  now?: () => Date;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? regionTimeZone();

  async function deliver(message: Outgoing, label: string): Promise<NotifyOutcome> {
    if (options.channels.length === 0) {
      log(`[通知] 未配置推送渠道，仅记录：${label}`);
      return 'logged';
    }
    let failed = 0;
    for (const channel of options.channels) {
      try {
        await channel.send(message);
        log(`[通知] 已推送到${channel.name}：${label}`);
      } catch (err) {
        failed += 1;
        log(`[通知] 推送到${channel.name}失败：${(err as Error).message}（${label}）`);
      }
    }
    return failed === 0 ? 'pushed' : failed === options.channels.length ? 'failed' : 'partial';
  }

  return {
    async alert(alert, change, urls) {
      const label = `${change === 'escalated' ? '预警升级' : '新预警'}【${LEVEL_NAMES[alert.level]}】${alert.title}`;
      if (alert.level === 'blue') {
        log(`[通知] 列入每日汇总：${label}`);
        return 'digest';
      }
      if (alert.level === 'yellow' && inQuietHours(options.quietHours ?? null, now(), timeZone)) {
        // Not recorded as sent: the next analysis run after the quiet hours pushes it.
        log(`[通知] 免打扰时段，暂不推送，结束后推送：${label}`);
        return 'held';
      }
      return deliver({ kind: 'alert', alert, change, urls }, label);
    },
    async digest(alerts, day, urls) {
      if (alerts.length === 0) return 'logged';
      return deliver({ kind: 'digest', day, alerts, urls }, `每日汇总 ${day}，${alerts.length} 条`);
    },
  };
}

/** The duty group's channels, as config/env.ts parses them from the environment. */
export type NotifyConfig = Omit<Env['notify'], 'admin'>;
/** The administrators' channels (MINSHENG_ADMIN_*). */
export type AdminChannels = Env['notify']['admin'];

/**
 * Channels from the environment (parsed by the caller):
 *   MINSHENG_WECOM_WEBHOOK       企业微信群机器人地址
 *   MINSHENG_DINGTALK_WEBHOOK    钉钉机器人地址；MINSHENG_DINGTALK_SECRET 加签密钥（可选）
 *   MINSHENG_WEBHOOK_URL         通用 JSON webhook
 *   MINSHENG_CONSOLE_URL         值班台地址（消息里附链接，可选）
 *   MINSHENG_NOTIFY_QUIET_HOURS  免打扰时段，如 22:00-07:00（黄色预警延后，橙/红照常推送）
 */
export function notifierFromConfig(
  config: NotifyConfig,
  options: { log?: (line: string) => void; fetch?: FetchLike; now?: () => Date; timeZone?: string; retry?: RetryPolicy } = {},
): Notifier {
  const { consoleUrl } = config;
  const channels: Channel[] = [];
  const { retry } = options;
  if (config.wecomWebhook) channels.push(wecomChannel(config.wecomWebhook, { consoleUrl, fetch: options.fetch, retry }));
  if (config.dingtalkWebhook) {
    channels.push(dingtalkChannel(config.dingtalkWebhook, { secret: config.dingtalkSecret, consoleUrl, fetch: options.fetch, now: options.now, retry }));
  }
  if (config.webhookUrl) channels.push(webhookChannel(config.webhookUrl, { consoleUrl, fetch: options.fetch, retry }));
  return createNotifier({
    channels,
    log: options.log,
    now: options.now,
    timeZone: options.timeZone,
    quietHours: parseQuietHours(config.quietHours),
  });
}

/**
 * The administrators' channels (source health, not alerts): the same kinds of robot and webhook,
 * at their own addresses so the duty group is not told about crawler trouble:
 *   MINSHENG_ADMIN_WECOM_WEBHOOK, MINSHENG_ADMIN_DINGTALK_WEBHOOK (+ MINSHENG_ADMIN_DINGTALK_SECRET),
 *   MINSHENG_ADMIN_WEBHOOK_URL. With none set, notices are only logged.
 */
export function adminNotices(
  admin: AdminChannels,
  options: { log?: (line: string) => void; fetch?: FetchLike; retry?: RetryPolicy } = {},
): (message: OutgoingNotice) => Promise<NotifyOutcome> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const channels: Channel[] = [];
  const { retry } = options;
  if (admin.wecomWebhook) channels.push(wecomChannel(admin.wecomWebhook, { fetch: options.fetch, retry }));
  if (admin.dingtalkWebhook) channels.push(dingtalkChannel(admin.dingtalkWebhook, { secret: admin.dingtalkSecret, fetch: options.fetch, retry }));
  if (admin.webhookUrl) channels.push(webhookChannel(admin.webhookUrl, { fetch: options.fetch, retry }));
  return async (message) => {
    if (channels.length === 0) {
      log(`[通知管理员] 未配置推送渠道，仅记录：${message.title}`);
      return 'logged';
    }
    let failed = 0;
    for (const channel of channels) {
      try {
        await channel.send(message);
        log(`[通知管理员] 已推送到${channel.name}：${message.title}`);
      } catch (err) {
        failed += 1;
        log(`[通知管理员] 推送到${channel.name}失败：${(err as Error).message}（${message.title}）`);
      }
    }
    return failed === 0 ? 'pushed' : failed === channels.length ? 'failed' : 'partial';
  };
}

export { dingtalkChannel, dingtalkSignedUrl, webhookChannel, wecomChannel } from './channels.ts';
export { DEFAULT_RETRY } from './channels.ts';
export type { Channel, FetchLike, Outgoing, OutgoingNotice, RetryPolicy } from './channels.ts';
