import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const cli = (...args: string[]) => runCli(['calc', ...args]);

describe('minsheng calc', () => {
  it('prints the result as indented JSON with steps and parameters', async () => {
    const r = await cli('unemployment', '--input', '{"contributionMonths":72,"date":"2025-09-01","district":"通川区"}', '--data', '/tmp/unused');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"calculator": "unemployment",/);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ monthlyAmount: 1980, months: 18, total: 35640 });
    expect(out.steps.map((s: { id: string }) => s.id)).toEqual(['monthlyAmount', 'months', 'total']);
    expect(out.parameters[0]).toMatchObject({ id: 'dazhou/minimum-wage-monthly', key: '通川区', effectiveDate: '2025-01-01' });
  });

  it('invalid input exits non-zero with a Chinese message naming the field', async () => {
    const r = await cli('severance', '--input', '{"startDate":"2020/01/01","endDate":"2025-09-01","averageMonthlyWage":5000,"cityAverageMonthlyWage":7000}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('startDate（入职日期）：应为日期，格式 2025-09-01');
    expect(r.stdout).toBe('');
  });

  it('a date without a sourced figure exits 1 saying which figure', async () => {
    const r = await cli(
      'employee-pension',
      '--input',
      '{"retirementDate":"2022-05-01","retirementAge":{"years":60,"months":0},"averageIndex":1,"contributionYears":30,"preAccountYears":0,"accountBalance":50000}',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('四川企业职工基本养老金计发基数');
  });

  it('--help lists every calculator id; an unknown id or bad JSON is a usage error', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const id of ['severance', 'unemployment', 'work-injury', 'employee-pension', 'resident-pension', 'flexible-contribution', 'retirement-age']) {
      expect(help.stdout).toContain(id);
    }
    expect(await cli('pension', '--input', '{}')).toMatchObject({ code: 2 });
    expect((await cli('severance', '--input', '{oops')).stderr).toContain('--input 不是有效的 JSON');
  });
});
