// Measuring the near-duplicate rules on the labelled posts: pair precision/recall for a set of
// thresholds, both for the pair decision itself and for the final clusters (which are
// transitive: A~B and B~C put A and C together too). Pure; the script below prints the grid.
import {
  clusterDocuments,
  computeFeatures,
  DEFAULT_DEDUPE_CONFIG,
  isSameIncident,
  pairScores,
  type DedupeConfig,
  type DocFeatures,
  type Thresholds,
} from './cluster.ts';
import { LABELLED_POSTS, labelledPairs, type LabelledPair, type LabelledPost } from './labelled.ts';

export interface PairMetrics {
  precision: number;
  recall: number;
  /** Recall on reworded pairs only (no forwarded copy involved). */
  rewordedRecall: number;
  /** Different incidents on the same topic wrongly joined. */
  hardFalsePositives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function metrics(pairs: LabelledPair[], predicted: (p: LabelledPair) => boolean): PairMetrics {
  let tp = 0,
    fp = 0,
    fn = 0,
    hardFp = 0,
    reworded = 0,
    rewordedHit = 0;
  for (const p of pairs) {
    const yes = predicted(p);
    if (p.same) {
      if (yes) tp++;
      else fn++;
      if (!p.repost) {
        reworded++;
        if (yes) rewordedHit++;
      }
    } else if (yes) {
      fp++;
      if (p.sameTopic) hardFp++;
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    rewordedRecall: reworded === 0 ? 1 : rewordedHit / reworded,
    hardFalsePositives: hardFp,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

export interface Evaluation {
  thresholds: Thresholds;
  pairs: PairMetrics;
  clusters: PairMetrics;
}

export function evaluateThresholds(
  thresholds: Thresholds,
  posts: readonly LabelledPost[] = LABELLED_POSTS,
  features: DocFeatures[] = computeFeatures([...posts], DEFAULT_DEDUPE_CONFIG),
): Evaluation {
  const pairs = labelledPairs(posts);
  const pairDecision = (p: LabelledPair) => isSameIncident(pairScores(features[p.a]!, features[p.b]!), thresholds);
  const config: DedupeConfig = { ...DEFAULT_DEDUPE_CONFIG, ...thresholds };
  const docs = posts.map((p, i) => ({ id: `p${String(i).padStart(3, '0')}`, title: p.title, body: p.body, at: i * 3_600_000, clusterId: null }));
  const cluster = clusterDocuments(docs, config, features);
  const clusterDecision = (p: LabelledPair) => cluster.get(docs[p.a]!.id) === cluster.get(docs[p.b]!.id);
  return { thresholds, pairs: metrics(pairs, pairDecision), clusters: metrics(pairs, clusterDecision) };
}

/** The grid the README reports. */
export function thresholdGrid(): Thresholds[] {
  const grid: Thresholds[] = [];
  for (const sharedWeightThreshold of [15, 20, 30, 40, 50]) {
    for (const keyTermThreshold of [0.1, 0.15, 0.2, 0.3]) {
      grid.push({ nearThreshold: DEFAULT_DEDUPE_CONFIG.nearThreshold, sharedWeightThreshold, keyTermThreshold });
    }
  }
  for (const nearThreshold of [0.3, 0.5, 0.7]) {
    grid.push({ nearThreshold, sharedWeightThreshold: Infinity, keyTermThreshold: Infinity });
  }
  return grid;
}
