// How the scores the system gave held up against the bureau's own labels: issue 12's targets measured on the
// bureau's posts, from the store alone (the console shows it; `npm run eval` rescoring the same posts is the
// other way). Pure.
//
// Which posts count: labelled for sentiment, severity and topic alike (the table needs all three; the queue
// always asks for all three), and scored before anyone labelled them. A post scored again after its label
// (a model retrained on that label, then `minsheng analyze` again) would measure how well the model fits its
// own training data, not how it does on posts it has not seen. The posts the queue drew at random are reported
// apart: the unsure picks are harder than the posts that come next, so only the random ones stand for those.
import type { PostLabel, Score } from '../../store/types.ts';
import { realFigures, type RealFigures } from '../corpus/real/real-set.ts';
import { mergeLabels } from './merged-labels.ts';

export interface LabelCheck {
  /** Every counted post, and the random picks among them (null when there are none). */
  all: RealFigures | null;
  random: RealFigures | null;
  /**
   * The model versions that gave the counted scores, with how many each (scores stay as first given, so after a
   * retraining older posts still show the older model), most first.
   */
  models: { model: string; posts: number }[];
  /** Labelled posts left out, and why. */
  leftOut: {
    /** Not labelled for all of sentiment, severity and topic. */
    partial: number;
    /** No score stored (the post was labelled before it was analysed, or its score is gone). */
    unscored: number;
    /** Scored again after it was labelled. */
    rescored: number;
  };
}

export function checkOnLabels(labels: readonly PostLabel[], scores: ReadonlyMap<string, Score>): LabelCheck {
  const firstLabelled = new Map<string, string>();
  for (const l of labels) {
    const seen = firstLabelled.get(l.postId);
    if (seen === undefined || Date.parse(l.at) < Date.parse(seen)) firstLabelled.set(l.postId, l.at);
  }
  const leftOut = { partial: 0, unscored: 0, rescored: 0 };
  const counted: { gold: { sentiment: NonNullable<PostLabel['sentiment']>; severity: number; topic: string }; score: Score; random: boolean }[] = [];
  for (const [postId, m] of mergeLabels(labels)) {
    if (m.sentiment === null || m.severity === null || m.topic === null) {
      leftOut.partial++;
      continue;
    }
    const score = scores.get(postId);
    if (!score) {
      leftOut.unscored++;
      continue;
    }
    if (Date.parse(score.scoredAt) > Date.parse(firstLabelled.get(postId)!)) {
      leftOut.rescored++;
      continue;
    }
    counted.push({ gold: { sentiment: m.sentiment, severity: m.severity, topic: m.topic }, score, random: m.random === true });
  }
  const figures = (rows: typeof counted) =>
    rows.length
      ? realFigures(
          rows.map((r) => r.gold),
          rows.map((r) => r.score),
        )
      : null;
  const byModel = new Map<string, number>();
  for (const r of counted) byModel.set(r.score.model, (byModel.get(r.score.model) ?? 0) + 1);
  const models = [...byModel].map(([model, posts]) => ({ model, posts })).sort((a, b) => b.posts - a.posts || a.model.localeCompare(b.model));
  return { all: figures(counted), random: figures(counted.filter((r) => r.random)), models, leftOut };
}

/** The columns to show, named for staff: the random picks first (they stand for the posts to come), then all. */
export function checkParts(check: LabelCheck): [string, RealFigures][] {
  return [
    ...(check.random ? [['随机抽到的', check.random] as [string, RealFigures]] : []),
    ...(check.all ? [['全部（含因为拿不准才排到前面的）', check.all] as [string, RealFigures]] : []),
  ];
}
