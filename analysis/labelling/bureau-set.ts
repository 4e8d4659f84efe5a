// The bureau's own labelled posts as an evaluation set: every post in the store that a duty officer
// labelled (in the labelling queue or while correcting an alert's post) with a sentiment, as the text
// the scorer saw. `npm run eval` reports it apart from the project's written sets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PostLabel } from '../../store/types.ts';
import type { Store } from '../../store/store.ts';
import { openStore } from '../../store/index.ts';
import { evaluate, formatEvaluation, type LabelledLine } from '../sentiment/evaluate.ts';
import { postText } from '../pipeline.ts';
import { formatRealFigures } from '../corpus/real/real-set.ts';
import { checkOnLabels, checkParts, type LabelCheck } from './label-check.ts';
import { mergeLabels } from './merged-labels.ts';

/** Labelled lines for `evaluate`, oldest label first, each with whether the queue drew it at random; posts with no sentiment label are left out. */
async function bureauLabelled(store: Store, labels: readonly PostLabel[]): Promise<{ line: LabelledLine; random: boolean }[]> {
  const merged = mergeLabels(labels);
  const withSentiment = [...merged].filter(([, m]) => m.sentiment !== null);
  const posts = new Map((await store.posts.getMany(withSentiment.map(([id]) => id))).map((p) => [p.id, p]));
  const out: { line: LabelledLine; random: boolean }[] = [];
  for (const [postId, m] of withSentiment) {
    const post = posts.get(postId);
    if (!post) continue;
    const line: LabelledLine = { text: postText(post), sentiment: m.sentiment! };
    if (m.severity !== null) line.severity = m.severity;
    if (m.topic !== null) line.topic = m.topic;
    out.push({ line, random: m.random === true });
  }
  return out;
}

/** Labelled lines for `evaluate`, oldest label first; posts with no sentiment label are left out. */
export async function bureauLabelledLines(store: Store): Promise<LabelledLine[]> {
  return (await bureauLabelled(store, await store.labels.list())).map((l) => l.line);
}

/**
 * The labels against the scores stored for their posts (label-check.ts): the console's 评分在本局标注上的效果 and the
 * end of the `npm run eval` section. `labels`: the store's, when already read.
 */
export async function storedScoreCheck(store: Store, labels?: readonly PostLabel[]): Promise<LabelCheck> {
  const all = labels ?? (await store.labels.list());
  return checkOnLabels(all, await store.scores.getMany([...new Set(all.map((l) => l.postId))]));
}

/** Where the bureau's store is: the data directory's SQLite file, or PostgreSQL when a URL is given. */
export interface BureauStoreLocation {
  dataDir: string;
  databaseUrl?: string;
}

/** The database named without its password (a URL's credentials never go into a report). */
function placeOf(where: BureauStoreLocation): string {
  if (!where.databaseUrl) return where.dataDir;
  const url = new URL(where.databaseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * The `npm run eval` section for the bureau's own labels in the store the environment names (the
 * data directory's SQLite file, or DATABASE_URL's PostgreSQL), kept apart from the project's written
 * sets; says so plainly when there is no SQLite file or no label yet.
 */
export async function bureauEvaluationSection(where: BureauStoreLocation, score: Parameters<typeof evaluate>[1]): Promise<string> {
  const title = `# 本局自己标注的帖子（工作台标注队列与研判更正，来自${where.databaseUrl ? ' DATABASE_URL 的 PostgreSQL' : '数据目录的库'}）`;
  // Opening SQLite would create an empty file; a missing one is reported instead.
  if (!where.databaseUrl && !existsSync(join(where.dataDir, 'minsheng.sqlite')))
    return `${title}
数据目录 ${where.dataDir} 里没有库，跳过（可用 MINSHENG_DATA 指定，或用 DATABASE_URL 指向 PostgreSQL）。`;
  const store = openStore(where.dataDir, { databaseUrl: where.databaseUrl });
  let labelled: { line: LabelledLine; random: boolean }[];
  let stored: LabelCheck;
  try {
    // one read of the labels for both tables
    const labels = await store.labels.list();
    labelled = await bureauLabelled(store, labels);
    stored = await storedScoreCheck(store, labels);
  } finally {
    await store.close();
  }
  const place = placeOf(where);
  if (!labelled.length)
    return `${title}
${place} 里还没有带情感的标注。`;
  const random = labelled.filter((l) => l.random).map((l) => l.line);
  return [
    title,
    '注意：用 minsheng train --from-triage 训练过之后，这些帖子就在训练数据里，下面的数是拟合程度而不是留出效果。',
    '',
    formatEvaluation(
      `本局标注（${place}）`,
      evaluate(
        labelled.map((l) => l.line),
        score,
      ),
    ),
    // The queue's unsure picks are the hardest posts: only the random ones say how the scorer does on the posts that come next.
    ...(random.length
      ? [
          '',
          formatEvaluation(`其中标注队列随机抽到的 ${random.length} 条（最能代表之后的帖子；因为拿不准才排到前面的那些比一般帖子难）`, evaluate(random, score)),
        ]
      : []),
    ...storedSection(stored),
  ].join('\n');
}

/**
 * The same posts against the scores stored for them when they were first analysed (label-check.ts), the way the
 * console's 评分在本局标注上的效果 shows them: unlike the rescoring above, still a measure on unseen posts after a
 * retraining, since only posts scored before their first label count.
 */
function storedSection(check: LabelCheck): string[] {
  const parts = checkParts(check);
  const { partial, unscored, rescored } = check.leftOut;
  return [
    '',
    '## 入库时的评分对照本局标注（评分早于第一次标注的帖子；训练之后仍是没见过的帖子上的效果）',
    parts.length ? formatRealFigures(parts) : '还没有三项都标了、评分又在标注之前的帖子。',
    ...(partial + unscored + rescored ? [`没有算进来：三项没标全的 ${partial} 条，没有评分的 ${unscored} 条，标注之后重新评过分的 ${rescored} 条。`] : []),
  ];
}
