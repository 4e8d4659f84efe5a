// Golden cases from the line-by-line legal check (issue #14): each names the article it rests on,
// and each failed before the fix.
import { describe, expect, it } from 'vitest';
import { calc } from './helpers.ts';
import { renderResultHtml } from '../../site/components/calculator/render.ts';
import type { CalculationResult } from '../../policy/calculators.ts';

type Est = { estimated: boolean; estimates: Array<{ id: string; forYear: number; usedYear: number }> };

describe('employee pension', () => {
  const base = { retirementAge: { years: 60, months: 0 }, averageIndex: 1, preAccountYears: 0, accountBalance: 60000 };
  type P = { eligible: boolean; reason: string | null; total: number | null; minimumYears: number };

  it('社会保险法第十六条: 10 contribution years is not eligible — no monthly amount, a reason and the options', () => {
    const r = calc<P>('employee-pension', { ...base, retirementDate: '2025-12-01', contributionYears: 10 });
    expect(r).toMatchObject({ eligible: false, total: null, minimumYears: 15 });
    expect(r.reason).toMatch(/不满 15 年.*还差 5 年/);
    expect(r.notes.join()).toMatch(/继续缴费.*城乡居民基本养老保险/);
    const html = renderResultHtml('employee-pension', r);
    expect(html).toContain('暂不能按月领取基本养老金');
    expect(html).not.toMatch(/每月基本养老金/);
    expect(html).not.toMatch(/\d,?\d*\.\d\d 元/); // no amount anywhere on the page
  });

  it('社会保险法第十六条: exactly 15 years on 2029-12-01 is eligible; 15 years on 2030-01-01 is not', () => {
    expect(calc<P>('employee-pension', { ...base, retirementDate: '2029-12-01', contributionYears: 15, baseWage: 8462 }).eligible).toBe(true);
    const r = calc<P>('employee-pension', { ...base, retirementDate: '2030-01-01', contributionYears: 15, baseWage: 8462 });
    expect(r).toMatchObject({ eligible: false, total: null, minimumYears: 15.5 });
  });

  it('国务院关于渐进式延迟法定退休年龄的办法 附件4: the minimum rises by 6 months a year from 2030 to 20 years in 2039', () => {
    const min = (year: number) => calc<P>('employee-pension', { ...base, retirementDate: `${year}-06-01`, contributionYears: 30, baseWage: 8462 }).minimumYears;
    expect([2029, 2030, 2031, 2035, 2038, 2039, 2045].map(min)).toEqual([15, 15.5, 16, 18, 19.5, 20, 20]);
  });
});

describe('severance', () => {
  type S = { years: number; total: number; monthlyBase: number; raisedToMinimumWage: boolean };
  const sev = (startDate: string, endDate: string, averageMonthlyWage: number, extra: object = {}) =>
    calc<S>('severance', { startDate, endDate, averageMonthlyWage, cityAverageMonthlyWage: 7000, ...extra });

  it('劳动合同法第四十七条: 2023-07-01 → 2024-12-31 is 1 year 6 months → 2 months’ wages, not 1.5', () => {
    expect(sev('2023-07-01', '2024-12-31', 5000)).toMatchObject({ years: 2, total: 10000 });
  });

  it('劳动合同法第四十七条: 2022-01-01 → 2024-06-30 is 2 years 6 months → 3 months, not 2.5', () => {
    expect(sev('2022-01-01', '2024-06-30', 5000)).toMatchObject({ years: 3, total: 15000 });
  });

  it('劳动合同法第四十七条: 2020-01-01 → 2020-06-30 is six months → 1 month (the last day worked counts)', () => {
    expect(sev('2020-01-01', '2020-06-30', 5000).years).toBe(1);
  });

  it('劳动合同法实施条例第二十七条: a monthly wage below 达州’s minimum wage is raised to it', () => {
    const r = sev('2023-07-01', '2025-12-31', 1500);
    expect(r).toMatchObject({ raisedToMinimumWage: true, monthlyBase: 2200, years: 3, total: 6600 });
    expect(r.steps.map((s) => s.id)).toContain('minimumWage');
    // the result rests on the unverified 达州 figure: its headline says so
    expect(renderResultHtml('severance', r)).toMatch(/经济补偿金<\/dt><dd>6,600\.00 元 <span class="calc-badge calc-badge--unverified">/);
    // a typed standard wins
    expect(sev('2023-07-01', '2025-12-31', 1500, { minimumWage: 2330 })).toMatchObject({ monthlyBase: 2330, total: 6990 });
  });

  it('劳动合同法实施条例第二十七条: where 达州’s minimum wage is not known, a low wage is flagged, not silently used', () => {
    const r = sev('2022-01-01', '2024-06-30', 1500);
    expect(r.raisedToMinimumWage).toBe(false);
    expect(r.unknown.map((u) => u.id)).toEqual(['dazhou/minimum-wage-monthly']);
    expect(r.notes.join()).toMatch(/没能检查“月工资不低于最低工资标准”/);
    // a wage above every recorded standard needs no check
    expect(sev('2022-01-01', '2024-06-30', 5000).unknown).toEqual([]);
  });
});

describe('work injury', () => {
  type W = { monthlyAllowance?: number; allowanceRaisedToMinimumWage?: boolean; deathGrant?: number };
  const wi = (grade: number, own: number, avg = 3000) =>
    calc<W>('work-injury', { grade, ownMonthlyWage: own, regionAverageMonthlyWage: avg, date: '2025-09-01' });

  it('工伤保险条例第三十五条: a grade 4 伤残津贴 below the minimum wage is topped up (1,800 × 75% = 1,350 → 2,200)', () => {
    expect(wi(4, 1800)).toMatchObject({ monthlyAllowance: 2200, allowanceRaisedToMinimumWage: true });
  });

  it('工伤保险条例第三十六条: a grade 6 allowance below the minimum wage is topped up (3,000 × 60% = 1,800 → 2,200)', () => {
    expect(wi(6, 3000, 5000)).toMatchObject({ monthlyAllowance: 2200, allowanceRaisedToMinimumWage: true });
    expect(wi(6, 5000, 5000)).toMatchObject({ monthlyAllowance: 3000, allowanceRaisedToMinimumWage: false });
  });

  it('工伤保险条例第三十九条: a death on 2027-03-01 is an estimate on the latest figure, and names the year it belongs to', () => {
    const r = calc<W & Est>('work-injury', { deathDate: '2027-03-01' });
    expect(r).toMatchObject({ deathGrant: 1130040, estimated: true });
    expect(r.estimates).toEqual([expect.objectContaining({ id: 'national/urban-disposable-income', forYear: 2027, usedYear: 2026 })]);
    const figure = r.steps[0]!.figures[0]!;
    expect(figure.name).toMatch(/^2025年全国城镇居民人均可支配收入（估算/); // 56,502 is 2025's, not 2026's
    expect(figure.name).not.toMatch(/^2026年/);
    const html = renderResultHtml('work-injury', r as CalculationResult);
    expect(html).toMatch(/一次性工亡补助金<\/dt><dd>1,130,040\.00 元 <span class="calc-badge calc-badge--estimated">估算<\/span>/);
    expect(html).toContain('这是估算。');
    // 2026 is the year the figure belongs to: no estimate
    expect(calc<W & Est>('work-injury', { deathDate: '2026-03-01' }).estimated).toBe(false);
  });
});

describe('unemployment', () => {
  type U = { monthlyAmount: number; months: number; extendedToRetirement: boolean };

  it('社会保险法第四十五条: the claim is at the 参保地 — the field and notes say so, never 户籍地 as the place to apply', () => {
    const r = calc<U>('unemployment', { contributionMonths: 72, date: '2025-09-01' });
    expect(r.notes.join()).toMatch(/在参保地.*不是户籍地/);
  });

  it('国务院关于渐进式延迟法定退休年龄的办法第五条: within a year of retirement the benefit runs to the retirement date', () => {
    const r = calc<U>('unemployment', { contributionMonths: 72, date: '2025-09-01', legalRetirementDate: '2027-06-01' });
    expect(r).toMatchObject({ extendedToRetirement: true, months: 21, total: 1980 * 21 });
    expect(r.parameters.find((p) => p.id === 'national/unemployment-until-retirement')!.confidence).toBe('official-secondhand');
    // retirement far away: the normal 18 months
    expect(calc<U>('unemployment', { contributionMonths: 72, date: '2025-09-01', legalRetirementDate: '2040-01-01' })).toMatchObject({
      months: 18,
      extendedToRetirement: false,
    });
  });

  it('失业保险条例第十五条: retiring before the entitlement runs out is said — the benefit stops when the pension starts', () => {
    const r = calc<U>('unemployment', { contributionMonths: 150, date: '2025-09-01', legalRetirementDate: '2026-03-01' });
    expect(r).toMatchObject({ months: 24, extendedToRetirement: false });
    expect(r.notes.join()).toMatch(/只有 6 个月.*停发失业保险金/);
  });

  it('达州 1,980 元/月 rests on unverified figures: the headline carries the badge', () => {
    const r = calc<U>('unemployment', { contributionMonths: 72, date: '2025-09-01' });
    expect(renderResultHtml('unemployment', r)).toMatch(/每月失业保险金<\/dt><dd>1,980\.00 元 <span class="calc-badge calc-badge--unverified">/);
  });

  it('2029 reuses the 2025 standard only as an estimate, said on the headline and in JSON', () => {
    const r = calc<U & Est>('unemployment', { contributionMonths: 72, date: '2029-09-01' });
    expect(r.estimated).toBe(true);
    expect(r.estimates[0]).toMatchObject({ id: 'dazhou/minimum-wage-monthly', forYear: 2029, usedYear: 2025 });
    expect(renderResultHtml('unemployment', r)).toMatch(/每月失业保险金<\/dt><dd>1,980\.00 元 <span class="calc-badge calc-badge--estimated">估算/);
  });
});

describe('flexible contribution and resident pension across the year turn', () => {
  it('flexible contribution 2027 and 2028 are estimates on the 2026 limits, never silently 2026', () => {
    for (const year of [2027, 2028]) {
      const r = calc<{ monthly: number } & Est>('flexible-contribution', { year, basePercent: 60 });
      expect(r).toMatchObject({ monthly: 939.8, estimated: true });
      expect(r.estimates[0]).toMatchObject({ forYear: year, usedYear: 2026 });
    }
    expect(calc<Est>('flexible-contribution', { year: 2026, basePercent: 60 }).estimated).toBe(false);
  });

  it('resident pension 2030 is an estimate on the latest national minimum', () => {
    const r = calc<Est>('resident-pension', { accountBalance: 15000, contributionYears: 15, date: '2030-01-01' });
    expect(r.estimated).toBe(true);
    expect(r.estimates[0]).toMatchObject({ id: 'national/resident-pension-basic-minimum', forYear: 2030, usedYear: 2026 });
  });

  it('国发〔2014〕8号: a resident below 15 contribution years gets no monthly amount, only the reason', () => {
    const r = calc<{ total: number | null; eligible: boolean; reason: string }>('resident-pension', {
      accountBalance: 15000,
      contributionYears: 12,
      date: '2025-09-01',
    });
    expect(r).toMatchObject({ total: null, eligible: false });
    expect(r.reason).toMatch(/还差 3 年/);
    expect(renderResultHtml('resident-pension', r)).toContain('暂不能按月领取城乡居民养老金');
  });
});
