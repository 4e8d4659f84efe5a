// Version diffs a reviewer can read, and readers' feedback that keeps nothing personal.
import { describe, expect, it } from 'vitest';
import { diffSummary, versionDiff } from '../../publicity/diff.ts';
import { FeedbackLimiter, parseFeedback, summarizeFeedback } from '../../publicity/feedback.ts';

describe('versionDiff', () => {
  it('shows changed lines with their line numbers and folds long unchanged stretches', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '每月 1,980.00 元'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '每月 2,050.00 元', '新的一行'].join('\n');
    const lines = versionDiff(before, after, 1);
    expect(lines[0]).toEqual({ kind: 'skipped', count: 6 });
    expect(lines).toContainEqual({ kind: 'removed', text: '每月 1,980.00 元', oldLine: 8, newLine: null });
    expect(lines).toContainEqual({ kind: 'added', text: '每月 2,050.00 元', oldLine: null, newLine: 8 });
    expect(diffSummary(lines)).toEqual({ added: 2, removed: 1 });
    expect(versionDiff('same\n', 'same\n').every((l) => l.kind !== 'added' && l.kind !== 'removed')).toBe(true);
  });
});

describe('parseFeedback', () => {
  const pages = new Set(['/explainers/severance/', '/calculators/unemployment/']);
  it('accepts a known page with yes/no and masks phone and ID numbers in the note', () => {
    const r = parseFeedback({ page: '/explainers/severance', useful: false, note: '打13812345678问了，身份证510722199001011234' }, pages);
    expect(r).toEqual({
      ok: true,
      value: { page: '/explainers/severance/', useful: false, note: expect.not.stringMatching(/13812345678|510722199001011234/) },
    });
    expect(r.ok && r.value.note).toContain('138****5678');
  });
  it('refuses unknown pages, missing answers and long notes in Chinese', () => {
    expect(parseFeedback({ page: '/console/', useful: true }, pages)).toEqual({ ok: false, error: '没有这个页面' });
    expect(parseFeedback({ page: '/explainers/nope/', useful: true }, pages)).toEqual({ ok: false, error: '没有这个页面' });
    expect(parseFeedback({ page: '/explainers/severance/', useful: 'yes' }, pages)).toEqual({ ok: false, error: '请选择“有用”或“没用”' });
    expect(parseFeedback({ page: '/explainers/severance/', useful: true, note: '字'.repeat(201) }, pages)).toMatchObject({ ok: false });
    expect(parseFeedback(null, pages)).toMatchObject({ ok: false });
  });
  it('summarizes per page, newest notes first', () => {
    const s = summarizeFeedback([
      { page: '/a/', useful: true, note: null, at: '2026-01-01' },
      { page: '/a/', useful: false, note: '旧', at: '2026-01-02' },
      { page: '/a/', useful: false, note: '新', at: '2026-01-03' },
    ]).get('/a/')!;
    expect(s).toMatchObject({ useful: 1, notUseful: 2 });
    expect(s.notes.map((n) => n.note)).toEqual(['新', '旧']);
  });
  it('limits answers per address per window', () => {
    const limiter = new FeedbackLimiter(2, 1000);
    expect([limiter.allow('ip', 0), limiter.allow('ip', 1), limiter.allow('ip', 2), limiter.allow('other', 2), limiter.allow('ip', 1000)]).toEqual([
      true,
      true,
      false,
      true,
      true,
    ]);
  });
});
