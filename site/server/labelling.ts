// The labelling queue over HTTP: which post to show (the rule is analysis/labelling/queue.ts), the
// keys the page offers, reading the form, and storing a label or a skip with who and when, audited.
import { isLabelPick, type LabelPick, type PostLabel, type Score, type Sentiment, type Severity, type Store, type Post } from '../../store/index.ts';
import { TOPICS, type Topic } from '../../analysis/topic.ts';
import { findNextPick, nextPick } from '../../analysis/labelling/queue.ts';
import { LabelRefused, saveLabel, skipPost } from '../../analysis/labelling/labels.ts';
import { mergeLabels } from '../../analysis/labelling/merged-labels.ts';
import { choosesThreshold, thresholdReadiness, type ThresholdReadiness } from '../../analysis/labelling/readiness.ts';
import { audit, type AuditContext } from './audit.ts';
import { describeCorrection } from './triage.ts';

/** One key per choice, shown on the page beside it: letters for sentiment and topic, digits for severity. */
export const SENTIMENT_KEYS: Record<Sentiment, string> = { negative: 'a', neutral: 's', positive: 'd' };
export const SEVERITY_KEYS: Record<Severity, string> = { 0: '0', 1: '1', 2: '2', 3: '3' };
export const TOPIC_KEYS: Record<Topic, string> = {
  wages: 'q',
  pension: 'w',
  social_insurance: 'e',
  unemployment: 'r',
  work_injury: 't',
  labor_dispute: 'y',
  employment_training: 'u',
  service_attitude: 'i',
  online_service: 'o',
  social_security_card: 'p',
  other: 'h',
};
export const SKIP_KEY = 'x';

export class LabellingError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type QueueLabel = { sentiment: Sentiment; severity: Severity; topic: Topic };

/** A JSON body as the form's string fields (severity may come as a number). */
export function fieldsOf(body: Record<string, unknown>): { sentiment: string; severity: string; topic: string } {
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  return { sentiment: text(body.sentiment), severity: text(body.severity), topic: text(body.topic) };
}

/** The queue asks for all three: a label the bureau can evaluate the scorer on needs each of them. */
export function parseQueueLabel(fields: { sentiment?: string | null; severity?: string | null; topic?: string | null }): QueueLabel {
  const value = (v: string | null | undefined) => (v ?? '').trim();
  const s = value(fields.sentiment);
  const sev = value(fields.severity);
  const t = value(fields.topic);
  const missing = [!s && '情感', !sev && '严重程度', !t && '主题'].filter(Boolean);
  if (missing.length) throw new LabellingError(`请选择${missing.join('、')}`, 422);
  if (!(s in SENTIMENT_KEYS)) throw new LabellingError(`情感（sentiment）取值无效：${s}`, 422);
  if (!/^[0-3]$/.test(sev)) throw new LabellingError(`严重程度（severity）应为 0 到 3：${sev}`, 422);
  if (!(TOPICS as readonly string[]).includes(t)) throw new LabellingError(`主题（topic）取值无效：${t}`, 422);
  return { sentiment: s as Sentiment, severity: Number(sev) as Severity, topic: t as Topic };
}

export interface QueueItem {
  post: Post;
  score: Score;
  /** Posts this officer could still label, this one included. */
  waiting: number;
  /** How the queue picked it (analysis/labelling/queue.ts): sent back with the label and stored with it. */
  pick: LabelPick;
}

/** The post this officer should label next, or null when nothing is left for them (`labels`: the store's, when already read). */
export async function nextToLabel(store: Store, actor: string, labels?: readonly PostLabel[]): Promise<QueueItem | null> {
  const pick = nextPick((labels ?? (await store.labels.list())).map((l) => l.pick));
  // Retention may delete the chosen post between the reads: then look again (it is gone from the queue too).
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = await findNextPick((filter) => store.labels.unlabelled(actor, filter), pick);
    if (!next) return null;
    const id = next.candidate.postId;
    const [post, score, waiting] = await Promise.all([store.posts.get(id), store.scores.get(id), store.labels.countUnlabelled(actor)]);
    if (post && score) return { post, score, waiting, pick: next.pick };
  }
  return null;
}

export interface LabellingProgress {
  /** Posts with a label (in the queue or corrected while triaging). */
  labelled: number;
  /** Of them, posts the queue drew at random. */
  random: number;
  /** How far the labels are from a threshold `minsheng train --from-triage` can choose (labels files aside). */
  readiness: { serious: ThresholdReadiness; crisis: ThresholdReadiness };
}

/** The bureau's labels so far, counted as `minsheng train --from-triage` counts them (latest per post, field by field). */
export function labellingProgress(labels: readonly PostLabel[]): LabellingProgress {
  const merged = [...mergeLabels(labels).values()];
  return {
    labelled: merged.length,
    random: merged.filter((m) => m.random).length,
    readiness: thresholdReadiness(merged.map((m) => ({ severity: m.severity, forThreshold: choosesThreshold(m) }))),
  };
}

/** The pick sent back with a label: absent from older pages (stored as unknown), else one of the two. */
export function parsePick(value: unknown): LabelPick | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (isLabelPick(value)) return value;
  throw new LabellingError(`挑选方式（pick）取值无效：${typeof value === 'string' ? value : typeof value}`, 422);
}

/** The domain's refusal as this page's error: a post retention deleted is gone (404). */
function refused(err: unknown): never {
  if (err instanceof LabelRefused)
    throw err.reason === 'unknown-post' ? new LabellingError('帖子不存在，可能已按保留期限删除', 404) : new LabellingError(err.message, 422);
  throw err;
}

export async function labelFromQueue(
  ctx: AuditContext & { store: Store },
  postId: string,
  label: QueueLabel,
  { at = new Date(), pick }: { at?: Date; pick?: LabelPick | undefined } = {},
): Promise<PostLabel> {
  const saved = await saveLabel(ctx.store, { postId, ...label, actor: ctx.actor ?? '未知', at: at.toISOString(), ...(pick ? { pick } : {}) }).catch(refused);
  await audit(ctx, 'post.label', postId, `标注队列：${describeCorrection(label)}`);
  return saved;
}

export async function skipInQueue(ctx: AuditContext & { store: Store }, postId: string, at = new Date()): Promise<void> {
  await skipPost(ctx.store, postId, ctx.actor ?? '未知', at.toISOString()).catch(refused);
  await audit(ctx, 'post.label.skip', postId, '标注队列：跳过（本人不再看到这条）');
}
