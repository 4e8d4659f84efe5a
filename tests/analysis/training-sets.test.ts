// A bureau's labels become each model's training examples: every field teaches only its own model, the
// bureau's label wins over a shipped example with the same text, and a bad line is named in Chinese.
import { describe, expect, it } from 'vitest';
import { cannotTrain, mergeTrainingSets, ownExamples, ownFromTriage, parseOwnLabels, severityThresholdOn } from '../../analysis/labelling/training-sets.ts';
import type { Severity } from '../../store/types.ts';
import type { MergedLabel } from '../../analysis/labelling/merged-labels.ts';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('parseOwnLabels', () => {
  it('reads lines labelled for any of the three fields, the Chinese sentiment words included', () => {
    const own = parseOwnLabels(
      jsonl([
        { text: '工资拖了半年', label: '负面', severity: 2, topic: 'wages' },
        { text: '大厅里围了很多人', severity: 3 },
        { text: '社保卡怎么激活', topic: 'social_security_card' },
      ]),
      'f.jsonl',
    );
    expect(own).toEqual([
      { text: '工资拖了半年', sentiment: 'negative', severity: 2, topic: 'wages' },
      { text: '大厅里围了很多人', sentiment: null, severity: 3, topic: null },
      { text: '社保卡怎么激活', sentiment: null, severity: null, topic: 'social_security_card' },
    ]);
  });

  it('names the line and what is wrong with it', () => {
    const bad = (row: object) => () => parseOwnLabels(jsonl([{ text: '工资没发', label: 'negative' }, row]), 'f.jsonl');
    expect(bad({ text: '工资没发', label: 'angry' })).toThrow('f.jsonl 第 2 行：label（或 sentiment）应为 negative、neutral 或 positive');
    expect(bad({ text: '工资没发', severity: 4 })).toThrow('第 2 行：severity 应为 0 到 3 的整数');
    expect(bad({ text: '工资没发', topic: '工资' })).toThrow(/第 2 行：topic 应为 wages、.*之一/);
    expect(bad({ text: '工资没发' })).toThrow('第 2 行：至少要有 label、severity、topic 中的一项');
    expect(bad({ text: '  ', label: 'negative' })).toThrow('第 2 行：text 应为非空文字');
    expect(() => parseOwnLabels('{"text": 没有引号}\n', 'f.jsonl')).toThrow('f.jsonl 第 1 行不是合法的 JSON');
  });
});

describe('ownExamples and mergeTrainingSets', () => {
  it('gives each model only the posts labelled for its field: severity 3 is a crisis, 2–3 is serious', () => {
    const sets = ownExamples([
      { text: 'a', sentiment: 'negative', severity: null, topic: null },
      { text: 'b', sentiment: null, severity: 3, topic: null },
      { text: 'c', sentiment: null, severity: 2, topic: 'wages' },
    ]);
    expect(sets).toEqual({
      sentiment: [{ text: 'a', label: 'negative' }],
      crisis: [
        { text: 'b', crisis: true },
        { text: 'c', crisis: false },
      ],
      serious: [
        { text: 'b', serious: true },
        { text: 'c', serious: true },
      ],
      topic: [{ text: 'c', topic: 'wages' }],
    });
  });

  it("keeps the bureau's label for a text the shipped examples also hold, and counts the ones it changed", () => {
    const shipped = {
      sentiment: [{ text: '工资拖了半年', label: 'neutral' as const }],
      crisis: [
        { text: '大厅里围了很多人', crisis: false },
        { text: '明天去县政府', crisis: true },
      ],
      serious: [{ text: '大厅里围了很多人', serious: false }],
      topic: [{ text: '社保卡怎么激活', topic: 'social_security_card' as const }],
    };
    const own = ownExamples([
      { text: '工资拖了半年', sentiment: 'negative', severity: null, topic: null },
      { text: ' 大厅里围了很多人 ', sentiment: null, severity: 3, topic: null },
      { text: '明天去县政府', sentiment: null, severity: 3, topic: null },
    ]);
    const { sets, overridden } = mergeTrainingSets(shipped, own);
    expect(overridden).toEqual({ sentiment: 1, crisis: 1, serious: 1, topic: 0 });
    expect(sets.serious).toEqual([
      { text: ' 大厅里围了很多人 ', serious: true },
      { text: '明天去县政府', serious: true },
    ]);
    expect(sets.crisis).toEqual([
      { text: ' 大厅里围了很多人 ', crisis: true },
      { text: '明天去县政府', crisis: true },
    ]);
    expect(sets.sentiment).toEqual([{ text: '工资拖了半年', label: 'negative' }]);
    expect(sets.topic).toEqual(shipped.topic);
  });

  it('says why a model cannot be trained from one class alone', () => {
    const sets = ownExamples([
      { text: 'a', sentiment: 'negative', severity: 2, topic: 'wages' },
      { text: 'b', sentiment: 'neutral', severity: 1, topic: 'wages' },
    ]);
    expect(cannotTrain('sentiment', sets)).toBeNull();
    expect(cannotTrain('crisis', sets)).toBe('严重度标注里要既有 3 又有 0–2');
    expect(cannotTrain('serious', sets)).toBeNull();
    expect(cannotTrain('serious', { ...sets, serious: [{ text: 'a', serious: true }] })).toBe('严重度标注里要既有 2–3 又有 0–1');
    expect(cannotTrain('topic', sets)).toBe('至少要有两种主题');
    expect(cannotTrain('topic', { ...sets, topic: [] })).toBe('没有这一项的标注');
  });
});

describe('ownFromTriage', () => {
  it('takes the merged console labels as the text the scorer saw, leaving out posts no longer stored and labels holding only an unknown topic', () => {
    const label = (l: Partial<MergedLabel>): MergedLabel => ({
      sentiment: null,
      severity: null,
      topic: null,
      actor: 'zhang',
      at: '2026-12-06T00:00:00Z',
      ...l,
    });
    const labels = new Map([
      ['p1', label({ sentiment: 'negative', severity: 2, topic: 'wages' })],
      ['p2', label({ severity: 3 })],
      ['p3', label({ topic: '旧主题' })],
    ]);
    const texts = new Map([
      ['p1', '工资\n拖了半年'],
      ['p3', '社保卡'],
    ]);
    // a post picked because the model was unsure of it (or corrected in triage) is fitted on, but no threshold is chosen on it
    expect(ownFromTriage(labels, texts)).toEqual([{ text: '工资\n拖了半年', sentiment: 'negative', severity: 2, topic: 'wages', forThreshold: false }]);
  });

  it('chooses severity thresholds only on labels from a file and on posts the queue drew at random', () => {
    const label = (severity: Severity, random?: true): MergedLabel => ({
      sentiment: null,
      severity,
      topic: null,
      actor: 'li',
      at: '2026-12-07T00:00:00Z',
      ...(random ? { random } : {}),
    });
    const triage = ownFromTriage(
      new Map([
        ['unsure', label(2)],
        ['drawn', label(3, true)],
      ]),
      new Map([
        ['unsure', '工资拖了半年'],
        ['drawn', '一百多名工人堵了厂门'],
      ]),
    );
    const fromFile = parseOwnLabels('{"text":"社保断缴三个月","severity":1}\n{"text":"问一下退休手续","label":"neutral"}', 'own.jsonl');
    const own = [...triage, ...fromFile];
    // one flag per severity example, in the order of ownExamples' crisis and serious lists
    expect(ownExamples(own).serious.map((e) => e.text)).toEqual(['工资拖了半年', '一百多名工人堵了厂门', '社保断缴三个月']);
    expect(severityThresholdOn(own)).toEqual([false, true, true]);
  });
});
