// Message text for the robots. Post titles are crawled, untrusted text: markdown and HTML
// characters are replaced by their full-width look-alikes so a title cannot inject links,
// mentions or formatting into the duty group.
import type { Alert, AlertLevel } from '../../store/types.ts';
import { LEVEL_NAMES } from '../alerts/rules.ts';
import { alertReasonText } from '../alerts/reasons.ts';

const FULL_WIDTH: Record<string, string> = {
  '<': '＜',
  '>': '＞',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '#': '＃',
  '~': '～',
  '|': '｜',
  '\\': '＼',
  '!': '！',
  '@': '＠',
};

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[<>[\]()*_`#~|\\!@]/g, (c) => FULL_WIDTH[c]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** 企业微信 markdown colours: red/orange → warning, yellow → comment, blue → info. */
const WECOM_COLOR: Record<AlertLevel, string> = { red: 'warning', orange: 'warning', yellow: 'comment', blue: 'info' };

export const HANDLING: Record<AlertLevel, string> = {
  blue: '列入每日汇总，持续关注',
  yellow: '当天处置',
  orange: '立即处置并报告分管领导，48 小时内公开回应',
  red: '立即电话报告，5 小时内发布权威信息，24 小时内召开新闻发布会',
};

export interface AlertMessageOptions {
  change: 'raised' | 'escalated';
  /** Console base URL, e.g. https://minsheng.example.gov.cn; a link is added when set. */
  consoleUrl?: string;
}

export function alertTitleLine(alert: Alert, change: AlertMessageOptions['change']): string {
  return `${change === 'escalated' ? '预警升级' : '新预警'}【${LEVEL_NAMES[alert.level]}】${escapeMarkdown(alert.title)}`;
}

/** The alert's page in the console, or null when no console address is configured. */
export function alertConsoleLink(alertId: string, consoleUrl?: string): string | null {
  return consoleUrl ? `${consoleUrl.replace(/\/+$/, '')}/console/alerts/${encodeURIComponent(alertId)}` : null;
}

function link(alert: Alert, consoleUrl?: string): string[] {
  const url = alertConsoleLink(alert.id, consoleUrl);
  return url ? [`[在值班台查看](${url})`] : [];
}

/** One alert as markdown. `color` wraps the level in 企业微信's <font>; 钉钉 ignores it, so it is off there. */
export function alertMarkdown(alert: Alert, options: AlertMessageOptions & { color: boolean }): string {
  const level = options.color ? `<font color="${WECOM_COLOR[alert.level]}">${LEVEL_NAMES[alert.level]}</font>` : LEVEL_NAMES[alert.level];
  return [
    `### ${options.change === 'escalated' ? '预警升级' : '新预警'}：${level}`,
    `**${escapeMarkdown(alert.title)}**`,
    ...alert.reasons.slice(0, 8).map((r) => `> ${escapeMarkdown(alertReasonText(r))}`),
    `帖子 ${alert.postIds.length} 条；来源：${alert.sources.map(escapeMarkdown).join('、') || '—'}`,
    `处置要求：${HANDLING[alert.level]}`,
    ...link(alert, options.consoleUrl),
  ].join('\n');
}

export function digestMarkdown(alerts: Alert[], day: string, options: { consoleUrl?: string } = {}): string {
  const lines = [`### 舆情每日汇总（${day}）`, `共 ${alerts.length} 条一般预警，请在值班台逐条处理：`];
  alerts.slice(0, 30).forEach((a, i) => {
    lines.push(`${i + 1}. ${escapeMarkdown(a.title)}（${a.postIds.length} 条帖子）`);
  });
  if (alerts.length > 30) lines.push(`……另有 ${alerts.length - 30} 条，见值班台`);
  if (options.consoleUrl) lines.push(`[打开值班台](${options.consoleUrl.replace(/\/+$/, '')}/console/)`);
  return lines.join('\n');
}

/** Cuts UTF-8 text to a byte budget (企业微信 markdown is limited to 4096 bytes). */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > maxBytes) break;
    out += ch;
  }
  return out + '…';
}
