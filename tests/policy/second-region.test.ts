// Another city is configuration only: a made-up region (tests/fixtures/region-qingshan: 青山市 in
// 云岭省, its own districts and parameter folders) runs every calculator and `minsheng calc`, and
// its own districts and figures come out — nothing of 达州 or 四川's figures leaks in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { parseEnv } from '../../config/env.ts';
import { ConfigError } from '../../config/load.ts';
import { loadPolicyContext } from '../../config/policy-context.ts';
import { calculatorsFor, runCalculator } from '../../policy/calculators.ts';
import { PARAMETER_FILES } from '../../policy/generated/parameters.generated.ts';
import { InputError } from '../../policy/input.ts';
import { DEFAULT_CONTEXT } from '../../policy/region.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'region-qingshan', 'region.yaml');
const ctx = loadPolicyContext(FIXTURE);
const calculators = calculatorsFor(ctx);
const run = (id: string, input: unknown) => runCalculator(id, input, calculators);

// Everything 达州-specific a leak would show: the city, its districts, its and Sichuan's parameter folders.
const DAZHOU = /达州|通川|达川|万源|宣汉|开江|大竹|渠县|dazhou|sichuan/;

describe('a second region from configuration only', () => {
  it('reads the region file: its districts, national figures from the project, province and city figures from its own folder', () => {
    expect(ctx.region).toEqual({
      city: '青山市',
      province: '云岭省',
      districts: ['东湖区', '西岭县', '南溪县'],
      parameters: { province: 'yunling', city: 'qingshan' },
    });
    const folders = new Set(Object.keys(ctx.table).map((id) => id.split('/')[0]));
    expect([...folders].sort()).toEqual(['national', 'qingshan', 'yunling']);
  });

  it('every calculator runs its own example there, and no 达州 name, district or parameter appears in the form or the answer', () => {
    for (const c of calculators) {
      const shown = JSON.stringify({ title: c.title, summary: c.summary, fields: c.fields, example: c.example, result: run(c.id, c.example) });
      expect(shown, c.id).not.toMatch(DAZHOU);
    }
  });

  it('unemployment: the district list is 青山’s, and 西岭县’s minimum wage times 云岭’s rate is the benefit', () => {
    const form = calculators.find((c) => c.id === 'unemployment')!;
    expect(form.fields.find((f) => f.name === 'district')!.options!.map((o) => o.value)).toEqual(['东湖区', '西岭县', '南溪县']);
    const r = run('unemployment', { contributionMonths: 72, date: '2025-09-01', district: '西岭县' });
    expect(r).toMatchObject({ monthlyAmount: 1520, months: 18, total: 27360 });
    expect(r.parameters.map((p) => p.id)).toContain('qingshan/minimum-wage-monthly');
    expect(r.parameters.map((p) => p.id)).toContain('yunling/unemployment-benefit-rate');
    expect(r.steps[0]!.figures.map((f) => f.name)).toContain('西岭县月最低工资标准');
  });

  it('unemployment: a 达州 district is refused naming 青山’s; no district where they differ asks for one', () => {
    const err = (() => {
      try {
        run('unemployment', { contributionMonths: 72, date: '2025-09-01', district: '通川区' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('应为青山的区县之一：东湖区、西岭县、南溪县');
    expect(() => run('unemployment', { contributionMonths: 72, date: '2025-09-01' })).toThrow(/各区县最低工资不同，请选择参保地/);
  });

  it('resident pension adds 云岭’s and 青山’s own additions to the national minimum, so the basic pension is complete', () => {
    const national = run('resident-pension', { accountBalance: 0, contributionYears: 15, date: '2025-09-01', localAddition: 0 }).basic as number;
    const r = run('resident-pension', { accountBalance: 13900, contributionYears: 15, date: '2025-09-01' });
    expect(r).toMatchObject({ basicIsComplete: true, personalAccount: 100, basic: national + 45 });
    expect(r.steps.find((s) => s.id === 'basic')!.formula).toBe('全国最低标准 + 云岭省级提高部分 + 青山市县加发部分');
  });

  it('employee pension uses 云岭’s benefit base and rates, and only its unverified rate is called unverified', () => {
    const form = calculators.find((c) => c.id === 'employee-pension')!;
    expect(form.title).toBe('企业职工基本养老金（云岭）');
    const r = run('employee-pension', { ...(form.example as object), retirementAge: { years: 60, months: 0 } });
    expect(r).toMatchObject({ baseWage: 7000 });
    expect(r.notes.join('\n')).toContain('增发养老金的比例（0.2%）和依据文件未核实');
    expect(r.notes.join('\n')).not.toContain('过渡性养老金的系数');
  });

  it('flexible contribution: 60% of 云岭’s average wage within its limits', () => {
    expect(run('flexible-contribution', { year: 2026, basePercent: 60 })).toMatchObject({ base: 4000, monthly: 800 });
  });

  it('the legal floor reads 青山’s minimum wage: districts that differ make the resident type it in', () => {
    expect(() => run('severance', { startDate: '2020-01-01', endDate: '2025-09-01', averageMonthlyWage: 1000, cityAverageMonthlyWage: 7000 })).toThrow(
      /青山各区县这一时期的最低工资标准不同/,
    );
    const form = calculators.find((c) => c.id === 'severance')!;
    expect(form.fields.find((f) => f.name === 'cityAverageMonthlyWage')!.label).toBe('青山市上年度职工月平均工资');
  });

  it('the bundled region file gives the same context the site is generated from', () => {
    const bundled = loadPolicyContext();
    expect(bundled.region).toEqual(DEFAULT_CONTEXT.region);
    expect(bundled.table).toEqual(PARAMETER_FILES);
  });

  it('a region file without parameter folders is refused, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-region-'));
    const file = join(dir, 'region.yaml');
    writeFileSync(file, 'city: 青山市\nprovince: 云岭省\nbureau: 青山市人社局\ndistricts: [{ name: 东湖区 }]\n');
    expect(() => loadPolicyContext(file)).toThrow(ConfigError);
    expect(() => loadPolicyContext(file)).toThrow(/parameters：缺少计算器参数的文件夹/);
    writeFileSync(
      file,
      'city: 青山市\nprovince: 云岭省\nbureau: 青山市人社局\ndistricts: [{ name: 东湖区 }]\nparameters: { province: nowhere, city: qingshan }\n',
    );
    expect(() => loadPolicyContext(file)).toThrow(/没有 nowhere\/ 文件夹/);
  });
});

describe('minsheng calc in another region (in process)', () => {
  async function calc(argv: string[], env = parseEnv({})) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const code = await main(['calc', ...argv], { stdout, stderr, stdin: new PassThrough() }, env);
    return { code, out, err };
  }
  const input = JSON.stringify({ contributionMonths: 72, date: '2025-09-01', district: '东湖区' });

  it('--region FILE computes with that region’s figures', async () => {
    const r = await calc(['unemployment', '--region', FIXTURE, '--input', input]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ calculator: 'unemployment', monthlyAmount: 1680, total: 30240 });
    expect(r.out).not.toMatch(DAZHOU);
  });

  it('MINSHENG_REGION in the environment does the same; without it the bundled 达州 figures apply', async () => {
    const fromEnv = await calc(['unemployment', '--input', input], parseEnv({ MINSHENG_REGION: FIXTURE }));
    expect(JSON.parse(fromEnv.out)).toMatchObject({ monthlyAmount: 1680 });
    const bundled = await calc(['unemployment', '--input', JSON.stringify({ contributionMonths: 72, date: '2025-09-01', district: '通川区' })]);
    expect(JSON.parse(bundled.out)).toMatchObject({ monthlyAmount: 1980 });
  });

  it('--help documents --region; a region file that does not exist exits 1 naming it', async () => {
    expect((await calc(['--help'])).out).toContain('--region FILE');
    const missing = await calc(['unemployment', '--region', '/nonexistent/region.yaml', '--input', input]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('配置文件 /nonexistent/region.yaml 有误');
    expect(missing.err).toContain('文件不存在');
  });

  it('a 达州 district in that region is bad input (exit 2) naming 青山’s districts', async () => {
    const r = await calc(['unemployment', '--region', FIXTURE, '--input', JSON.stringify({ contributionMonths: 72, date: '2025-09-01', district: '通川区' })]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('应为青山的区县之一：东湖区、西岭县、南溪县');
  });
});
