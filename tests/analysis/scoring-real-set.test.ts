// The real development set's machinery: the fixed dev/test split, Cohen's kappa, merging two labelling
// passes with adjudication, the table, and a clear skip when the research-only texts are absent.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohensKappa, mergePasses, parsePass } from '../../analysis/corpus/real/merge.ts';
import { loadRealSet, readRealLabels, realFigures, REAL_LABELS_FILE, splitOf } from '../../analysis/corpus/real/real-set.ts';

describe('the dev/test split', () => {
  it('is fixed by the id and puts about 60% in dev', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `P${String(i).padStart(5, '0')}`);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
    const dev = ids.filter((id) => splitOf(id) === 'dev').length / ids.length;
    expect(dev).toBeGreaterThan(0.55);
    expect(dev).toBeLessThan(0.65);
  });

  it('is what the committed labels say', () => {
    const labels = readRealLabels();
    expect(labels.length).toBeGreaterThanOrEqual(800);
    for (const l of labels.slice(0, 50)) expect(l.split).toBe(splitOf(l.id));
  });
});

describe("Cohen's kappa", () => {
  it('is 1 for identical raters, 0 at chance, and matches a hand-computed case', () => {
    expect(cohensKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
    // observed 0.5; both raters say a half the time → expected 0.5 → kappa 0
    expect(cohensKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b'])).toBeCloseTo(0);
    // 10 items: agree on 8; each rater says a 6 times → pe = 0.6·0.6 + 0.4·0.4 = 0.52, po = 0.8 → 0.28/0.48
    const r1 = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
    const r2 = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'a'];
    expect(cohensKappa(r1, r2)).toBeCloseTo(0.28 / 0.48);
  });
});

describe('merging two passes', () => {
  const p1 = parsePass(
    [
      { id: 'X1', label: 'negative', severity: 2, topic: 'wages', why: 'a' },
      { id: 'X2', label: 'neutral', severity: 0, topic: 'pension', why: 'b' },
      { id: 'X3', label: 'negative', severity: 1, topic: 'other', why: 'c' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
    'p1',
  );
  const p2 = parsePass(
    [
      { id: 'X1', label: 'negative', severity: 2, topic: 'wages' },
      { id: 'X2', label: 'negative', severity: 1, topic: 'pension' },
      { id: 'X3', label: 'negative', severity: 3, topic: 'other' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
    'p2',
  );

  it('keeps agreed items, takes the adjudicator’s label for disagreements, and reports what is left', () => {
    const { merged } = mergePasses(p1, p2, new Map([['X2', { label: 'negative', severity: 1, topic: 'pension' }]]));
    expect(merged.map((m) => [m.id, m.settled, m.label, m.severity])).toEqual([
      ['X1', 'agreed', 'negative', 2],
      ['X2', 'adjudicated', 'negative', 1],
      ['X3', 'unsettled', 'negative', 1],
    ]);
    expect(merged[1]!.agreed).toEqual({ label: false, severity: false, topic: true });
  });

  it('names the file and line of a bad label', () => {
    expect(() => parsePass('{"id":"X","label":"angry","severity":1,"topic":"wages"}', 'p.jsonl')).toThrow('p.jsonl 第 1 行');
    expect(() => parsePass('{"id":"X","label":"negative","severity":1,"topic":"housing"}', 'p.jsonl')).toThrow('topic');
  });
});

describe('the issue’s table', () => {
  it('counts complaints read as positive or neutral, severity recall/precision and topic on complaints', () => {
    const lines = [
      { text: 'a', sentiment: 'negative' as const, severity: 3, topic: 'wages' },
      { text: 'b', sentiment: 'negative' as const, severity: 2, topic: 'other' },
      { text: 'c', sentiment: 'negative' as const, severity: 1, topic: 'pension' },
      { text: 'd', sentiment: 'neutral' as const, severity: 0, topic: 'other' },
    ];
    const scores = [
      { sentiment: 'negative' as const, severity: 3 as const, topic: 'wages' },
      { sentiment: 'positive' as const, severity: 0 as const, topic: 'other' },
      { sentiment: 'neutral' as const, severity: 2 as const, topic: 'wages' },
      { sentiment: 'negative' as const, severity: 3 as const, topic: 'other' },
    ];
    const f = realFigures(lines, scores);
    expect(f.complaints).toBe(3);
    expect(f.complaintsPositiveCount).toBe(1);
    expect(f.complaintsNeutral).toBeCloseTo(1 / 3);
    // negative: tp 1, fp 1, fn 2 → P 0.5, R 1/3 → F1 0.4
    expect(f.negativeF1).toBeCloseTo(0.4);
    expect(f.severity3Recall).toBe(1);
    expect(f.severity3Precision).toBe(0.5);
    expect(f.severity2Recall).toBe(0.5);
    expect(f.severity2Precision).toBeCloseTo(1 / 3);
    expect(f.topicOnComplaints).toBeCloseTo(2 / 3);
  });
});

describe('reading the real texts', () => {
  it('says clearly why it skips when the research-only data is not beside the repository', () => {
    const empty = mkdtempSync(join(tmpdir(), 'minsheng-noshared-'));
    const r = loadRealSet({ MINSHENG_SHARED_DATA: empty });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('找不到真实留言原文');
  });

  it('reads texts by id from the pool and reports ids it cannot find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-shared-'));
    writeFileSync(join(dir, 'real_messages_pool.jsonl'), JSON.stringify({ id: 'T1', text: '工资三个月没发' }) + '\n');
    const labels = join(dir, 'labels.jsonl');
    writeFileSync(
      labels,
      [
        { id: 'T1', label: 'negative', severity: 1, topic: 'wages' },
        { id: 'T2', label: 'neutral', severity: 0, topic: 'other' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const r = loadRealSet({ MINSHENG_SHARED_DATA: dir }, labels);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.lines.map((l) => [l.id, l.text, l.sentiment])).toEqual([['T1', '工资三个月没发', 'negative']]);
      expect(r.missing).toEqual(['T2']);
    }
  });

  it('keeps no text in the committed labels, only ids and labels', () => {
    const labels = readRealLabels(REAL_LABELS_FILE);
    expect(labels.every((l) => /^P\d{5}$/.test(l.id))).toBe(true);
  });
});
