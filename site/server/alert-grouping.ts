// A duty officer's grouping corrections from the console: merge two alerts, move a post out of one.
// Checked here (clear Chinese refusals with HTTP statuses), decided by analysis/alerts/grouping.ts
// and written by the store in one transaction, audited here; analysis applies them on every later
// run (analysis/alerts/overrides.ts).
import type { Alert, Store } from '../../store/index.ts';
import { isOpenStatus } from '../../shared/vocabulary.ts';
import { audit, type AuditContext } from './audit.ts';
import { NOTE_MAX } from './workflow.ts';

export class GroupingError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function note(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (t.length > NOTE_MAX) throw new GroupingError(`说明不能超过 ${NOTE_MAX} 字`, 422);
  return t || null;
}

/** Merges alert `fromId` into `intoId` (the one the duty officer keeps). */
export async function mergeAlerts(ctx: AuditContext & { store: Store }, fromId: string, intoId: string, text?: string | null): Promise<Alert> {
  const into = intoId.trim();
  if (!into) throw new GroupingError('请填写要并入的预警编号', 422);
  if (into === fromId) throw new GroupingError('不能把预警并入它自己', 422);
  const [from, target] = [await ctx.store.alerts.get(fromId), await ctx.store.alerts.get(into)];
  if (!from) throw new GroupingError('预警不存在', 404);
  if (!target) throw new GroupingError(`没有编号为 ${into} 的预警`, 422);
  if (!isOpenStatus(target.status)) throw new GroupingError('目标预警已关闭或标为误报，请先重新打开它', 409);
  if (from.ruleKey.startsWith('burst') || target.ruleKey.startsWith('burst'))
    throw new GroupingError('激增预警不是一个事件，不能合并；请合并具体事件的预警', 422);
  const why = note(text);
  const merged = await ctx.store.alerts.merge(from.id, target.id, { actor: ctx.actor ?? '未知', at: new Date().toISOString(), note: why });
  await audit(ctx, 'alert.merge', target.id, `并入预警 ${from.id}（${from.title}）${why ? `；说明：${why}` : ''}`);
  return merged;
}

/** Moves one post out of an alert: it stands alone from now on. */
export async function movePostOut(ctx: AuditContext & { store: Store }, alertId: string, postId: string, text?: string | null): Promise<Alert> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert) throw new GroupingError('预警不存在', 404);
  if (!alert.postIds.includes(postId)) throw new GroupingError('这条帖子不在本预警里', 422);
  if (alert.postIds.length === 1) throw new GroupingError('预警只剩这一条帖子，不能移出；不是事件请标记为误报', 422);
  const why = note(text);
  const updated = await ctx.store.alerts.moveOut(alert.id, postId, { actor: ctx.actor ?? '未知', at: new Date().toISOString(), note: why });
  await audit(ctx, 'alert.move_out', alert.id, `移出帖子 ${postId}${why ? `；说明：${why}` : ''}`);
  return updated;
}
