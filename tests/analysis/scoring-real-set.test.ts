// The real sets' machinery: development = every batch but the newest, test = the newest (or a stated reason
// while it is not here), the old hash split kept as a view, Cohen's kappa, merging two labelling passes with
// adjudication (into labels.jsonl or labels-2.jsonl), near-copy groups and grouped folds, the issue's
// table, and a clear skip when the research-only texts are absent.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohensKappa, companionFiles, mergePasses, otherBatchFiles, mergeToFiles, parsePass } from '../../analysis/corpus/real/merge.ts';
import { groupFolds, nearCopyGroups } from '../../analysis/corpus/real/groups.ts';
import {
  batchName,
  batchOrigin,
  loadDevelopment,
  loadRealSet,
  loadRealSets,
  oldSplitOf,
  readRealLabels,
  realFigures,
  REAL_BATCH_FILES,
  REAL_LABELS_FILE,
  REAL_TEST_LABELS_FILE,
  TEST_BATCH,
} from '../../analysis/corpus/real/real-set.ts';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('the development and test sets', () => {
  it('keeps the old hash split only as a view: fixed by the id, about 60% old dev', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `P${String(i).padStart(5, '0')}`);
    expect(ids.map(oldSplitOf)).toEqual(ids.map(oldSplitOf));
    const dev = ids.filter((id) => oldSplitOf(id) === 'old-dev').length / ids.length;
    expect(dev).toBeGreaterThan(0.55);
    expect(dev).toBeLessThan(0.65);
  });

  it('has the whole first batch as the development set', () => {
    expect(readRealLabels().length).toBeGreaterThanOrEqual(1000);
  });

  function pool() {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-sets-'));
    writeFileSync(
      join(dir, 'real_messages_pool.jsonl'),
      jsonl([
        { id: 'T1', text: '工资三个月没发' },
        { id: 'T2', text: '社保卡怎么补办' },
        { id: 'T3', text: '八十多名工人的工资拖了半年' },
        { id: 'T4', text: '小区门口的路灯坏了一个月' },
      ]),
    );
    const dev = join(dir, 'labels.jsonl');
    writeFileSync(dev, jsonl([{ id: 'T1', label: 'negative', severity: 1, topic: 'wages' }]));
    return { dir, dev };
  }

  it('says the fresh test set (the newest batch) is not here yet instead of measuring anything else', () => {
    const { dir, dev } = pool();
    const files = [dev, join(dir, 'labels-2.jsonl'), join(dir, 'labels-3.jsonl')];
    const sets = loadRealSets({ MINSHENG_SHARED_DATA: dir }, files);
    expect(sets.development.map((l) => [l.batch, l.ok])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(sets.test.ok).toBe(false);
    if (!sets.test.ok) expect(sets.test.reason).toContain('新的测试集（第三批）还没有放进来');
    // the shipped files: batch 14 (the 泰迪杯 附件2 messages) is the test file, batches 1–13 are development data
    expect(REAL_BATCH_FILES.map((f) => f.split('/').pop())).toEqual([
      'labels.jsonl',
      'labels-2.jsonl',
      'labels-3.jsonl',
      'labels-4.jsonl',
      'labels-5.jsonl',
      'labels-6.jsonl',
      'labels-7.jsonl',
      'labels-8.jsonl',
      'labels-9.jsonl',
      'labels-10.jsonl',
      'labels-11.jsonl',
      'labels-12.jsonl',
      'labels-13.jsonl',
      'labels-14.jsonl',
    ]);
    expect([TEST_BATCH, batchName(TEST_BATCH), REAL_TEST_LABELS_FILE.split('/').pop()]).toEqual([14, '第十四批', 'labels-14.jsonl']);
    expect([batchOrigin(13), batchOrigin(14)]).toEqual(['随机抽的原文池留言，多半不是人社的事', '泰迪杯附件2 的全部留言，不在原文池里，四分之一是人社的事']);
    expect([batchName(10), batchName(20), batchName(23)]).toEqual(['第十批', '第二十批', '第二十三批']);
  });

  it('reads every earlier batch as development data and the newest as the test set, refusing a batch that repeats an earlier id', () => {
    const { dir, dev } = pool();
    const dev2 = join(dir, 'labels-2.jsonl');
    const dev3 = join(dir, 'labels-3.jsonl');
    const test = join(dir, 'labels-4.jsonl');
    writeFileSync(dev2, jsonl([{ id: 'T2', label: 'neutral', severity: 0, topic: 'social_security_card' }]));
    writeFileSync(dev3, jsonl([{ id: 'T4', label: 'negative', severity: 1, topic: 'other' }]));
    writeFileSync(test, jsonl([{ id: 'T3', label: 'negative', severity: 2, topic: 'wages' }]));
    const files = [dev, dev2, dev3, test];
    const sets = loadRealSets({ MINSHENG_SHARED_DATA: dir }, files);
    expect(sets.test.ok && sets.test.lines.map((l) => [l.id, l.batch, l.severity])).toEqual([['T3', 4, 2]]);
    expect(sets.development.map((load) => load.ok && load.lines.map((l) => [l.id, l.batch]))).toEqual([[['T1', 1]], [['T2', 2]], [['T4', 3]]]);
    // the development data is the earlier batches in order, each line with its batch, and never the test batch
    const development = loadDevelopment({ MINSHENG_SHARED_DATA: dir }, files);
    expect(development.ok && development.lines.map((l) => [l.id, l.batch])).toEqual([
      ['T1', 1],
      ['T2', 2],
      ['T4', 3],
    ]);
    // a test batch holding a batch-3 id cannot measure rules written from batch 3
    writeFileSync(test, jsonl([{ id: 'T4', label: 'neutral', severity: 0, topic: 'other' }]));
    const again = loadRealSets({ MINSHENG_SHARED_DATA: dir }, files);
    expect(again.test.ok).toBe(false);
    if (!again.test.ok) expect(again.test.reason).toMatch(/1 个 id 也在前面的批次里（T4/);
    // nor can batch 3 repeat batch 1, and then the development data says why it cannot be read
    writeFileSync(dev3, jsonl([{ id: 'T1', label: 'negative', severity: 1, topic: 'wages' }]));
    const repeated = loadRealSets({ MINSHENG_SHARED_DATA: dir }, files);
    expect(repeated.development[2]!.ok).toBe(false);
    const broken = loadDevelopment({ MINSHENG_SHARED_DATA: dir }, files);
    expect(broken.ok === false && broken.reason).toMatch(/labels-3\.jsonl 有 1 个 id 也在前面的批次里/);
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

  it('writes a second batch to --out with its own adjudication and agreement files, never repeating a dev id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-merge-'));
    const out = join(dir, 'labels-2.jsonl');
    const { adjudication, agreement } = companionFiles(out);
    expect([adjudication, agreement]).toEqual([join(dir, 'adjudication-2.jsonl'), join(dir, 'agreement-2.json')]);
    expect(companionFiles(REAL_LABELS_FILE).adjudication).toMatch(/adjudication\.jsonl$/);
    const pass1 = join(dir, 'p1.jsonl');
    const pass2 = join(dir, 'p2.jsonl');
    writeFileSync(
      pass1,
      jsonl([
        { id: 'Y1', label: 'negative', severity: 2, topic: 'wages' },
        { id: 'Y2', label: 'neutral', severity: 0, topic: 'other' },
      ]),
    );
    writeFileSync(
      pass2,
      jsonl([
        { id: 'Y1', label: 'negative', severity: 2, topic: 'wages' },
        { id: 'Y2', label: 'negative', severity: 1, topic: 'other' },
      ]),
    );
    const dev = join(dir, 'labels.jsonl');
    writeFileSync(dev, jsonl([{ id: 'Z9', label: 'negative', severity: 1, topic: 'wages' }]));
    const files = { pass1, pass2, out, adjudication, agreement, allowUnsettled: false, disjointFrom: [dev] };
    const unsettled = mergeToFiles(files);
    expect(unsettled.written).toBe(false);
    expect(existsSync(out)).toBe(false);
    writeFileSync(adjudication, jsonl([{ id: 'Y2', label: 'negative', severity: 1, topic: 'other' }]));
    expect(mergeToFiles(files).written).toBe(true);
    expect(readRealLabels(out).map((l) => [l.id, l.label, l.severity])).toEqual([
      ['Y1', 'negative', 2],
      ['Y2', 'negative', 1],
    ]);
    expect(JSON.parse(readFileSync(agreement, 'utf8'))).toMatchObject({ labelledByBoth: 2, agreedOnAll: 1, adjudicated: 1 });
    writeFileSync(dev, jsonl([{ id: 'Y1', label: 'negative', severity: 2, topic: 'wages' }]));
    const repeated = mergeToFiles(files);
    expect(repeated.written === false && repeated.reason).toMatch(/1 个 id 已在/);
  });

  it('keeps a batch apart from every other batch, the test batch included', () => {
    const names = (out: string) => otherBatchFiles(out).map((f) => f.split('/').pop());
    // (the list itself is pinned by the test above)
    const all = REAL_BATCH_FILES.map((f) => f.split('/').pop());
    expect(names(REAL_TEST_LABELS_FILE)).toEqual(all.filter((f) => f !== REAL_TEST_LABELS_FILE.split('/').pop()));
    expect(names(REAL_BATCH_FILES[2]!)).toEqual(all.filter((f) => f !== 'labels-3.jsonl'));
    expect(names(REAL_LABELS_FILE)).toEqual(all.filter((f) => f !== 'labels.jsonl'));
  });

  it('names the file and line of a bad label', () => {
    expect(() => parsePass('{"id":"X","label":"angry","severity":1,"topic":"wages"}', 'p.jsonl')).toThrow('p.jsonl 第 1 行');
    expect(() => parsePass('{"id":"X","label":"negative","severity":1,"topic":"housing"}', 'p.jsonl')).toThrow('topic');
  });
});

describe('near-copy groups and grouped folds', () => {
  it('puts near-copies of one message in one group and each group in exactly one fold', () => {
    const a = '我们公司八十多名工人的工资从去年十月拖到现在，多次找老板都没有结果';
    const texts = [a, a.replace('八十多名', '七十多名'), '社保卡丢了在哪里补办，需要带什么材料', a + '，恳请领导过问', '孩子上学的事情想咨询一下政策'];
    const groups = nearCopyGroups(texts);
    expect(groups).toEqual([[0, 1, 3], [2], [4]]);
    const folds = groupFolds(groups, 2);
    expect(new Set([folds[0], folds[1], folds[3]]).size).toBe(1);
    // the big group fills one fold; the two singles go to the other
    expect(folds[2]).toBe(folds[4]);
    expect(folds[2]).not.toBe(folds[0]);
    expect(() => groupFolds(groups, 1)).toThrow('折数');
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
    // the 人社 complaints alone (wages and pension; "other" left out): one of two gets its line
    expect([f.rensheComplaints, f.topicOnRenshe]).toEqual([2, 0.5]);
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

  it('reads the 泰迪杯 附件2 messages beside the pool by "T" and their 留言编号', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-shared-'));
    writeFileSync(join(dir, 'real_messages_pool.jsonl'), JSON.stringify({ id: 'P00001', text: '路灯坏了一个月' }) + '\n');
    writeFileSync(join(dir, 'tipdm2020_gov_messages.jsonl'), jsonl([{ orig_id: '37', text: '单位三个月没交社保', label: null }]));
    const labels = join(dir, 'labels.jsonl');
    writeFileSync(
      labels,
      jsonl([
        { id: 'P00001', label: 'negative', severity: 1, topic: 'other' },
        { id: 'T37', label: 'negative', severity: 1, topic: 'social_insurance' },
        { id: 'T38', label: 'neutral', severity: 0, topic: 'other' },
      ]),
    );
    const r = loadRealSet({ MINSHENG_SHARED_DATA: dir }, labels);
    expect(r.ok && r.lines.map((l) => [l.id, l.text])).toEqual([
      ['P00001', '路灯坏了一个月'],
      ['T37', '单位三个月没交社保'],
    ]);
    expect(r.ok && r.missing).toEqual(['T38']);
  });

  it('keeps no text in the committed labels, only ids and labels', () => {
    for (const file of REAL_BATCH_FILES) {
      const rows = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(
        rows.every((r) => typeof r.id === 'string' && /^(?:P\d{5}|T\d+)$/.test(r.id) && !('text' in r)),
        file,
      ).toBe(true);
    }
  });
});
