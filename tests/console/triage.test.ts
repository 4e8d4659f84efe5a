import { describe, expect, it } from 'vitest';
import type { PostLabel } from '../../store/types.ts';
import { describeCorrection, parseCorrection, TriageError } from '../../site/server/triage.ts';
import { mergeLabels } from '../../analysis/labelling/merged-labels.ts';

describe('triage corrections', () => {
  it('reads only the fields that were corrected', () => {
    expect(parseCorrection({ sentiment: 'negative', severity: '', topic: '' })).toEqual({ sentiment: 'negative', severity: null, topic: null });
    expect(parseCorrection({ severity: '0' })).toEqual({ sentiment: null, severity: 0, topic: null });
  });

  it('refuses unknown values naming the field, and a form that corrects nothing', () => {
    expect(() => parseCorrection({ sentiment: 'angry' })).toThrow(/情感（sentiment）/);
    expect(() => parseCorrection({ severity: '4' })).toThrow(/严重程度（severity）/);
    expect(() => parseCorrection({ topic: '<b>' })).toThrow(TriageError);
    expect(() => parseCorrection({ sentiment: '', severity: '', topic: '' })).toThrow(/至少更正/);
  });

  it('describes a correction in staff words', () => {
    expect(describeCorrection({ sentiment: 'positive', severity: 3, topic: 'pension' })).toBe('正面、严重程度 3 危机、主题 养老保险');
  });

  it('merges later corrections over earlier ones, field by field', () => {
    const label = (id: number, over: Partial<PostLabel>): PostLabel => ({
      id,
      postId: 'p',
      sentiment: null,
      severity: null,
      topic: null,
      actor: 'a',
      at: `2025-09-01T0${id}:00:00Z`,
      ...over,
    });
    const merged = mergeLabels([label(2, { severity: 1, actor: 'b' }), label(1, { sentiment: 'negative', severity: 3 })]).get('p');
    expect(merged).toMatchObject({ sentiment: 'negative', severity: 1, topic: null, actor: 'b' });
  });
});
