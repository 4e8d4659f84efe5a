// When a bureau's severity labels are enough for `minsheng train` to choose the severity models' thresholds
// on its own posts, and how far it still is: the rule bureauModel (training-sets.ts) applies, and the
// progress the labelling page shows and `minsheng train` prints, from one place.
import type { Severity } from '../../store/types.ts';

/** Below these counts a bureau's severity labels are too few to choose a threshold on. */
export const THRESHOLD_MIN_LABELS = 100;
/** …and below this many labelled at the model's level (3 for the crisis model, 2–3 for the serious one). */
export const THRESHOLD_MIN_POSITIVES = 15;

/** Whether this many labels a threshold may be chosen on, this many of them at the model's level, are enough. */
export function enoughToChoose(labels: number, atLevel: number): boolean {
  return labels >= THRESHOLD_MIN_LABELS && atLevel >= THRESHOLD_MIN_POSITIVES;
}

export interface ThresholdReadiness {
  /** Severity labels a threshold may be chosen on: posts the queue drew at random, and labels from a file. */
  labels: number;
  /** Of them, labelled at the model's level (crisis: 3; serious letters: 2 or 3). */
  atLevel: number;
  missingLabels: number;
  missingAtLevel: number;
  ready: boolean;
  /**
   * About how many more of these labels it takes, at the share of them at the model's level so far (null
   * while none is: no share to go by). The labelling queue draws every other post at random, so twice as
   * many queue labels.
   */
  moreLabels: number | null;
}

/**
 * Whether a label from the console may be used to choose a threshold: only when the labelling queue drew the post
 * at random (queue.ts). Unsure picks and triage corrections are fitted on, not chosen on. Labels from a file
 * always may.
 */
export function choosesThreshold(label: { random?: true }): boolean {
  return label.random === true;
}

/** One label as the threshold choice counts it (OwnLabel fits; `forThreshold: false` = fitted on, not chosen on). */
export interface CountedLabel {
  severity: Severity | null;
  forThreshold?: boolean;
}

function readiness(labels: number, atLevel: number): ThresholdReadiness {
  const missingLabels = Math.max(0, THRESHOLD_MIN_LABELS - labels);
  const missingAtLevel = Math.max(0, THRESHOLD_MIN_POSITIVES - atLevel);
  const ready = enoughToChoose(labels, atLevel);
  const forLevel = atLevel > 0 ? Math.ceil((missingAtLevel * labels) / atLevel) : null;
  const moreLabels = ready ? 0 : forLevel === null ? null : Math.max(missingLabels, forLevel);
  return { labels, atLevel, missingLabels, missingAtLevel, ready, moreLabels };
}

/** How far the labels are from a threshold the crisis model (severity 3) and the serious-letter model (≥2) can each be chosen on. */
export function thresholdReadiness(labels: readonly CountedLabel[]): { serious: ThresholdReadiness; crisis: ThresholdReadiness } {
  const counted = labels.filter((l): l is CountedLabel & { severity: Severity } => l.severity !== null && l.forThreshold !== false);
  return {
    serious: readiness(counted.length, counted.filter((l) => l.severity >= 2).length),
    crisis: readiness(counted.length, counted.filter((l) => l.severity === 3).length),
  };
}
