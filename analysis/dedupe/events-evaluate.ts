// Measuring event grouping on labelled incident sets: pairwise precision/recall (over all pairs of
// labelled posts) and B-cubed precision/recall/F1 (per post: how much of its predicted event is its
// true incident, and how much of its true incident is in its predicted event). Pure.

export interface GroupingMetrics {
  posts: number;
  groups: number;
  pairPrecision: number;
  pairRecall: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  truePairs: number;
  falsePairs: number;
  missedPairs: number;
}

/**
 * `truth`: post id → labelled incident; `predicted`: post id → predicted event (may hold more posts
 * than are labelled: only labelled posts are scored, unlabelled ones in an event do not count).
 */
export function groupingMetrics(truth: Map<string, string>, predicted: Map<string, string>): GroupingMetrics {
  const ids = [...truth.keys()].filter((id) => predicted.has(id));
  let tp = 0,
    fp = 0,
    fn = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      const same = truth.get(ids[a]!) === truth.get(ids[b]!);
      const joined = predicted.get(ids[a]!) === predicted.get(ids[b]!);
      if (same && joined) tp++;
      else if (joined) fp++;
      else if (same) fn++;
    }
  }
  const byTruth = new Map<string, string[]>();
  const byPred = new Map<string, string[]>();
  for (const id of ids) {
    (byTruth.get(truth.get(id)!) ?? byTruth.set(truth.get(id)!, []).get(truth.get(id)!)!).push(id);
    (byPred.get(predicted.get(id)!) ?? byPred.set(predicted.get(id)!, []).get(predicted.get(id)!)!).push(id);
  }
  let bp = 0,
    br = 0;
  for (const id of ids) {
    const t = byTruth.get(truth.get(id)!)!;
    const p = byPred.get(predicted.get(id)!)!;
    const both = p.filter((x) => truth.get(x) === truth.get(id)).length;
    bp += both / p.length;
    br += both / t.length;
  }
  bp /= ids.length || 1;
  br /= ids.length || 1;
  return {
    posts: ids.length,
    groups: byTruth.size,
    pairPrecision: tp + fp === 0 ? 1 : tp / (tp + fp),
    pairRecall: tp + fn === 0 ? 1 : tp / (tp + fn),
    bcubedPrecision: bp,
    bcubedRecall: br,
    bcubedF1: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br),
    truePairs: tp,
    falsePairs: fp,
    missedPairs: fn,
  };
}
