// What makes a label (or a skip in the labelling queue) acceptable, decided here once for every
// store: a label corrects at least one of sentiment, severity and topic, and names a post that is
// still in the store (retention may have deleted it since the page was shown). The stores only
// persist; their foreign key and CHECK constraint remain as the last guard.
import type { PostLabel, Store } from '../../store/index.ts';

export type LabelRefusal = 'nothing-corrected' | 'unknown-post';

/** A label or skip the rules refuse; the message is for the duty officer. */
export class LabelRefused extends Error {
  constructor(
    readonly reason: LabelRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'LabelRefused';
  }
}

export const NOTHING_CORRECTED = '标注至少要改正情感、严重度或主题中的一项';
const unknownPost = (postId: string) => new LabelRefused('unknown-post', `帖子 ${postId} 不存在，可能已按保留期限删除`);

/** Whether a label corrects anything at all. */
export function correctsSomething(label: Pick<PostLabel, 'sentiment' | 'severity' | 'topic'>): boolean {
  return label.sentiment !== null || label.severity !== null || label.topic !== null;
}

async function assertPost(store: Store, postId: string): Promise<void> {
  if (!postId || !(await store.posts.get(postId))) throw unknownPost(postId);
}

/** Records a label (append-only); refuses one that corrects nothing or names an unknown post. */
export async function saveLabel(store: Store, label: Omit<PostLabel, 'id'>): Promise<PostLabel> {
  if (!correctsSomething(label)) throw new LabelRefused('nothing-corrected', NOTHING_CORRECTED);
  await assertPost(store, label.postId);
  return store.labels.save(label);
}

/** Records that `actor` skipped the post in the queue (again is harmless); refuses an unknown post. */
export async function skipPost(store: Store, postId: string, actor: string, at: string): Promise<void> {
  await assertPost(store, postId);
  await store.labels.skip(postId, actor, at);
}
