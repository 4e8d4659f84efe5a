// The three push channels. Each is a plain HTTPS POST in the format the service documents:
// 企业微信群机器人 markdown, 钉钉自定义机器人 markdown (with the optional 加签 HMAC), and a
// generic JSON webhook for anything else (e-mail gateways, 飞书 via a relay, the bureau's OA).
import { createHmac } from 'node:crypto';
import { retry } from '../../shared/retry.ts';
import type { Alert } from '../../store/types.ts';
import { alertToJson, type PostUrls } from '../alerts/json.ts';
import { alertConsoleLink, alertMarkdown, alertTitleLine, digestMarkdown, escapeMarkdown, fitBytes } from './format.ts';

const NO_URLS: PostUrls = new Map();

export interface OutgoingAlert {
  kind: 'alert';
  alert: Alert;
  change: 'raised' | 'escalated';
  /** The posts' original addresses, for the webhook's `posts[].url` (null where missing). */
  urls?: PostUrls;
}
export interface OutgoingDigest {
  kind: 'digest';
  day: string;
  alerts: Alert[];
  urls?: PostUrls;
}
/** A message for the administrators (a crawl source changed state), not an alert. */
export interface OutgoingNotice {
  kind: 'notice';
  title: string;
  lines: string[];
  /** Machine-readable details for the generic webhook. */
  data: Record<string, unknown>;
}
export type Outgoing = OutgoingAlert | OutgoingDigest | OutgoingNotice;

const noticeMarkdown = (m: OutgoingNotice) => [`**${escapeMarkdown(m.title)}**`, ...m.lines.map((l) => `> ${escapeMarkdown(l)}`)].join('\n');

export interface Channel {
  name: string;
  send(message: Outgoing): Promise<void>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

const TIMEOUT_MS = 10_000;

/**
 * Retries for a push: a network error, a timeout, HTTP 5xx or 429 is worth another try after
 * baseDelayMs, 2×, 4×… (bounded by attempts in all); any other answer (4xx, a robot's refusal) would
 * only fail again, so it is reported at once.
 */
export interface RetryPolicy {
  /** Tries in all, including the first. */
  attempts: number;
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000 };

class RetryableError extends Error {}

async function postJson(fetchFn: FetchLike, url: string, body: unknown, robot: boolean, policy: RetryPolicy = DEFAULT_RETRY): Promise<void> {
  let tries = 0;
  try {
    await retry(
      async (attempt) => {
        tries = attempt;
        await postOnce(fetchFn, url, body, robot);
      },
      {
        attempts: policy.attempts,
        retryable: (err) => err instanceof RetryableError,
        delayMs: (attempt) => policy.baseDelayMs * 2 ** (attempt - 1),
        sleep: policy.sleep,
      },
    );
  } catch (err) {
    throw tries > 1 ? new Error(`${(err as Error).message}（已尝试 ${tries} 次）`) : err;
  }
}

async function postOnce(fetchFn: FetchLike, url: string, body: unknown, robot: boolean): Promise<void> {
  let res: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await res.text();
  } catch (err) {
    throw new RetryableError(`网络错误：${(err as Error).message}`);
  }
  if (res.status >= 500 || res.status === 429) throw new RetryableError(`HTTP ${res.status}：${text.slice(0, 200)}`);
  if (!res.ok) throw new Error(`HTTP ${res.status}：${text.slice(0, 200)}`);
  if (robot) {
    // Both robots answer HTTP 200 with {"errcode":0,"errmsg":"ok"}; anything else is a refusal.
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`机器人返回的不是 JSON：${text.slice(0, 200)}`);
    }
    if (answer.errcode !== 0) throw new Error(`机器人拒绝：errcode ${answer.errcode} ${answer.errmsg ?? ''}`);
  }
}

export function wecomChannel(webhookUrl: string, options: { consoleUrl?: string; fetch?: FetchLike; retry?: RetryPolicy } = {}): Channel {
  const fetchFn = options.fetch ?? (fetch as unknown as FetchLike);
  return {
    name: '企业微信',
    async send(message) {
      const content =
        message.kind === 'alert'
          ? alertMarkdown(message.alert, { change: message.change, consoleUrl: options.consoleUrl, color: true })
          : message.kind === 'notice'
            ? noticeMarkdown(message)
            : digestMarkdown(message.alerts, message.day, options);
      await postJson(fetchFn, webhookUrl, { msgtype: 'markdown', markdown: { content: fitBytes(content, 4096) } }, true, options.retry);
    },
  };
}

/** 钉钉加签: sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), both added to the URL. */
export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', sign);
  return url.toString();
}

export function dingtalkChannel(
  webhookUrl: string,
  options: { secret?: string; consoleUrl?: string; fetch?: FetchLike; now?: () => Date; retry?: RetryPolicy } = {},
): Channel {
  const fetchFn = options.fetch ?? (fetch as unknown as FetchLike);
  const now = options.now ?? (() => new Date());
  return {
    name: '钉钉',
    async send(message) {
      const title =
        message.kind === 'alert'
          ? alertTitleLine(message.alert, message.change)
          : message.kind === 'notice'
            ? escapeMarkdown(message.title)
            : `舆情每日汇总（${message.day}）`;
      const text =
        message.kind === 'alert'
          ? alertMarkdown(message.alert, { change: message.change, consoleUrl: options.consoleUrl, color: false })
          : message.kind === 'notice'
            ? noticeMarkdown(message)
            : digestMarkdown(message.alerts, message.day, options);
      const url = options.secret ? dingtalkSignedUrl(webhookUrl, options.secret, now().getTime()) : webhookUrl;
      await postJson(fetchFn, url, { msgtype: 'markdown', markdown: { title: fitBytes(title, 200), text: fitBytes(text, 5000) } }, true, options.retry);
    },
  };
}

/**
 * Raw JSON for other systems: they escape for their own display. Each alert is the one alert object
 * (analysis/alerts/json.ts, as `minsheng alerts --json` and /api/alerts give it), wrapped with what
 * only a push has: the event type, raised or escalated, and the console link (null without
 * MINSHENG_CONSOLE_URL).
 */
export function webhookChannel(url: string, options: { consoleUrl?: string; fetch?: FetchLike; retry?: RetryPolicy } = {}): Channel {
  const fetchFn = options.fetch ?? (fetch as unknown as FetchLike);
  return {
    name: 'Webhook',
    async send(message) {
      const body =
        message.kind === 'alert'
          ? {
              type: 'minsheng.alert',
              change: message.change,
              alert: alertToJson(message.alert, message.urls ?? NO_URLS),
              link: alertConsoleLink(message.alert.id, options.consoleUrl),
            }
          : message.kind === 'notice'
            ? { type: 'minsheng.notice', title: message.title, lines: message.lines, ...message.data }
            : { type: 'minsheng.digest', day: message.day, alerts: message.alerts.map((a) => alertToJson(a, message.urls ?? NO_URLS)) };
      await postJson(fetchFn, url, body, false, options.retry);
    },
  };
}
