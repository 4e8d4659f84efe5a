// Choosing a retrained severity model's threshold on a bureau's own posts: the lowest threshold that keeps
// severity-3 precision, counting the posts the rules already call 3 and never raising a post the model
// may not touch (thanks, calm notices).
import { describe, expect, it } from 'vitest';
import { chooseThreshold, decisionsAt, rankAuc, type ThresholdCase } from '../../analysis/labelling/threshold.ts';
import { bureauSeriousModel, seriousThresholdCase } from '../../analysis/labelling/training-sets.ts';
import { THRESHOLD_MIN_LABELS, THRESHOLD_MIN_POSITIVES } from '../../analysis/labelling/readiness.ts';
import { loadSeriousWeights } from '../../analysis/serious-model/model.ts';
import { scoreText } from '../../analysis/index.ts';

const c = (probability: number, labelled: boolean, more: Partial<ThresholdCase> = {}): ThresholdCase => ({
  byRules: false,
  eligible: true,
  probability,
  labelled,
  ...more,
});

describe('decisionsAt', () => {
  it('counts the rules’ 3s and the model above the threshold, but never an ineligible post', () => {
    const cases = [c(0.1, true, { byRules: true }), c(0.3, true), c(0.9, false, { eligible: false }), c(0.05, true)];
    expect(decisionsAt(cases, 0.5)).toEqual({ recall: 1 / 3, precision: 1 });
    expect(decisionsAt(cases, 0.2)).toEqual({ recall: 2 / 3, precision: 1 });
  });
});

describe('rankAuc', () => {
  it('orders only the posts the model decides, ties counting half', () => {
    // decided: serious at 0.8 and 0.4, ordinary at 0.4 and 0.1; the rules' own and an ineligible post are left out
    const cases = [c(0.8, true), c(0.4, true), c(0.4, false), c(0.1, false), c(0.01, true, { byRules: true }), c(0.99, false, { eligible: false })];
    // pairs (serious above ordinary): 0.8>0.4, 0.8>0.1, 0.4=0.4 (half), 0.4>0.1 → 3.5 of 4
    expect(rankAuc(cases)).toBeCloseTo(3.5 / 4, 10);
  });

  it('is 1 when every serious post scores above every ordinary one, and null when one kind is missing', () => {
    expect(rankAuc([c(0.9, true), c(0.6, true), c(0.5, false)])).toBe(1);
    expect(rankAuc([c(0.5, false), c(0.6, true), c(0.9, false)])).toBe(0.5);
    expect(rankAuc([c(0.9, true), c(0.2, false, { byRules: true })])).toBeNull();
  });
});

describe('chooseThreshold', () => {
  it('goes as low as precision allows, to find the crises the rules miss', () => {
    // crises at 0.32 and 0.22 the rules miss; ordinary complaints at 0.12 and 0.18
    const cases = [c(0.9, true, { byRules: true }), c(0.32, true), c(0.22, true), c(0.18, false), c(0.12, false), c(0.02, false)];
    const choice = chooseThreshold(cases, 0.6, 0.5);
    expect(choice).toMatchObject({ threshold: 0.2, recall: 1, precision: 1, why: 'chosen' });
  });

  it('stops where the precision asked for would be lost, and takes the highest threshold of equal recall', () => {
    // one crisis sits below an ordinary complaint: reaching it costs precision
    const cases = [c(0.9, true, { byRules: true }), c(0.32, true), c(0.18, false), c(0.12, true)];
    expect(chooseThreshold(cases, 0.8, 0.5)).toMatchObject({ threshold: 0.3, recall: 2 / 3, precision: 1 });
    expect(chooseThreshold(cases, 0.7, 0.5)).toMatchObject({ threshold: 0.1, recall: 1, precision: 0.75 });
  });

  it('keeps the shipped threshold when no lower one finds more crises at the precision asked', () => {
    const cases = [c(0.9, true, { byRules: true }), c(0.3, false), c(0.28, false), c(0.25, true)];
    expect(chooseThreshold(cases, 0.6, 0.5)).toMatchObject({ threshold: 0.5, why: 'shipped-kept', recall: 0.5, precision: 1 });
  });
});

describe('a bureau serious-letter threshold sees posts as scoreText does', () => {
  it('counts a post the crisis model raises to 3 as found already, and never as the serious model’s to raise', () => {
    const text = '前几天工友和包工头在工地门口动了手，派出所都来了，工资还是没结。';
    // scoreText: the rules say 1, the crisis model raises it to 3
    expect(scoreText(text).severity).toBe(3);
    // a bureau's model reads posts of any length (the shipped one only letters of SHIPPED_SERIOUS_MIN_CHARS or more)
    const shipped = loadSeriousWeights().weights!;
    const weights = { ...shipped, trainedOn: 'bureau' as const, minChars: undefined };
    expect(seriousThresholdCase(text, true, weights)).toMatchObject({ byRules: true, eligible: false });
    // a plain complaint the rules leave at 1 is still the serious model's to raise
    expect(seriousThresholdCase('工资三个月没发了，打电话给老板也不接。', false, weights)).toMatchObject({ byRules: false, eligible: true });
    // …but not the shipped model's: so short a post is not a letter it reads, as in scoreText
    expect(seriousThresholdCase('工资三个月没发了，打电话给老板也不接。', false, shipped)).toMatchObject({ eligible: false });
  });
});

describe('a bureau threshold chosen on some of its labels only', () => {
  // a few written examples stand in for the shipped ones: these cases return before any fold is fitted
  const shipped = [
    { text: '全厂八十多名工人的工资半年没发了，多次反映都没人管', serious: true },
    { text: '想问一下社保卡丢了在哪里补办', serious: false },
  ];
  const ordinary = (i: number) => ({ text: `第${i}号：请问灵活就业人员的养老保险每月几号扣款`, serious: false });
  const serious = (i: number) => ({ text: `第${i}号：我们工地一百多名工人的工钱拖了两年，找了好多次都没有结果`, serious: true });
  const own = [...Array.from({ length: 90 }, (_, i) => ordinary(i)), ...Array.from({ length: 30 }, (_, i) => serious(i))];

  it('fits on every label but chooses no threshold when too few of the labels it may choose on were given', () => {
    const all = bureauSeriousModel(shipped, own, 0.75);
    expect(all.weights.training.examples).toBe(122);
    // the random-picked half of the queue: 60 posts, fewer than THRESHOLD_MIN_LABELS
    const on = own.map((_, i) => i % 2 === 0);
    expect(on.filter(Boolean).length).toBeLessThan(THRESHOLD_MIN_LABELS);
    const half = bureauSeriousModel(shipped, own, 0.75, on);
    expect(half.choice).toBeNull();
    expect(half.weights.training.examples).toBe(122);
  });

  it('counts the serious posts among those it may choose on, not among all the labels', () => {
    // 100 posts to choose on, but only 10 of the 30 serious ones among them
    const on = own.map((e, i) => !e.serious || i >= 110);
    expect(on.filter(Boolean).length).toBe(THRESHOLD_MIN_LABELS);
    expect(own.filter((e, i) => on[i] && e.serious).length).toBeLessThan(THRESHOLD_MIN_POSITIVES);
    expect(bureauSeriousModel(shipped, own, 0.75, on).choice).toBeNull();
  });
});
