// How far a bureau's labels are from a threshold `minsheng train` can choose: what the labelling page shows
// and the training command prints, by the rule the training applies (analysis/labelling/readiness.ts).
import { describe, expect, it } from 'vitest';
import { enoughToChoose, thresholdReadiness, THRESHOLD_MIN_LABELS, THRESHOLD_MIN_POSITIVES } from '../../analysis/labelling/readiness.ts';
import { bureauCrisisModel } from '../../analysis/labelling/training-sets.ts';
import type { Severity } from '../../store/types.ts';

const labels = (n: number, severity: Severity | null, forThreshold?: boolean) =>
  Array.from({ length: n }, () => ({ severity, ...(forThreshold === undefined ? {} : { forThreshold }) }));

describe('thresholdReadiness', () => {
  it('has nothing to go by before any label: the full counts are missing and no estimate is made', () => {
    const r = thresholdReadiness([]);
    expect(r.serious).toEqual({ labels: 0, atLevel: 0, missingLabels: 100, missingAtLevel: 15, ready: false, moreLabels: null });
    expect(r.crisis.moreLabels).toBeNull();
  });

  it('counts only labels a threshold may be chosen on, and estimates the rest from the share at the level so far', () => {
    // 60 random picks (6 at 2, 2 at 3), and 40 unsure picks at 3 that count for fitting only
    const r = thresholdReadiness([...labels(52, 1), ...labels(6, 2, true), ...labels(2, 3), ...labels(40, 3, false), ...labels(30, null)]);
    expect(r.serious).toMatchObject({ labels: 60, atLevel: 8, missingLabels: 40, missingAtLevel: 7, ready: false });
    // 7 more serious posts at 8 in 60 take about 53 more labels, more than the 40 the count needs
    expect(r.serious.moreLabels).toBe(53);
    expect(r.crisis).toMatchObject({ labels: 60, atLevel: 2, missingAtLevel: 13, ready: false, moreLabels: 390 });
  });

  it('is ready exactly where the training starts choosing', () => {
    const r = thresholdReadiness([...labels(THRESHOLD_MIN_LABELS - THRESHOLD_MIN_POSITIVES, 0), ...labels(THRESHOLD_MIN_POSITIVES, 2)]);
    expect(r.serious).toMatchObject({ ready: true, missingLabels: 0, missingAtLevel: 0, moreLabels: 0 });
    expect(r.crisis.ready).toBe(false);
    expect(enoughToChoose(THRESHOLD_MIN_LABELS, THRESHOLD_MIN_POSITIVES)).toBe(true);
    expect(enoughToChoose(THRESHOLD_MIN_LABELS - 1, THRESHOLD_MIN_POSITIVES)).toBe(false);
    expect(enoughToChoose(THRESHOLD_MIN_LABELS, THRESHOLD_MIN_POSITIVES - 1)).toBe(false);
  });

  it('agrees with the crisis model training: not ready, no threshold chosen', () => {
    const own = [
      ...Array.from({ length: 99 }, (_, i) => ({ text: `第${i}号窗口办件慢了一点，群众有意见`, crisis: false })),
      ...Array.from({ length: 15 }, (_, i) => ({ text: `第${i}次，几十个人围住大厅不让办件`, crisis: true })),
    ];
    // 114 labels, 15 crises, but 14 of the crises were unsure picks: 100 labels, 1 crisis to choose on
    const thresholdOn = own.map((_, i) => i < 99 || i >= 113);
    const counted = own.map((e, i) => ({ severity: (e.crisis ? 3 : 1) as Severity, forThreshold: thresholdOn[i]! }));
    expect(thresholdReadiness(counted).crisis).toMatchObject({ labels: 100, atLevel: 1, ready: false });
    expect(bureauCrisisModel([], own, 0.6, thresholdOn).choice).toBeNull();
  });
});
