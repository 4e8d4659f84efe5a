// The console's check of the scoring against the bureau's own labels: which labelled posts count (all three
// fields labelled, scored before the first label), the random picks apart, and the figures on them.
import { describe, expect, it } from 'vitest';
import { checkOnLabels } from '../../analysis/labelling/label-check.ts';
import type { PostLabel, Score, Severity } from '../../store/types.ts';

let nextId = 1;
const label = (postId: string, at: string, fields: Partial<Pick<PostLabel, 'sentiment' | 'severity' | 'topic' | 'pick'>>): PostLabel => ({
  id: nextId++,
  postId,
  sentiment: null,
  severity: null,
  topic: null,
  actor: 'duty',
  at,
  ...fields,
});
const score = (postId: string, scoredAt: string, severity: Severity, sentiment: Score['sentiment'] = 'negative', topic = 'wages'): [string, Score] => [
  postId,
  { postId, sentiment, negative: 0.9, severity, topic, reasons: [], model: 'test', scoredAt },
];
const full = { sentiment: 'negative' as const, topic: 'wages' };

describe('checkOnLabels', () => {
  it('counts posts labelled for all three fields and scored before their first label, random picks apart', () => {
    const labels = [
      label('a', '2026-12-01T10:00:00Z', { ...full, severity: 3, pick: 'random' }),
      label('b', '2026-12-01T10:01:00Z', { ...full, severity: 3, pick: 'random' }),
      label('c', '2026-12-01T10:02:00Z', { ...full, severity: 3, pick: 'unsure' }),
      label('d', '2026-12-01T10:03:00Z', { ...full, severity: 1, pick: 'random' }),
    ];
    const scores = new Map([
      score('a', '2026-12-01T09:00:00Z', 3),
      score('b', '2026-12-01T09:00:00Z', 1),
      score('c', '2026-12-01T09:00:00Z', 1),
      score('d', '2026-12-01T09:00:00Z', 3),
    ]);
    const check = checkOnLabels(labels, scores);
    expect(check.leftOut).toEqual({ partial: 0, unscored: 0, rescored: 0 });
    expect(check.random).toMatchObject({ n: 3, severity3Support: 2, severity3Found: 1, severity3Raised: 2 });
    expect(check.all).toMatchObject({ n: 4, severity3Support: 3, severity3Found: 1 });
    expect(check.models).toEqual([{ model: 'test', posts: 4 }]);
  });

  it('leaves out posts labelled for only some fields, posts without a score, and posts scored again after their label', () => {
    const labels = [
      label('partial', '2026-12-01T10:00:00Z', { sentiment: 'negative' }),
      label('unscored', '2026-12-01T10:00:00Z', { ...full, severity: 2 }),
      label('rescored', '2026-12-01T10:00:00Z', { ...full, severity: 2, pick: 'random' }),
      label('kept', '2026-12-01T10:00:00Z', { ...full, severity: 2, pick: 'random' }),
    ];
    const scores = new Map([
      score('partial', '2026-12-01T09:00:00Z', 1),
      // retrained on its own label and scored again: a measure of fit, not of the posts to come
      score('rescored', '2026-12-02T09:00:00Z', 2),
      score('kept', '2026-12-01T09:00:00Z', 2),
    ]);
    const check = checkOnLabels(labels, scores);
    expect(check.leftOut).toEqual({ partial: 1, unscored: 1, rescored: 1 });
    expect(check.random).toMatchObject({ n: 1, severity2Found: 1 });
  });

  it('takes a later correction of one field over the earlier label, and keeps the post as scored before its first label', () => {
    const labels = [
      label('a', '2026-12-01T10:00:00Z', { ...full, severity: 1, pick: 'random' }),
      // corrected in triage the next day (after the post was scored again for another reason, it would not count)
      label('a', '2026-12-02T10:00:00Z', { severity: 2 }),
    ];
    const check = checkOnLabels(labels, new Map([score('a', '2026-12-01T09:00:00Z', 2)]));
    expect(check.random).toMatchObject({ n: 1, severity2Support: 1, severity2Found: 1 });
  });

  it('says there is nothing to check when no post counts', () => {
    expect(checkOnLabels([], new Map())).toEqual({ all: null, random: null, models: [], leftOut: { partial: 0, unscored: 0, rescored: 0 } });
  });
});
