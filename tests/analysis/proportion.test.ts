// The 95% intervals the reports put beside each share, and the verdict a bureau reads off them: a figure
// measured on 25 letters must not be read as if it came from 2,500.
import { describe, expect, it } from 'vitest';
import { formatInterval, verdict, wilsonInterval } from '../../analysis/proportion.ts';
import { formatRealFigures, realFigures } from '../../analysis/corpus/real/real-set.ts';
import { evaluate, formatEvaluation } from '../../analysis/sentiment/evaluate.ts';

describe('wilsonInterval', () => {
  it('gives the textbook Wilson interval: 18 of 25 is 52.4–85.7%', () => {
    const [low, high] = wilsonInterval(18, 25);
    expect(low).toBeCloseTo(0.5242, 4);
    expect(high).toBeCloseTo(0.8572, 4);
    expect(formatInterval([low, high])).toBe('52.4–85.7%');
  });

  it('narrows as the set grows around the same share', () => {
    const width = ([l, h]: [number, number]) => h - l;
    expect(width(wilsonInterval(720, 1000))).toBeLessThan(width(wilsonInterval(72, 100)) / 3);
  });

  it('stays inside 0–1 at none and at all, and says nothing of an empty set', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('refuses counts that are not a share', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe('verdict', () => {
  it('calls a floor met only when the whole interval is above it, missed when the whole is below', () => {
    expect(verdict(wilsonInterval(950, 1000), 0.85, 'floor')).toBe('met');
    expect(verdict(wilsonInterval(700, 1000), 0.85, 'floor')).toBe('missed');
    // 18 of 25 (72%) is below 85%, but 25 letters cannot rule 85% out
    expect(verdict(wilsonInterval(18, 25), 0.85, 'floor')).toBe('unsure');
  });

  it('reads a ceiling the other way round', () => {
    expect(verdict(wilsonInterval(1, 1000), 0.02, 'ceiling')).toBe('met');
    expect(verdict(wilsonInterval(100, 1000), 0.02, 'ceiling')).toBe('missed');
    // batch 14's 2 of 398 complaints read as praise: under 2% even at the interval's top
    expect(verdict(wilsonInterval(2, 398), 0.02, 'ceiling')).toBe('met');
    expect(verdict(wilsonInterval(5, 398), 0.02, 'ceiling')).toBe('unsure');
  });
});

describe('reports', () => {
  // 25 letters labelled 3, 18 of them scored 3, and 17 others scored 3 too
  const lines = [
    ...Array.from({ length: 25 }, (_, i) => ({ text: `t${i}`, sentiment: 'negative' as const, severity: 3, topic: 'wages' })),
    ...Array.from({ length: 17 }, (_, i) => ({ text: `u${i}`, sentiment: 'negative' as const, severity: 1, topic: 'other' })),
  ];
  const scores = lines.map((_, i) => ({ sentiment: 'negative' as const, severity: (i < 18 || i >= 25 ? 3 : 1) as 1 | 3, topic: 'wages' }));

  it("puts the interval and the verdict beside each share of issue 12's table", () => {
    const table = formatRealFigures([['示例', realFigures(lines, scores)]]);
    expect(table).toContain('| 严重度 3 召回 / 精确 | 72.0%（52.4–85.7%，说不准） / 51.4%（35.6–67.0%，说不准）（25 条） | ≥ 85% / ≥ 50% |');
    // 25 of 42 complaints get their topic: few letters, but the whole interval is below 80%
    expect(table).toContain('| 投诉的主题准确率 | 59.5%（44.5–73.0%，未达到） | ≥ 80% |');
  });

  it('puts the intervals beside the severity lines of npm run eval', () => {
    const byText = new Map(lines.map((l, i) => [l.text, { ...scores[i]! }]));
    const report = formatEvaluation(
      '示例',
      evaluate(lines, (t) => byText.get(t)!),
    );
    expect(report).toContain('=3：召回率 72.0%（25 条，95% 区间 52.4–85.7%），精确率 51.4%（判定 35 条，95% 区间 35.6–67.0%）');
  });
});
