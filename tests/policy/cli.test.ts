import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/minsheng.mjs', 'calc', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('minsheng calc', () => {
  it('prints the result as indented JSON with steps and parameters', () => {
    const r = cli('unemployment', '--input', '{"contributionMonths":72,"date":"2025-09-01","district":"通川区"}', '--data', '/tmp/unused');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"calculator": "unemployment",/);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ monthlyAmount: 1980, months: 18, total: 35640 });
    expect(out.steps.map((s: { id: string }) => s.id)).toEqual(['monthlyAmount', 'months', 'total']);
    expect(out.parameters[0]).toMatchObject({ id: 'dazhou/minimum-wage-monthly', key: '通川区', effectiveDate: '2025-01-01' });
  });

  it('invalid input exits non-zero with a Chinese message naming the field', () => {
    const r = cli('severance', '--input', '{"startDate":"2020/01/01","endDate":"2025-09-01","averageMonthlyWage":5000,"cityAverageMonthlyWage":7000}');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('startDate（入职日期）：应为日期，格式 2025-09-01');
    expect(r.stdout).toBe('');
  });

  it('a date without a sourced figure exits 1 saying which figure', () => {
    const r = cli('employee-pension', '--input', '{"retirementDate":"2022-05-01","retirementAge":{"years":60,"months":0},"averageIndex":1,"contributionYears":30,"preAccountYears":0,"accountBalance":50000}');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('四川企业职工基本养老金计发基数');
  });

  it('--help lists every calculator id; an unknown id or bad JSON is a usage error', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    for (const id of ['severance', 'unemployment', 'work-injury', 'employee-pension', 'resident-pension', 'flexible-contribution', 'retirement-age']) {
      expect(help.stdout).toContain(id);
    }
    expect(cli('pension', '--input', '{}')).toMatchObject({ code: 2 });
    expect(cli('severance', '--input', '{oops').stderr).toContain('--input 不是有效的 JSON');
  });
});
