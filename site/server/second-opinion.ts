// “第二意见” for one post of an alert: the embedded scorer by default, an LLM through Ollama when
// OLLAMA_HOST is set (analysis/second-opinion). The answer is shown, never stored as the score;
// asking is audited because it may send the (masked) post to another machine.
import type { Judgement, SecondOpinion } from '../../analysis/second-opinion/index.ts';
import type { Post, Store } from '../../store/index.ts';
import { audit, type AuditContext } from './audit.ts';
import { serverEnv } from './env.ts';

type Module = typeof import('../../analysis/second-opinion/index.ts');
let loaded: Promise<{ mod: Module; opinion: SecondOpinion }> | null = null;

/** Loaded on first use, so pages that never ask do not load the model. */
function secondOpinion() {
  return (loaded ??= (async () => {
    const mod = await import('../../analysis/second-opinion/index.ts');
    return { mod, opinion: mod.openSecondOpinion(serverEnv().llm) };
  })());
}

/**
 * The built-in opinion is the analysis's own scorer, so it reads what `minsheng analyze` reads: the data
 * directory's retrained weights (or MINSHENG_SENTIMENT_WEIGHTS) and the bureau's topic words, looked at again
 * on every request so a retraining or an edited config/topics.yaml shows without a restart. Like the analysis,
 * it keeps the words read before while an edit has mistakes.
 */
let chosenFor: string | null = null;
async function useAnalysisModels(): Promise<void> {
  const { chooseModels, refreshModels } = await import('../../analysis/weights.ts');
  const env = serverEnv();
  const choice = { dataDir: env.dataDir, sentimentWeights: env.sentimentWeights, topicsFile: env.topicsFile };
  const key = JSON.stringify(choice);
  if (key === chosenFor) {
    refreshModels();
    return;
  }
  chooseModels(choice);
  chosenFor = key;
}

export type SecondOpinionOutcome = { ok: true; postId: string; judgement: Judgement } | { ok: false; postId: string; error: string };

/** The text judged: title and body, as the duty officer sees them. */
export const postText = (post: Pick<Post, 'title' | 'body'>) => [post.title, post.body].filter(Boolean).join('\n');

/** Asks for a second opinion on a post that belongs to the alert; refusals and failures come back as Chinese text. */
export async function askSecondOpinion(ctx: AuditContext & { store: Store }, alertId: string, postId: string): Promise<SecondOpinionOutcome> {
  const alert = await ctx.store.alerts.get(alertId);
  if (!alert || !alert.postIds.includes(postId)) return { ok: false, postId, error: '该帖子不属于这条预警' };
  const [post] = await ctx.store.posts.getMany([postId]);
  if (!post) return { ok: false, postId, error: '帖子已按保留期限删除' };
  const { mod, opinion: judge } = await secondOpinion();
  try {
    if (judge.name === 'embedded') await useAnalysisModels();
    const judgement = await judge.judge(postText(post));
    await audit(ctx, 'alert.second_opinion', alertId, `帖子 ${postId}，${judgement.by}：${judgement.sentiment}，严重程度 ${judgement.severity}`);
    return { ok: true, postId, judgement };
  } catch (err) {
    const reason = err instanceof mod.SecondOpinionError ? err.message : `${judge.name} 无法给出意见（${(err as Error).message}）`;
    await audit(ctx, 'alert.second_opinion', alertId, `帖子 ${postId}，失败：${reason}`);
    return { ok: false, postId, error: reason };
  }
}
