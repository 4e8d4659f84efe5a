// Near-copies of one incident grouped together, and folds made of whole groups. One incident written
// twenty times (the real pool has such clusters) must count once when reading errors, and must sit on
// one side of a fold: otherwise a rule written from one copy "generalises" to its twins. Pure.

/** Character 3-grams of a text. */
export function trigrams(text: string): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) s.add(text.slice(i, i + 3));
  return s;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return jaccardOfCounts(n, a.size, b.size);
}

/** Jaccard from the size of the intersection and of each set (two empty sets: 0). */
function jaccardOfCounts(shared: number, a: number, b: number): number {
  return shared / (a + b - shared || 1);
}

/**
 * Groups items whose texts share ≥ `threshold` of their 3-grams (Jaccard) with a group's first text, in
 * the order given; returns the items' indices per group: each text joins the earliest group it is close
 * enough to, or starts a new one.
 *
 * Why an index: comparing every text with every group's first text took about three minutes on 7,000
 * letters, and `minsheng train` does it twice. Only groups whose first text shares a 3-gram with this one
 * can reach a threshold above 0, so an inverted index from 3-gram to group counts the shared 3-grams of
 * just those; the answer is the same as the all-pairs comparison (tests/analysis/near-copy-groups.test.ts).
 */
export function nearCopyGroups(texts: readonly string[], threshold = 0.4): number[][] {
  const members: number[][] = [];
  const headSize: number[] = [];
  const ids = new Map<string, number>();
  const postings: number[][] = []; // 3-gram id → groups whose first text has it, in group order
  let shared = new Int32Array(64);
  texts.forEach((t, i) => {
    const grams: number[] = [];
    for (const g of trigrams(t)) {
      let id = ids.get(g);
      if (id === undefined) {
        id = postings.length;
        ids.set(g, id);
        postings.push([]);
      }
      grams.push(id);
    }
    if (shared.length < members.length) {
      const grown = new Int32Array(members.length * 2);
      grown.set(shared);
      shared = grown;
    }
    const touched: number[] = [];
    for (const id of grams)
      for (const group of postings[id]!) {
        if (shared[group] === 0) touched.push(group);
        shared[group]!++;
      }
    let hit = -1;
    // Sharing nothing gives a Jaccard of 0, enough only for a threshold of 0 or below: then the first group.
    if (threshold <= 0 && members.length > 0) hit = 0;
    else
      for (const group of touched) if ((hit === -1 || group < hit) && jaccardOfCounts(shared[group]!, grams.length, headSize[group]!) >= threshold) hit = group;
    for (const group of touched) shared[group] = 0;
    if (hit !== -1) members[hit]!.push(i);
    else {
      const group = members.length;
      members.push([i]);
      headSize.push(grams.length);
      for (const id of grams) postings[id]!.push(group);
    }
  });
  return members;
}

/**
 * The fold (0..k-1) of each item: whole groups are dealt to folds, largest first, each to the fold with
 * the fewest items so far (ties to the lowest fold), so folds come out near equal in size and every
 * group sits in exactly one fold. Deterministic.
 */
export function groupFolds(groups: readonly number[][], k: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`折数应为不小于 2 的整数（收到 ${k}）`);
  const n = groups.reduce((a, g) => a + g.length, 0);
  const fold = new Array<number>(n).fill(-1);
  const sizes = new Array<number>(k).fill(0);
  const order = groups.map((_, i) => i).sort((a, b) => groups[b]!.length - groups[a]!.length || a - b);
  for (const gi of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (sizes[f]! < sizes[best]!) best = f;
    for (const i of groups[gi]!) fold[i] = best;
    sizes[best]! += groups[gi]!.length;
  }
  return fold;
}

/**
 * Lines up to batch `last` and the later lines less every near-copy of one of them: a bureau labels the first and
 * is measured on the second, and one incident must not be on both sides (tests/bench/queue-order.ts, bureau-loop.ts).
 */
export function splitAfterBatch<L extends { text: string; batch: number }>(lines: readonly L[], last: number): { first: L[]; next: L[] } {
  const groupOf = new Array<number>(lines.length);
  nearCopyGroups(lines.map((l) => l.text)).forEach((g, gi) => g.forEach((i) => (groupOf[i] = gi)));
  const firstGroups = new Set(lines.flatMap((l, i) => (l.batch <= last ? [groupOf[i]] : [])));
  return { first: lines.filter((l) => l.batch <= last), next: lines.filter((l, i) => l.batch > last && !firstGroups.has(groupOf[i])) };
}
