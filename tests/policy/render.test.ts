// What a resident sees: dates as 2025年9月1日, money as 1,980.00 元, a badge on every figure that is
// not an official original, and the explanation's numbers as computed.
import { describe, expect, it } from 'vitest';
import { CALCULATORS, runCalculator } from '../../policy/calculators.ts';
import { formatAge, formatDate, formatMoney } from '../../policy/format.ts';
import { escapeHtml, renderResultHtml } from '../../site/components/calculator/render.ts';

describe('formatting', () => {
  it('dates, money and ages the way residents write them', () => {
    expect(formatDate('2025-09-01')).toBe('2025年9月1日');
    expect(formatDate('2025-07')).toBe('2025年7月');
    expect(formatMoney(1980)).toBe('1,980.00 元');
    expect(formatMoney(1083760)).toBe('1,083,760.00 元');
    expect(formatMoney(917.6)).toBe('917.60 元');
    expect(formatAge({ years: 60, months: 2 })).toBe('60岁2个月');
  });
});

describe('result HTML', () => {
  it('the Sichuan case B shows every line item, the total and badges for unverified figures', () => {
    const example = CALCULATORS.find((c) => c.id === 'employee-pension')!.example;
    const html = renderResultHtml('employee-pension', runCalculator('employee-pension', example));
    for (const amount of ['5,883.44 元', '3,412.12 元', '806.65 元', '1,346.79 元', '317.88 元', '138.4 个月', '8,462.00 元']) {
      expect(html).toContain(amount);
    }
    expect(html).toContain('未核实，以经办机构答复为准');
    expect(html).toContain('2025年1月1日起');
    expect(html).toContain('href="https://zh.wikisource.org/wiki/');
  });

  it('official figures carry no badge; unknown parts are listed as 未知', () => {
    const sev = renderResultHtml(
      'severance',
      runCalculator('severance', { startDate: '2015-03-01', endDate: '2025-09-01', averageMonthlyWage: 4500, cityAverageMonthlyWage: 7000 }),
    );
    expect(sev).not.toContain('calc-badge');
    expect(sev).toContain('49,500.00 元');
    const res = renderResultHtml('resident-pension', runCalculator('resident-pension', { accountBalance: 15000, contributionYears: 15, date: '2025-09-01' }));
    expect(res).toContain('暂不知道的部分');
    expect(res).toMatch(/四川省级提高的城乡居民基础养老金<\/strong>：未知/);
  });

  it('escapes text', () => {
    expect(escapeHtml('<script>"&\'')).toBe('&lt;script&gt;&quot;&amp;&#39;');
  });
});
