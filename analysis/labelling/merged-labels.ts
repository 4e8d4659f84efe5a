// The bureau's labels as they stand: labels are append-only, so a post's label is the latest of each field.
// The training (`minsheng train --from-triage`), the evaluation and the console all read them this way.
import type { PostLabel, Sentiment, Severity } from '../../store/types.ts';

export interface MergedLabel {
  sentiment: Sentiment | null;
  severity: Severity | null;
  topic: string | null;
  /** Who gave the latest label, and when. */
  actor: string;
  at: string;
  /** Set when any label of the post was given to a post the labelling queue drew at random. */
  random?: true;
}

/**
 * The latest label of each post, field by field: a later label that leaves a field empty keeps the
 * earlier value of that field (labels are append-only; nothing is overwritten in the store).
 */
export function mergeLabels(labels: readonly PostLabel[]): Map<string, MergedLabel> {
  const out = new Map<string, MergedLabel>();
  for (const l of [...labels].sort((a, b) => a.id - b.id)) {
    const prev = out.get(l.postId);
    out.set(l.postId, {
      sentiment: l.sentiment ?? prev?.sentiment ?? null,
      severity: l.severity ?? prev?.severity ?? null,
      topic: l.topic ?? prev?.topic ?? null,
      actor: l.actor,
      at: l.at,
      ...(l.pick === 'random' || prev?.random ? { random: true as const } : {}),
    });
  }
  return out;
}
