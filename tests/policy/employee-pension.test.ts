import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calc, fen, inputProblems } from './helpers.ts';

type Pension = { basic: number; personalAccount: number; transitional: number; extra: number; total: number; annuityMonths: number; indexedWage: number };

// Sichuan 社会保险业务办理结果通知单 cases summarised in reference/policy-parameters.md §2.6.
describe('employee-pension golden cases (Sichuan approval notices)', () => {
  it('case A: 2024-06, woman retiring at 50, base 8321 → 3,929.92 元', () => {
    const r = calc<Pension>('employee-pension', {
      retirementDate: '2024-06-01',
      retirementAge: { years: 50, months: 0 },
      averageIndex: 0.935,
      contributionYears: 31.83,
      preAccountYears: 3.33,
      accountBalance: 150397.22,
    });
    expect(r.indexedWage).toBe(7780.14);
    expect(r.basic).toBe(2562.5);
    expect(r.transitional).toBe(348.51);
    expect(r.annuityMonths).toBe(195);
    expect(r.personalAccount).toBe(771.27);
    expect(r.extra).toBe(247.64);
    expect(r.total).toBe(3929.92);
  });

  it('case B: 2025-12, man retiring at 60 years 1 month, 计发月数 138.4 → 5,883.44 元', () => {
    const r = calc<Pension>('employee-pension', {
      retirementDate: '2025-12-01',
      retirementAge: { years: 60, months: 1 },
      averageIndex: 0.872,
      contributionYears: 43.08,
      preAccountYears: 13.08,
      accountBalance: 111640.05,
    });
    expect(r.basic).toBe(3412.12);
    expect(r.transitional).toBe(1346.79);
    expect(r.annuityMonths).toBe(138.4);
    expect(r.personalAccount).toBe(806.65);
    expect(r.extra).toBe(317.88);
    expect(r.total).toBe(5883.44);
    // The explanation names the 计发基数 with its year, source and confidence.
    const base = r.parameters.find((p) => p.id === 'sichuan/pension-benefit-base')!;
    expect(base).toMatchObject({ value: 8462, effectiveDate: '2025-01-01', confidence: 'unverified' });
    expect(r.parameters.find((p) => p.id === 'sichuan/extra-pension-rate')!.confidence).toBe('unverified');
  });

  it('interpolates 计发月数 by month between whole ages, to one decimal', () => {
    const months = (years: number, m: number) =>
      calc<Pension>('employee-pension', {
        retirementDate: '2025-06-01',
        retirementAge: { years, months: m },
        averageIndex: 1,
        contributionYears: 20,
        preAccountYears: 0,
        accountBalance: 100000,
      }).annuityMonths;
    expect(months(60, 0)).toBe(139);
    expect(months(60, 6)).toBe(135.5);
    expect(months(60, 11)).toBe(132.6); // 139 − 7 × 11/12 = 132.58
    expect(months(62, 3)).toBe(123); // 125 − 8 × 3/12
  });

  it('a year with no published 计发基数 is an estimate on the latest base (预发), said everywhere; a typed base is not', () => {
    const input = {
      retirementDate: '2026-03-01',
      retirementAge: { years: 60, months: 3 },
      averageIndex: 1,
      contributionYears: 30,
      preAccountYears: 0,
      accountBalance: 80000,
    };
    const est = calc<Pension & { estimated: boolean; estimates: Array<{ id: string; forYear: number; usedYear: number }> }>('employee-pension', input);
    expect(est.baseWage).toBe(8462);
    expect(est.estimated).toBe(true);
    expect(est.estimates).toEqual([expect.objectContaining({ id: 'sichuan/pension-benefit-base', forYear: 2026, usedYear: 2025 })]);
    expect(est.notes[0]).toMatch(/^这是估算/);
    expect(est.steps.find((s) => s.id === 'indexedWage')!.figures[0]!.name).toMatch(/2025年度四川计发基数（估算：2026 年的数未收录/);
    const r = calc<Pension & { estimated: boolean }>('employee-pension', { ...input, baseWage: 8462 });
    expect(r.estimated).toBe(false);
    expect(r.parameters.some((p) => p.id === 'sichuan/pension-benefit-base')).toBe(false);
    expect(r.steps.find((s) => s.id === 'indexedWage')!.figures[0]).toMatchObject({ name: '计发基数（本人填写）', value: 8462 });
  });

  it('names the field when input is wrong', () => {
    expect(
      inputProblems('employee-pension', {
        retirementDate: '2025/12/01',
        retirementAge: { years: 60, months: 12 },
        averageIndex: 0.8,
        contributionYears: 10,
        preAccountYears: 12,
        accountBalance: 1,
      }),
    ).toEqual(['retirementDate（退休日期）：应为日期，格式 2025-09-01', 'retirementAge.months（退休年龄（另加月数））：不能大于 11 个月']);
    expect(
      inputProblems('employee-pension', {
        retirementDate: '2025-12-01',
        retirementAge: { years: 60, months: 0 },
        averageIndex: 0.8,
        contributionYears: 10,
        preAccountYears: 12,
        accountBalance: 1,
      }),
    ).toEqual(['preAccountYears（1995年底前未建个人账户的缴费年限（含视同））：不能超过累计缴费年限']);
  });

  it('property: more contribution years never lower the pension', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 4500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 30, max: 250 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.constantFrom(50, 55, 60, 61, 62, 63),
        (yearsHundredths, extraHundredths, indexHundredths, balanceFen, age) => {
          const base = {
            retirementDate: '2025-08-01',
            retirementAge: { years: age, months: 0 },
            averageIndex: indexHundredths / 100,
            preAccountYears: 0,
            accountBalance: balanceFen / 100,
          };
          const fewer = calc<Pension>('employee-pension', { ...base, contributionYears: yearsHundredths / 100 });
          const more = calc<Pension>('employee-pension', { ...base, contributionYears: (yearsHundredths + extraHundredths) / 100 });
          expect(fen(more.total)).toBeGreaterThanOrEqual(fen(fewer.total));
        },
      ),
      { numRuns: 150 },
    );
  });
});
