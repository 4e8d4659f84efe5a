// Triage corrections: a duty officer says a post's sentiment, severity or topic was scored wrong.
// The correction is stored as a label (append-only, for `minsheng train`) and audited; the score
// itself is left as the model gave it, so later training can compare the two.
import type { PostLabel, Sentiment, Severity, Store } from '../../store/index.ts';
import { TOPICS, topicLabel } from '../../analysis/topic.ts';
import { audit, type AuditContext } from './audit.ts';
import { correctsSomething, LabelRefused, saveLabel } from '../../analysis/labelling/labels.ts';
import { SENTIMENT_LABEL } from '../../shared/vocabulary.ts';

export { SENTIMENT_LABEL };
export const SEVERITY_LABEL: Record<Severity, string> = { 0: '0 无', 1: '1 投诉', 2: '2 紧急', 3: '3 危机' };
const SENTIMENTS = Object.keys(SENTIMENT_LABEL) as Sentiment[];

export type Correction = Pick<PostLabel, 'sentiment' | 'severity' | 'topic'>;

export class TriageError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Form values → a correction; an empty field means “not corrected”. Unknown values are refused naming the field. */
export function parseCorrection(fields: { sentiment?: string | null; severity?: string | null; topic?: string | null }): Correction {
  const value = (v: string | null | undefined) => (v ?? '').trim();
  const s = value(fields.sentiment);
  const sev = value(fields.severity);
  const t = value(fields.topic);
  if (s && !SENTIMENTS.includes(s as Sentiment)) throw new TriageError(`情感（sentiment）取值无效：${s}`, 422);
  if (sev && !/^[0-3]$/.test(sev)) throw new TriageError(`严重程度（severity）应为 0 到 3：${sev}`, 422);
  if (t && !(TOPICS as readonly string[]).includes(t)) throw new TriageError(`主题（topic）取值无效：${t}`, 422);
  const correction = { sentiment: (s || null) as Sentiment | null, severity: sev ? (Number(sev) as Severity) : null, topic: t || null };
  if (!correctsSomething(correction)) throw new TriageError('请至少更正情感、严重程度或主题中的一项', 422);
  return correction;
}

/** “负面、严重程度 2 紧急、主题 欠薪/工资” */
export function describeCorrection(c: Correction): string {
  return [
    c.sentiment && SENTIMENT_LABEL[c.sentiment],
    c.severity !== null && `严重程度 ${SEVERITY_LABEL[c.severity]}`,
    c.topic && `主题 ${topicLabel(c.topic)}`,
  ]
    .filter(Boolean)
    .join('、');
}

/** Only posts of this alert can be corrected from its page. */
export async function correctPost(
  ctx: AuditContext & { store: Store },
  alertId: string,
  postId: string,
  correction: Correction,
  at = new Date(),
): Promise<PostLabel> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert) throw new TriageError('预警不存在', 404);
  if (!alert.postIds.includes(postId)) throw new TriageError('该帖子不属于本预警', 422);
  const label = await saveLabel(ctx.store, { postId, ...correction, actor: ctx.actor ?? '未知', at: at.toISOString() }).catch((err: unknown) => {
    if (err instanceof LabelRefused) throw new TriageError(err.message, err.reason === 'unknown-post' ? 404 : 422);
    throw err;
  });
  await audit(ctx, 'post.label', postId, `预警 ${alertId}：更正为 ${describeCorrection(correction)}`);
  return label;
}
