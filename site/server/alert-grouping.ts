// A duty officer's grouping corrections from the console: merge two alerts, move a post out of one.
// The form is checked here (missing id, note length, unknown alert → HTTP statuses); the rules are
// analysis/alerts/grouping.ts, applied by the store inside its write transaction, whose refusals
// become statuses here; audited here; analysis applies them on every later run
// (analysis/alerts/overrides.ts).
import type { Alert, Store } from '../../store/index.ts';
import { GroupingRefusal, type GroupingRefusalKind } from '../../analysis/alerts/grouping.ts';
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

const REFUSAL_STATUS: Record<GroupingRefusalKind, number> = { self: 422, target_not_open: 409, burst: 422, not_in_alert: 422, last_post: 422 };

/** The domain's refusal as the console's error; anything else is not ours to word. */
async function refusalsAsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GroupingRefusal) throw new GroupingError(err.message, REFUSAL_STATUS[err.kind]);
    throw err;
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
  const [from, target] = [await ctx.store.alerts.get(fromId), await ctx.store.alerts.get(into)];
  if (!from) throw new GroupingError('预警不存在', 404);
  if (!target) throw new GroupingError(`没有编号为 ${into} 的预警`, 422);
  const why = note(text);
  const merged = await refusalsAsErrors(() =>
    ctx.store.alerts.merge(from.id, target.id, { actor: ctx.actor ?? '未知', at: new Date().toISOString(), note: why }),
  );
  await audit(ctx, 'alert.merge', target.id, `并入预警 ${from.id}（${from.title}）${why ? `；说明：${why}` : ''}`);
  return merged;
}

/** Moves one post out of an alert: it stands alone from now on. */
export async function movePostOut(ctx: AuditContext & { store: Store }, alertId: string, postId: string, text?: string | null): Promise<Alert> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert) throw new GroupingError('预警不存在', 404);
  const why = note(text);
  const updated = await refusalsAsErrors(() =>
    ctx.store.alerts.moveOut(alert.id, postId, { actor: ctx.actor ?? '未知', at: new Date().toISOString(), note: why }),
  );
  await audit(ctx, 'alert.move_out', alert.id, `移出帖子 ${postId}${why ? `；说明：${why}` : ''}`);
  return updated;
}
