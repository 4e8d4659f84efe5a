// Floors on a small labelled set written for this project (tests/analysis/fixtures/regression.jsonl:
// sentiment, severity and topic per line, never trained on). A change to the lexicon, the rules or
// the weights that drops a figure below its floor fails here, with the full report in the message.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scoreText } from '../../analysis/index.ts';
import { calibrationOf, evaluate, formatEvaluation, parseLabelledLines, type Evaluation, type LabelledLine } from '../../analysis/sentiment/evaluate.ts';
import { readShippedExamples } from '../../analysis/sentiment/train.ts';
import { jsonlFilesIn, TEST_DIR } from '../../analysis/corpus/index.ts';
import { batchName, formatRealFigures, loadRealSets, realFigures } from '../../analysis/corpus/real/real-set.ts';

const file = fileURLToPath(new URL('./fixtures/regression.jsonl', import.meta.url));
const regressionText = readFileSync(file, 'utf8');
const lines = parseLabelledLines(regressionText, file);

/** The figures the floors are set on; calibration error is negated so that, like the others, higher is better. */
function figuresOf(e: Evaluation) {
  return {
    negativeF1: e.perClass.negative.f1,
    macroF1: e.macroF1,
    severity3Recall: e.severity!.at3.recall,
    severity3Precision: e.severity!.at3.precision,
    severity2Recall: e.severity!.atLeast2.recall,
    topicAccuracy: e.topic!.accuracy,
    calibrationError: -e.calibration!.ece,
  };
}

/** The floors a figure falls below, as [name, floor] pairs (empty when all hold). */
function below(e: Evaluation, floors: Partial<ReturnType<typeof figuresOf>>): [string, number][] {
  const figures = figuresOf(e);
  return Object.entries(floors).filter(([k, floor]) => figures[k as keyof typeof figures] < floor!) as [string, number][];
}

describe('regression set', () => {
  it('is labelled for sentiment, severity and topic, and none of it is in the training examples', () => {
    expect(lines.length).toBeGreaterThanOrEqual(55);
    expect(lines.every((l) => l.severity !== undefined && l.topic !== undefined)).toBe(true);
    const trained = new Set(readShippedExamples().map((e) => e.text));
    expect(lines.filter((l) => trained.has(l.text)).map((l) => l.text)).toEqual([]);
    expect(lines.filter((l) => l.severity === 3).length).toBeGreaterThanOrEqual(10);
  });

  it('stays above the floors', () => {
    const e = evaluate(lines, scoreText);
    const floors = { negativeF1: 0.85, macroF1: 0.8, severity3Recall: 0.9, severity3Precision: 0.8, severity2Recall: 0.85, topicAccuracy: 0.75 };
    expect(below(e, floors), formatEvaluation('regression.jsonl', e)).toEqual([]);
  });
});

// The independent held-out sets (analysis/corpus/test/feed-*.jsonl, 1,200 posts written apart from
// the examples and the rules): the figures the README reports, with floors a little below them, so a
// change that loses real accuracy fails here and not in a duty officer's inbox.
describe('independent held-out sets', () => {
  const feeds = jsonlFilesIn(TEST_DIR).filter((f) => /feed-[a-z]+\.jsonl$/.test(f));
  const heldOut = feeds.flatMap((f) => parseLabelledLines(readFileSync(f, 'utf8'), f));

  it('stay above the floors', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    expect(heldOut.length).toBeGreaterThanOrEqual(1200);
    const e = evaluate(heldOut, scoreText);
    const floors = {
      negativeF1: 0.85,
      macroF1: 0.82,
      severity3Recall: 0.9,
      severity3Precision: 0.75,
      severity2Recall: 0.8,
      topicAccuracy: 0.77,
      calibrationError: -0.08,
    };
    expect(below(e, floors), formatEvaluation('feed-*.jsonl', e)).toEqual([]);
  });
});

describe('evaluate', () => {
  it('computes per-class figures, the confusion matrix and severity recall by hand-checkable numbers', () => {
    const gold = parseLabelledLines(
      [
        { text: 'a', label: 'negative', severity: 3 },
        { text: 'b', label: 'negative', severity: 2 },
        { text: 'c', sentiment: 'neutral', severity: 0 },
        { text: 'd', label: 'positive' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
      'x',
    );
    const fake: Record<string, { sentiment: 'negative' | 'neutral' | 'positive'; severity: 0 | 1 | 2 | 3; topic: string }> = {
      a: { sentiment: 'negative', severity: 3, topic: 'other' },
      b: { sentiment: 'neutral', severity: 1, topic: 'other' },
      c: { sentiment: 'neutral', severity: 3, topic: 'other' },
      d: { sentiment: 'positive', severity: 0, topic: 'other' },
    };
    const e = evaluate(gold, (t) => fake[t]!);
    expect(e.accuracy).toBe(0.75);
    expect(e.perClass.negative).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(e.perClass.neutral).toMatchObject({ precision: 0.5, recall: 1 });
    expect(e.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(e.severity).toMatchObject({ n: 3, at3: { recall: 1, precision: 0.5 }, atLeast2: { recall: 0.5, support: 2 } });
    expect(e.topic).toBeUndefined();
  });

  it('reports how well the probability of negative is calibrated', () => {
    // Four posts said 90% negative of which two are negative; four said 10% of which none is.
    const probabilities = [0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1];
    const negative = [true, true, false, false, false, false, false, false];
    const c = calibrationOf(probabilities, negative);
    expect(c.ece).toBeCloseTo(0.5 * 0.4 + 0.5 * 0.1, 10);
    expect(c.brier).toBeCloseTo((2 * 0.01 + 2 * 0.81 + 4 * 0.01) / 8, 10);
    expect(c.bins.filter((b) => b.n).map((b) => [b.n, b.shareNegative])).toEqual([
      [4, 0],
      [4, 0.5],
    ]);
    const lines = parseLabelledLines(regressionText, file);
    expect(evaluate(lines, scoreText).calibration!.ece).toBeLessThan(0.15);
    expect(formatEvaluation('r', evaluate(lines, scoreText))).toMatch(/负面概率的校准：Brier 0\.\d{3}，ECE/);
  });

  it('names the line of a bad label in Chinese', () => {
    expect(() => parseLabelledLines('{"text":"好","label":"good"}\n{"text":"坏","label":"negative","severity":5}', 'f.jsonl')).toThrow(
      /f\.jsonl 第 1 行：label/,
    );
    expect(() => parseLabelledLines('{"text":"坏","label":"negative","severity":5}', 'f.jsonl')).toThrow(/第 1 行：severity/);
  });
});

// The real sets (analysis/corpus/real/: real board messages labelled twice, disagreements adjudicated;
// texts read from ../shared/data, never committed). Development = every batch but the newest; rules are written
// from them (each but the first was the test set before it became development data): their floors sit at or
// a little below the measured figures (analysis/sentiment/README.md) and only catch a change that breaks what
// was reached; they are not evidence that a target is met. Test = the newest batch (random pool messages no
// rule writer has seen): held to the issue's targets until the lead's first look, after which the lead sets
// its floors (a target missed at that look is reported as not met, its floor just below the figure).
// Without the research-only data, or without the test batch, each is skipped saying why.
const realSets = loadRealSets(process.env);
type Floors = {
  negativeF1: number;
  complaintsPositive: number;
  s2r: number;
  s2p: number;
  s3r: number;
  s3p: number;
  topic: number;
  /** Topic on the complaints labelled with a 人社 line, where a batch has enough of them to say (tenth round on). */
  rensheTopic?: number;
};
/** The issue's targets. */
const TARGETS: Floors = { negativeF1: 0.9, complaintsPositive: 0.02, s2r: 0.85, s2p: 0.7, s3r: 0.85, s3p: 0.5, topic: 0.8 };
function holdsFloors(lines: LabelledLine[], name: string, floors: Floors) {
  const f = realFigures(
    lines,
    lines.map((l) => scoreText(l.text)),
  );
  const report = formatRealFigures([[name, f]]);
  expect(f.negativeF1, report).toBeGreaterThanOrEqual(floors.negativeF1);
  expect(f.complaintsPositive, report).toBeLessThanOrEqual(floors.complaintsPositive);
  expect(f.severity2Recall, report).toBeGreaterThanOrEqual(floors.s2r);
  expect(f.severity2Precision, report).toBeGreaterThanOrEqual(floors.s2p);
  expect(f.severity3Recall, report).toBeGreaterThanOrEqual(floors.s3r);
  expect(f.severity3Precision, report).toBeGreaterThanOrEqual(floors.s3p);
  expect(f.topicOnComplaints, report).toBeGreaterThanOrEqual(floors.topic);
  if (floors.rensheTopic !== undefined) expect(f.topicOnRenshe, report).toBeGreaterThanOrEqual(floors.rensheTopic);
}

/**
 * Each development batch's floors: at or just below what was measured after the last round that touched it. (Tenth round: the
 * serious-letter threshold 0.4 → 0.35 cost batches 2 and 6–12 half a point to a point and a half of ≥2 precision; their ≥2
 * precision floors moved with it.)
 */
const DEV_FLOORS: Record<number, { note: string; floors: Floors; size: number }> = {
  // Eleventh round: 600 more written border letters (train/liuyanban-severity-border-2.jsonl), all four models retrained, the
  // serious-letter threshold 0.35 → 0.4 by its rule: ≥2 recall up and precision down by under a point on batches 6–11 (on all
  // thirteen 81.7% / 76.2% → 82.4% / 75.8%); their ≥2 floors moved with it.
  // Measured after the sixth round (rules, sev6) with the models retrained on the 719 written register letters:
  // negative F1, complaints positive, ≥2 recall / precision, severity 3 recall / precision, topic.
  // 90.7%, 0.4%, 85.7% / 71.0%, 87.9% / 72.7%, 85.7%
  // (tenth round: topic on its 185 人社 complaints 64.3% → 69.2% with the medical-reimbursement, technical-school and staffing words)
  1: {
    note: '人社关键词候选',
    size: 950,
    floors: { negativeF1: 0.9, complaintsPositive: 0.02, s2r: 0.85, s2p: 0.7, s3r: 0.87, s3p: 0.72, topic: 0.86, rensheTopic: 0.69 },
  },
  // the test set until the third round; 93.0%, 0.5%, 82.1% / 79.8% (≥2 recall below the issue's 85%), 93.1% / 64.3%, 96.7%
  // (ninth round: 89.7% / 76.5% — a letter from hundreds of families that ends "特此请愿" is labelled 3 here and 2 in batch 1;
  // the letter calling itself a petition is no collective petition any more)
  2: { note: '第三轮前是测试集', size: 480, floors: { negativeF1: 0.92, complaintsPositive: 0.02, s2r: 0.82, s2p: 0.77, s3r: 0.89, s3p: 0.64, topic: 0.96 } },
  // the test set until the fifth round (first look 70.3% / 70.3%, 65.5% / 57.6%); 91.8%, 0.8%, 79.1% / 72.7% (≥2 recall
  // below 85%), 89.7% / 72.2%, 98.7% — in-sample: rules were written from its folds
  // (seventh round: the shipped serious-letter model trades ≥2 precision 72.5% → 70.8% for recall 79.7% → 81.3%; floor at the target)
  3: { note: '第五轮前是测试集', size: 480, floors: { negativeF1: 0.91, complaintsPositive: 0.02, s2r: 0.79, s2p: 0.7, s3r: 0.89, s3p: 0.72, topic: 0.98 } },
  // the test set until the sixth round (first look 76.0% / 80.2%, 66.7% / 50.0%); 93.3%, 0.3%, 80.3% / 82.7%, 70.0% / 72.4%
  // (both recalls below 85%), 99.2% — partly in-sample: rules were written from its folds 0–2
  4: { note: '第六轮前是测试集', size: 480, floors: { negativeF1: 0.93, complaintsPositive: 0.02, s2r: 0.8, s2p: 0.82, s3r: 0.7, s3p: 0.72, topic: 0.99 } },
  // the test set until the seventh round (first look 72.6% / 73.8%, 70.8% / 54.8%); after it (rules round 7, 703 border
  // letters, the shipped serious-letter model): 91.0%, 0.5%, 74.2% / 73.8%, 75.0% / 64.3% (both recalls below 85%), 99.5%
  // — in-sample: its errors were read for the seventh round (eighth round, the serious-letter threshold 0.45 → 0.4: ≥2
  // 75.3% / 72.6%)
  5: { note: '第七轮前是测试集', size: 480, floors: { negativeF1: 0.9, complaintsPositive: 0.02, s2r: 0.74, s2p: 0.72, s3r: 0.75, s3p: 0.64, topic: 0.99 } },
  // the test set at the seventh round's first look (93.0%, 0.2%, 78.6% / 79.0%, 82.6% / 54.3% — both recalls below 85%,
  // 99.8%); then batch 7 was measured with the same scorer. Its errors were read in the eighth round, which fixed misreadings
  // only (two letters labelled 2 were 3 only by misreading, "感受到市政府" and "堵车堵路"), then the group-action rules and
  // the threshold 0.4: 93.0%, 0.2%, 78.2% / 78.2%, 82.6% / 63.3%, 99.8%
  6: {
    note: '第七批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.92, complaintsPositive: 0.02, s2r: 0.79, s2p: 0.76, s3r: 0.82, s3p: 0.63, topic: 0.99 },
  },
  // the test set until batch 8 (first look 91.5%, 0.5%, 73.5% / 72.7%, 72.7% / 59.3%, 99.2%); its severity 3 errors were read
  // for the eighth round's group-action rules and misreadings: 91.5%, 0.5%, 74.6% / 73.4%, 81.8% / 66.7%, 99.2%
  7: {
    note: '第八批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.91, complaintsPositive: 0.02, s2r: 0.77, s2p: 0.71, s3r: 0.8, s3p: 0.66, topic: 0.99 },
  },
  // the test set until batch 9 (first look after the misreading fixes: 91.8%, 0.5%, 73.8% / 77.2%, 78.6% / 62.9%, 98.9%); its
  // severity 3 errors were read for the eighth round: 91.8%, 0.5%, 75.2% / 76.4%, 96.4% / 75.0%, 98.9% — in-sample
  8: {
    note: '第九批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.91, complaintsPositive: 0.02, s2r: 0.79, s2p: 0.74, s3r: 0.96, s3p: 0.74, topic: 0.98 },
  },
  // the test set until batch 10 (first look 93.5%, 0.0%, 83.5% / 81.3%, 84.6% / 44.9%, 98.5%); its severity 3 false alarms were
  // read and the misreadings among them fixed (罢工 of a lamp, 停尸房, 修路堵路, 拨打人工…): 93.5%, 0.0%, 82.1% / 81.4% (three
  // letters labelled 2 had reached 3 only by those misreadings), 84.6% / 55.0%, 98.5%
  9: {
    note: '第十批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.93, complaintsPositive: 0.02, s2r: 0.83, s2p: 0.79, s3r: 0.84, s3p: 0.55, topic: 0.98 },
  },
  // the test set until batch 11 (first look 93.2%, 0.2%, 76.6% / 80.9%, 78.9% / 48.4%, 99.8%); its severity 3 false alarms were
  // read for the ninth round (拥堵 in a threat, 住户聚集的社区, 要爬楼 with the lift broken, 被…烦死, 堵塞交通 by stalls, a
  // named crowd's 强烈反对, 很多人都去制止…) and its misses (出租车已停工): 93.2%, 0.2%, 75.1% / 81.1% (three letters labelled 2
  // had reached ≥2 only through those misreadings), 78.9% / 71.4%, 99.8%
  10: {
    note: '第十一批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.93, complaintsPositive: 0.02, s2r: 0.77, s2p: 0.79, s3r: 0.78, s3p: 0.71, topic: 0.99 },
  },
  // the test set until batch 12 (first look after the ninth round: 91.5%, 1.0%, 79.6% / 76.0%, 80.0% / 57.1%, 99.2%); its severity
  // 3 false alarms were read (围栏, a sign held up at a school gate, a jab): 91.5%, 1.0%, 79.6% / 77.2%, 80.0% / 62.5%, 99.2%
  11: {
    note: '第十二批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.91, complaintsPositive: 0.02, s2r: 0.81, s2p: 0.75, s3r: 0.8, s3p: 0.62, topic: 0.99 },
  },
  // the test set until batch 13 (first look with the same scorer as batch 11's: 92.6%, 0.0%, 80.5% / 80.9%, 64.0% / 61.5%, 99.0%);
  // its severity 3 errors were read (stalls 堵路, 等到出人命, 打手机, villagers seized, 集体决定拒绝收房…): 92.6%, 0.0%, 79.5% /
  // 81.1% (two letters labelled 2 had reached ≥2 only through misreadings), 72.0% / 90.0%, 99.0%
  12: {
    note: '第十三批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.92, complaintsPositive: 0.02, s2r: 0.79, s2p: 0.8, s3r: 0.72, s3p: 0.89, topic: 0.98 },
  },
  // the test set until batch 14 (first look after the ninth round: 90.9%, 1.0%, 76.4% / 80.3%, 68.2% / 62.5%, 99.7%); its severity
  // 3 errors were read for the tenth round (a roadblock threatened, a group's next petition, 齐聚省政府, many visits up to the
  // province; an office closing a road, a feared act) and the serious-letter threshold went 0.4 → 0.35: 90.9%, 1.0%, 80.8% / 79.6%,
  // 86.4% / 73.1%, 99.7%
  13: {
    note: '第十四批之前是测试集',
    size: 480,
    floors: { negativeF1: 0.9, complaintsPositive: 0.02, s2r: 0.8, s2p: 0.79, s3r: 0.86, s3p: 0.73, topic: 0.99 },
  },
};

for (const load of realSets.development) {
  const name = batchName(load.batch);
  const { note, floors, size } = DEV_FLOORS[load.batch] ?? { note: '没有登记下限', floors: TARGETS, size: 300 };
  describe(`real board messages, development data ${name}（${note}）`, () => {
    it.skipIf(!load.ok)(`stay above the floors${load.ok ? '' : `（跳过：${load.reason}）`}`, () => {
      if (!load.ok) return;
      expect(load.lines.length).toBeGreaterThanOrEqual(size);
      holdsFloors(load.lines, `开发·${name}`, floors);
    });
  });
}

describe(`real board messages, fresh test set (${batchName(realSets.test.batch)})`, () => {
  const test = realSets.test;
  it.skipIf(!test.ok)(`meets the targets it met at the first look and holds the rest${test.ok ? '' : `（跳过：${test.reason}）`}`, () => {
    if (!test.ok) return;
    expect(test.lines.length).toBeGreaterThanOrEqual(300);
    // First look at batch 14, the 494 泰迪杯 附件2 messages (2026-12-06, after the whole tenth round, batch 13 read): 91.2%, 0.5%,
    // 69.4% / 74.0%, 68.0% / 50.0% (17 of 25 found, 17 of 34 right), 85.4%; topic on its 101 人社 complaints 53.5% (the same at a
    // second look after the topic words). Met: the issue's targets as floors. NOT met: severity ≥2 recall, severity 3 recall
    // (target 85%) and topic on the 人社 complaints (80%): floors just below. Second look (eleventh round: 600 written border
    // letters, models retrained, threshold 0.4; no batch 14 letter read): 91.3%, 0.3%, 70.3% / 72.8%, 72.0% / 51.4% (18 of 25
    // found, 18 of 35 right), 85.4%, 人社 53.5%.
    holdsFloors(test.lines, `测试集（${batchName(test.batch)}）`, { ...TARGETS, s2r: 0.7, s3r: 0.72, rensheTopic: 0.53 });
  });
});
