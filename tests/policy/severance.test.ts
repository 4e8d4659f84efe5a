import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calc, fen, inputProblems } from './helpers.ts';

type Out = { years: number; monthlyBase: number; total: number; capped: boolean };
const sev = (startDate: string, endDate: string, averageMonthlyWage: number, cityAverageMonthlyWage = 7000) =>
  calc<Out>('severance', { startDate, endDate, averageMonthlyWage, cityAverageMonthlyWage });

describe('severance (劳动合同法 art. 47)', () => {
  // The end date is the last day worked and counts: 2020-01-01 to 2020-06-30 is six whole months.
  it('劳动合同法第四十七条: six months or more counts a whole year, the last day worked included', () => {
    expect(sev('2020-01-01', '2020-06-30', 5000).years).toBe(1);
    expect(sev('2020-01-01', '2020-06-29', 5000).years).toBe(0.5); // 5 months 29 days
    expect(sev('2018-03-15', '2023-09-13', 5000)).toMatchObject({ years: 5.5, total: 27500 });
    expect(sev('2018-03-15', '2023-09-14', 5000)).toMatchObject({ years: 6, total: 30000 });
  });

  it('whole years count one month each, with no remainder added', () => {
    expect(sev('2015-09-01', '2025-08-31', 4321.5)).toMatchObject({ years: 10, total: 43215 });
    expect(sev('2025-09-01', '2025-09-01', 4000).years).toBe(0.5); // one day still counts half
  });

  it('month ends are handled: 1月31日 to 7月30日 (inclusive) is six months', () => {
    expect(sev('2024-01-31', '2024-07-30', 5000).years).toBe(1);
    expect(sev('2024-01-31', '2024-07-29', 5000).years).toBe(0.5);
  });

  it('above 3× the city average the wage is capped and N is at most 12', () => {
    const r = sev('2005-01-01', '2024-12-31', 30000, 7000);
    expect(r).toMatchObject({ capped: true, monthlyBase: 21000, years: 12, total: 252000 });
    expect(r.steps.map((s) => s.id)).toEqual(['years', 'monthlyBase', 'yearsCapped', 'total']);
    // exactly 3× is not "above": no cap on the years
    expect(sev('2005-01-01', '2024-12-31', 21000, 7000)).toMatchObject({ capped: false, years: 20, total: 420000 });
    // capped wage but fewer than 12 years: years unchanged
    expect(sev('2020-01-01', '2024-12-31', 30000, 7000)).toMatchObject({ capped: true, years: 5, total: 105000 });
  });

  it('rounds to the fen', () => {
    expect(sev('2024-01-01', '2024-03-01', 3333.33).total).toBe(1666.67); // 3333.33 × 0.5 = 1666.665
  });

  it('names the field when input is wrong', () => {
    expect(inputProblems('severance', { startDate: '2020-02-30', endDate: '2019-01-01', averageMonthlyWage: -1 })).toEqual([
      'startDate（入职日期）：不是有效的日期（请检查月份和日子）',
      'averageMonthlyWage（解除前12个月平均月工资）：应大于 0 元',
      'cityAverageMonthlyWage（达州市上年度职工月平均工资）：必填',
    ]);
    expect(inputProblems('severance', { startDate: '2020-02-01', endDate: '2019-01-01', averageMonthlyWage: 3000, cityAverageMonthlyWage: 1 })).toEqual([
      'endDate（劳动合同解除或终止日期）：不能早于入职日期',
    ]);
  });

  const dates = fc.tuple(fc.integer({ min: 0, max: 7000 }), fc.integer({ min: 1, max: 12000 })).map(([endOffset, length]) => {
    // endings from 2008 on, when the law's current rules (and our parameters) apply
    const day = (n: number) => new Date(Date.UTC(2008, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return { startDate: day(endOffset - length), endDate: day(endOffset) };
  });

  it('property: below the cap, a higher wage never lowers severance', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 100_00, max: 2_100_000 }), fc.integer({ min: 0, max: 2_100_000 }), (d, a, b) => {
        const city = 7000;
        const [low, high] = [Math.min(a, b, 2_100_000), Math.min(Math.max(a, b), 2_100_000)].map((x) => Math.max(x, 1) / 100);
        const lo = sev(d.startDate, d.endDate, low!, city);
        const hi = sev(d.startDate, d.endDate, high!, city);
        expect(fen(hi.total)).toBeGreaterThanOrEqual(fen(lo.total));
      }),
      { numRuns: 150 },
    );
  });

  it('property: above the cap, severance is 3× the city average × min(N, 12) whatever the wage', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 2_100_001, max: 100_000_000 }), (d, wageFen) => {
        const r = sev(d.startDate, d.endDate, wageFen / 100, 7000);
        const uncapped = sev(d.startDate, d.endDate, 21000, 7000);
        expect(r.monthlyBase).toBe(21000);
        expect(r.years).toBe(Math.min(uncapped.years, 12));
        expect(fen(r.total)).toBe(21000 * 100 * Math.min(uncapped.years, 12));
      }),
      { numRuns: 100 },
    );
  });
});
