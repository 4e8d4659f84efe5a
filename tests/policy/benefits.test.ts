// Unemployment, work injury, flexible contribution and resident pension.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calc, fen, inputProblems } from './helpers.ts';
import { runCalculator } from '../../policy/calculators.ts';
import { MissingParameterError } from '../../policy/parameters.ts';

describe('unemployment', () => {
  type Out = { monthlyAmount: number; months: number; total: number; eligible: boolean };
  const ui = (contributionMonths: number, date = '2025-09-01', district?: string) =>
    calc<Out>('unemployment', { contributionMonths, date, ...(district ? { district } : {}) });

  it('达州 2025: 2,200 × 90% = 1,980.00 元 a month', () => {
    const r = ui(72, '2025-09-01', '渠县');
    expect(r).toMatchObject({ monthlyAmount: 1980, months: 18, total: 35640, eligible: true });
    const wage = r.parameters.find((p) => p.id === 'dazhou/minimum-wage-monthly')!;
    expect(wage).toMatchObject({ key: '渠县', value: 2200, effectiveDate: '2025-01-01', confidence: 'unverified' });
    expect(r.parameters.find((p) => p.id === 'sichuan/unemployment-benefit-rate')!.source.docNumber).toBe('川人社办发〔2023〕18号');
  });

  it('duration by contribution: <12 none, 12–59 → 12, 60–119 → 18, 120+ → 24', () => {
    expect([11, 12, 59, 60, 119, 120, 400].map((m) => ui(m).months)).toEqual([0, 12, 12, 18, 18, 24, 24]);
    expect(ui(11)).toMatchObject({ eligible: false, total: 0 });
    expect(ui(11).notes.join()).toContain('不满 1 年');
  });

  it('no district: all 达州 districts share the figure, so the city value is used', () => {
    expect(ui(24).monthlyAmount).toBe(1980);
  });

  it('2024 has no sourced 达州 minimum wage: an error that says so, not a guess', () => {
    expect(() => ui(24, '2024-06-01')).toThrow(MissingParameterError);
    expect(() => ui(24, '2024-06-01')).toThrow(/2024年6月1日 没有可用的值.*未核实/);
  });

  it('an unknown district is refused naming the field', () => {
    expect(inputProblems('unemployment', { contributionMonths: 24, date: '2025-09-01', district: '成都' })).toEqual([
      'district（参保地（缴纳失业保险的区县））：应为达州的区县之一：通川区、达川区、万源市、宣汉县、开江县、大竹县、渠县',
    ]);
  });
});

describe('work-injury', () => {
  type Out = { lumpSum?: number; monthlyAllowance?: number; deathGrant?: number; wageBase?: number };
  const wi = (grade: number, ownMonthlyWage: number, regionAverageMonthlyWage = 7000) =>
    calc<Out>('work-injury', { grade, ownMonthlyWage, regionAverageMonthlyWage, date: '2025-09-01' });

  it('own wage is floored at 60% and capped at 300% of the regional average', () => {
    expect(wi(7, 4199.99).wageBase).toBe(4200);
    expect(wi(7, 4200).wageBase).toBe(4200);
    expect(wi(7, 4200.01).wageBase).toBe(4200.01);
    expect(wi(7, 21000).wageBase).toBe(21000);
    expect(wi(7, 21000.01).wageBase).toBe(21000);
    expect(wi(7, 1000, 7333.33).wageBase).toBe(4400); // 7333.33 × 60% = 4399.998 → 4,400.00
  });

  it('lump sum by grade and monthly allowance for grades 1–6', () => {
    const months = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];
    const rates = [0.9, 0.85, 0.8, 0.75, 0.7, 0.6];
    for (let g = 1; g <= 10; g++) {
      const r = wi(g, 5000);
      expect(r.lumpSum).toBe(5000 * months[g - 1]!);
      if (g <= 6) expect(r.monthlyAllowance).toBe(5000 * rates[g - 1]!);
      else expect(r.monthlyAllowance).toBeUndefined();
    }
  });

  it('death grant: 20 × the previous year national urban disposable income', () => {
    expect(calc<Out>('work-injury', { deathDate: '2025-03-10' }).deathGrant).toBe(1083760);
    expect(calc<Out>('work-injury', { deathDate: '2022-12-31' }).deathGrant).toBe(948240);
    expect(() => runCalculator('work-injury', { deathDate: '2021-06-01' })).toThrow(/2021年6月1日 没有可用的值/);
  });

  it('grade and death date are alternatives, and a grade needs the wages', () => {
    expect(inputProblems('work-injury', { grade: 11, ownMonthlyWage: 5000, regionAverageMonthlyWage: 7000, date: '2025-09-01' })).toEqual([
      'grade（伤残等级）：不能大于 10 级',
    ]);
    expect(inputProblems('work-injury', { grade: 3, deathDate: '2025-09-01' })[0]).toMatch(/^deathDate（死亡日期）：伤残待遇和工亡待遇请分开计算/);
    expect(inputProblems('work-injury', { grade: 5 })).toEqual([
      'ownMonthlyWage（受伤前12个月平均月缴费工资）：必填',
      'regionAverageMonthlyWage（统筹地区上年度职工月平均工资）：必填',
      'date（伤残等级鉴定日期）：必填',
    ]);
    expect(inputProblems('work-injury', {})[0]).toMatch(/^grade（伤残等级）：请填写伤残等级/);
  });
});

describe('flexible-contribution', () => {
  type Out = { base: number; monthly: number; toPersonalAccount: number };
  it('2025 lowest band: 4,588 × 20% = 917.60 元, of which 8% = 367.04 元 to the account', () => {
    expect(calc<Out>('flexible-contribution', { year: 2025, basePercent: 60 })).toMatchObject({ base: 4588, monthly: 917.6, toPersonalAccount: 367.04 });
    expect(calc<Out>('flexible-contribution', { year: 2025, basePercent: 300 })).toMatchObject({ base: 22938, monthly: 4587.6 });
    expect(calc<Out>('flexible-contribution', { year: 2026, basePercent: 60 })).toMatchObject({ base: 4699, monthly: 939.8 });
  });

  it('percent bands reproduce the published and derived limits for every year', () => {
    const limits = { 2022: [4071, 20355], 2023: [4246, 21228], 2024: [4511, 22555], 2025: [4588, 22938], 2026: [4699, 23493] };
    for (const [year, [lower, upper]] of Object.entries(limits)) {
      expect(calc<Out>('flexible-contribution', { year: Number(year), basePercent: 60 }).base).toBe(lower);
      expect(calc<Out>('flexible-contribution', { year: Number(year), basePercent: 300 }).base).toBe(upper);
    }
  });

  it('a chosen base must lie within the year limits', () => {
    expect(calc<Out>('flexible-contribution', { year: 2025, base: 4588 }).monthly).toBe(917.6);
    expect(inputProblems('flexible-contribution', { year: 2025, base: 4587.99 })).toEqual([
      'base（月缴费基数）：2025年的缴费基数应在 4,588.00 元 至 22,938.00 元 之间',
    ]);
    expect(inputProblems('flexible-contribution', { year: 2025 })[0]).toMatch(/^base（月缴费基数）：缴费基数（元）和缴费档次/);
    expect(inputProblems('flexible-contribution', { year: 2025, basePercent: 59 })).toEqual([
      'basePercent（缴费档次（全省平均工资的百分之几））：不能小于 60%',
    ]);
  });

  it('a year with no limits is an error, not last year’s figure', () => {
    expect(() => runCalculator('flexible-contribution', { year: 2021, basePercent: 60 })).toThrow(MissingParameterError);
  });
});

describe('resident-pension', () => {
  type Out = { personalAccount: number; basic: number; total: number; eligible: boolean; basicIsComplete: boolean };
  it('account ÷ 139 plus the national minimum; Sichuan/达州 additions shown as unknown', () => {
    const r = calc<Out>('resident-pension', { accountBalance: 15000, contributionYears: 15, date: '2025-09-01' });
    expect(r).toMatchObject({ personalAccount: 107.91, basic: 143, total: 250.91, eligible: true, basicIsComplete: false });
    expect(r.unknown.map((u) => u.id)).toEqual(['sichuan/resident-pension-basic-addition', 'dazhou/resident-pension-basic-addition']);
    expect(r.steps.find((s) => s.id === 'basic')!.figures.filter((f) => f.value === '未知')).toHaveLength(2);
    expect(r.steps.find((s) => s.id === 'total')!.what).toBe('每月养老金（至少）');
  });

  it('uses the national minimum in force on the date', () => {
    const at = (date: string) => calc<Out>('resident-pension', { accountBalance: 0, contributionYears: 20, date }).basic;
    expect([at('2023-06-01'), at('2024-01-01'), at('2025-01-01'), at('2026-05-01')]).toEqual([103, 123, 143, 163]);
  });

  it('a local addition typed in completes the basic pension', () => {
    const r = calc<Out>('resident-pension', { accountBalance: 13900, contributionYears: 16, date: '2025-09-01', localAddition: 30 });
    expect(r).toMatchObject({ personalAccount: 100, basic: 173, total: 273, basicIsComplete: true });
    expect(r.unknown).toEqual([]);
  });

  it('the 15-year condition', () => {
    expect(calc<Out>('resident-pension', { accountBalance: 0, contributionYears: 14.5, date: '2025-09-01' }).eligible).toBe(false);
    expect(calc<Out>('resident-pension', { accountBalance: 0, contributionYears: 15, date: '2025-09-01' }).eligible).toBe(true);
  });

  it('property: a larger account never lowers the pension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, extra) => {
        const lo = calc<Out>('resident-pension', { accountBalance: a / 100, contributionYears: 15, date: '2025-09-01' });
        const hi = calc<Out>('resident-pension', { accountBalance: (a + extra) / 100, contributionYears: 15, date: '2025-09-01' });
        expect(fen(hi.total)).toBeGreaterThanOrEqual(fen(lo.total));
      }),
      { numRuns: 100 },
    );
  });
});
