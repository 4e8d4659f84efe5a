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
  return n / (a.size + b.size - n || 1);
}

/**
 * Groups items whose texts share ≥ `threshold` of their 3-grams (Jaccard) with a group's first text, in
 * the order given; returns the items' indices per group.
 */
export function nearCopyGroups(texts: readonly string[], threshold = 0.4): number[][] {
  const out: { head: Set<string>; members: number[] }[] = [];
  texts.forEach((t, i) => {
    const g = trigrams(t);
    const hit = out.find((o) => jaccard(o.head, g) >= threshold);
    if (hit) hit.members.push(i);
    else out.push({ head: g, members: [i] });
  });
  return out.map((o) => o.members);
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
