// How sure a measured share is: a recall of 18 in 25 and one of 720 in 1,000 are both 72%, but only the
// second says much. The Wilson score interval stays inside 0–1 and behaves at 0 and n successes, where the
// textbook normal interval does not; the figures a bureau checks on a few hundred posts (25 severity-3
// letters) need it.

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The 95% Wilson score interval of a share of `successes` in `trials` ([0, 1] when there are none). */
export function wilsonInterval(successes: number, trials: number, z = Z95): [number, number] {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`successes 应为 0 到 trials 之间的整数：${successes} / ${trials}`);
  }
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // at 0 or all successes one end is exactly 0 or 1; rounding must not push it past
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === trials ? 1 : Math.min(1, centre + half)];
}

/** "52.4–85.7%": an interval for a report. */
export function formatInterval([low, high]: [number, number]): string {
  return `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%`;
}

/**
 * Whether a measured share meets a target, taking the interval into account: 'met' when even its low end
 * does (its high end for a ceiling such as "complaints read as praise ≤ 2%"), 'missed' when even the other end
 * does not, else 'unsure' (the set is too small to tell).
 */
export function verdict(interval: [number, number], target: number, kind: 'floor' | 'ceiling'): 'met' | 'missed' | 'unsure' {
  const [low, high] = interval;
  if (kind === 'floor') return low >= target ? 'met' : high < target ? 'missed' : 'unsure';
  return high <= target ? 'met' : low > target ? 'missed' : 'unsure';
}
