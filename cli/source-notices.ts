// Telling the administrators when a crawl source changes state (failing, empty, silent, ok again):
// once per change, on the admin channels from the environment — never the duty group's.
import type { HealthChange } from '../crawler/index.ts';
import { STATE_NAMES, healthNoticeText } from '../crawler/health.ts';
import { adminNotices, type OutgoingNotice } from '../analysis/notify/index.ts';
import type { Env } from '../config/env.ts';

export function healthNotice(change: HealthChange, consoleUrl?: string): OutgoingNotice {
  const lines = [healthNoticeText(change)];
  if (consoleUrl) lines.push(`查看：${consoleUrl.replace(/\/+$/, '')}/console/sources`);
  return {
    kind: 'notice',
    title: `来源${change.to === 'ok' ? '恢复正常' : `异常：${STATE_NAMES[change.to]}`}（${change.sourceName}）`,
    lines,
    data: { sourceId: change.sourceId, from: change.from, to: change.to, detail: change.detail, at: change.at },
  };
}

/** The crawl's onHealthChange for the command line: the administrators' channels of the parsed environment. */
export function healthNotifier(notify: Env['notify'] = { admin: {} }, log?: (line: string) => void) {
  const send = adminNotices(notify.admin, { log });
  return async (change: HealthChange) => {
    await send(healthNotice(change, notify.consoleUrl));
  };
}
