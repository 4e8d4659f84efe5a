// Where every parameter stands, for staff: this year and next, and the warning before a year turn.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { daysToYearTurn, parameterStatus, yearTurnWarnings } from '../../policy/status.ts';
import { reviewParameters } from '../../policy/review.ts';
import { numberAsOf, MissingParameterError, type ParameterTable } from '../../policy/parameters.ts';
import { parameterFileSchema } from '../../policy/schema.ts';
import { PARAMETER_FILES } from '../../policy/generated/parameters.generated.ts';

const source = { title: '某文件' };
const table: ParameterTable = {
  'x/base': {
    label: '计发基数',
    description: 'd',
    unit: '元/月',
    renewal: 'yearly',
    values: { '2025-01-01': { value: 8462, confidence: 'unverified', source }, '2026-01-01': { value: 8600, confidence: 'official', source } },
  },
  'x/wage': {
    label: '最低工资',
    description: 'd',
    unit: '元/月',
    reviewBy: '2026-12-31',
    values: { '2025-01-01': { value: 2200, confidence: 'unverified', source } },
  },
  'x/rate': { label: '费率', description: 'd', unit: '比例', values: { '2006-01-01': { value: 0.2, confidence: 'official', source } } },
  'x/gap': { label: '加发', description: 'd', unit: '元/月', values: { '2014-01-01': { value: null, confidence: 'unverified', source, note: '没找到' } } },
};

describe('parameter status', () => {
  it('latest year, confidence in force, review-by date and what is missing this year and next', () => {
    const s = Object.fromEntries(parameterStatus(new Date('2026-12-05T00:00:00Z'), table).map((p) => [p.id, p]));
    expect(s['x/base']).toMatchObject({
      latestYear: 2026,
      reviewBy: '2026-12-31',
      current: { confidence: 'official' },
      thisYear: { year: 2026, standing: 'ok' },
      nextYear: { year: 2027, standing: 'not-published' },
    });
    expect(s['x/base']!.nextYear.missing).toMatch(/还没有 2027 年的数（已收录到 2026 年）/);
    expect(s['x/wage']).toMatchObject({
      reviewBy: '2026-12-31',
      current: { confidenceLabel: '未核实，以经办机构答复为准' },
      nextYear: { standing: 'review-due' },
    });
    expect(s['x/rate']).toMatchObject({ reviewBy: null, thisYear: { standing: 'ok' }, nextYear: { standing: 'ok' } });
    expect(s['x/gap']).toMatchObject({ latestDate: null, thisYear: { standing: 'gap' } });
  });

  it('warns in the 60 days before 1 January for each figure that will be missing, and not before', () => {
    expect(daysToYearTurn(new Date('2026-11-02T00:00:00Z'))).toBe(60);
    expect(yearTurnWarnings(new Date('2026-11-01T00:00:00Z'), table)).toEqual([]);
    const w = yearTurnWarnings(new Date('2026-11-02T00:00:00Z'), table);
    expect(w.map((x) => x.id)).toEqual(['x/base', 'x/wage']);
    expect(w[0]!.message).toMatch(/^60 天后进入 2027 年：计发基数还没有 2027 年的数/);
    // the build prints these with the other parameter notices
    expect(
      reviewParameters(new Date('2026-12-05T00:00:00Z'), table)
        .filter((n) => n.kind === 'year-turn')
        .map((n) => n.id),
    ).toEqual(['x/base', 'x/wage']);
  });

  it('a yearly figure does not carry into the next year; a standing one past its review date does not either', () => {
    expect(numberAsOf('x/base', '2026-12-31', table).value).toBe(8600);
    expect(() => numberAsOf('x/base', '2027-01-01', table)).toThrow(MissingParameterError);
    expect(() => numberAsOf('x/base', '2027-01-01', table)).toThrow(/每年公布一次，已收录到 2026 年，还没有 2027 年的数/);
    expect(numberAsOf('x/base', '2027-01-01', table, { estimate: true })).toMatchObject({
      value: 8600,
      effectiveDate: '2026-01-01',
      estimate: { forYear: 2027, usedYear: 2026 },
    });
    expect(() => numberAsOf('x/wage', '2027-01-01', table)).toThrow(/只核对到 2026年12月31日/);
    expect(numberAsOf('x/rate', '2040-01-01', table).value).toBe(0.2);
  });

  it('a source link must open the document itself, not a home page or a listing', () => {
    const file = (href: string) => ({
      label: 'l',
      description: 'd',
      unit: '元',
      values: { '2025-01-01': { value: 1, confidence: 'official', source: { title: 't', href } } },
    });
    for (const href of ['https://rst.sc.gov.cn', 'http://rsj.dazhou.gov.cn/', 'https://www.stats.gov.cn/sj/zxfb/']) {
      const r = parameterFileSchema.safeParse(file(href));
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/应指向文件本身/);
    }
    expect(parameterFileSchema.safeParse(file('https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm')).success).toBe(true);
    // and none of the shipped parameters does
    for (const f of Object.values(PARAMETER_FILES)) expect(parameterFileSchema.safeParse(f).success).toBe(true);
  });

  it('the shipped 2026 计发基数 is a gap in 2026 and 2027, and the build warns about the 2027 turn from 2 November', () => {
    const s = parameterStatus(new Date('2026-12-05T00:00:00Z')).find((p) => p.id === 'sichuan/pension-benefit-base')!;
    expect(s).toMatchObject({ latestYear: 2025, thisYear: { standing: 'gap' } });
    const turn = yearTurnWarnings(new Date('2026-12-05T00:00:00Z')).map((w) => w.id);
    expect(turn).toEqual(expect.arrayContaining(['national/urban-disposable-income', 'sichuan/contribution-base-limits', 'dazhou/minimum-wage-monthly']));
  });
});

describe('minsheng policy status', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/minsheng.mjs', 'policy', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 100_000 });

  // Each test spawns the CLI (a real Node process with the TypeScript loader): generous timeouts for
  // a busy machine, not for a timing margin.
  it('lists every parameter with its year status; exits 1 when a year turn is near and figures will be missing', () => {
    const r = cli('status', '--date', '2026-12-05');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('sichuan/pension-benefit-base  四川企业职工基本养老金计发基数');
    expect(r.stdout).toMatch(/年度交替提醒：\n {2}· 27 天后进入 2027 年/);
  }, 120_000);

  it('--json gives every parameter; mid-year there is no warning and the exit is 0', () => {
    const r = cli('status', '--date', '2026-06-01', '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.parameters).toHaveLength(Object.keys(PARAMETER_FILES).length);
    expect(json.yearTurnWarnings).toEqual([]);
  }, 120_000);

  it('bad usage exits 2 in Chinese', () => {
    const r = cli('status', '--date', '2026-13-01');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--date 应为日期');
    expect(cli('list').stderr).toContain('未知子命令');
  }, 120_000);
});
