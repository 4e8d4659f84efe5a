// 工伤保险待遇（工伤保险条例第三十五至三十九条、第六十四条）：一次性伤残补助金、伤残津贴、一次性工亡补助金。
import { z } from 'zod';
import { Dec } from '../decimal.ts';
import { dateInput, moneyInput, numberInput } from '../input.ts';
import { numberAsOf, numberOrEstimateAsOf, rowAsOf } from '../parameters.ts';
import { formatPercent } from '../format.ts';
import { paramFigure, Trace } from '../trace.ts';
import { DEFAULT_CONTEXT, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';
import { floorToMinimumWage } from './minimum-wage.ts';

const schema = z
  .strictObject({
    grade: numberInput({ min: 1, max: 10, integer: true, unit: ' 级' }).optional(),
    ownMonthlyWage: moneyInput().optional(),
    regionAverageMonthlyWage: moneyInput().optional(),
    date: dateInput().optional(),
    deathDate: dateInput().optional(),
    /** 当地月最低工资标准, when the resident knows it; otherwise the region's recorded standard. */
    minimumWage: moneyInput().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.grade === undefined && v.deathDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['grade'], message: '请填写伤残等级（1–10 级），因工死亡的请填写 deathDate' });
      return;
    }
    if (v.grade !== undefined && v.deathDate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['deathDate'], message: '伤残待遇和工亡待遇请分开计算：填了伤残等级就不要填死亡日期' });
      return;
    }
    if (v.grade !== undefined) {
      for (const field of ['ownMonthlyWage', 'regionAverageMonthlyWage', 'date'] as const) {
        if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: '必填' });
      }
    }
  });

type Output = { lumpSum?: number; monthlyAllowance?: number; allowanceRaisedToMinimumWage?: boolean; deathGrant?: number; wageBase?: number };

export function workInjuryFor(ctx: PolicyContext): Calculator<typeof schema, Output> {
  const { region, table } = ctx;
  const city = shortName(region.city);
  const province = shortName(region.province);
  return {
    id: 'work-injury',
    title: '工伤保险待遇',
    summary: '因工致残的一次性伤残补助金和伤残津贴，因工死亡的一次性工亡补助金。',
    variants: [
      { id: 'disability', label: '因工致残（已评定伤残等级）' },
      { id: 'death', label: '因工死亡' },
    ],
    fields: [
      {
        name: 'grade',
        label: '伤残等级',
        kind: 'select',
        numeric: true,
        variant: 'disability',
        options: Array.from({ length: 10 }, (_, i) => ({
          value: String(i + 1),
          label: `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i]}级`,
        })),
      },
      { name: 'ownMonthlyWage', label: '受伤前12个月平均月缴费工资', kind: 'number', unit: '元', variant: 'disability' },
      {
        name: 'regionAverageMonthlyWage',
        label: '统筹地区上年度职工月平均工资',
        kind: 'number',
        unit: '元',
        variant: 'disability',
        hint: `以社保经办机构公布的数为准（本站尚未收录${city}的数）`,
      },
      { name: 'date', label: '伤残等级鉴定日期', kind: 'date', variant: 'disability' },
      { name: 'minimumWage', label: `当地月最低工资标准（不填按本站收录的${city}标准）`, kind: 'number', unit: '元', variant: 'disability', optional: true },
      { name: 'deathDate', label: '死亡日期', kind: 'date', variant: 'death' },
    ],
    example: { grade: 7, ownMonthlyWage: 4000, regionAverageMonthlyWage: 7000, date: '2025-09-01' },
    schema,
    calculate(input) {
      const t = new Trace();
      if (input.deathDate !== undefined) {
        // The grant uses the previous year's national figure, published by the statistics bureau early in
        // the year: a year not yet recorded is an estimate on the latest one, and the real grant is higher.
        const income = t.use(numberOrEstimateAsOf('national/urban-disposable-income', input.deathDate, table));
        const statYear = Number(income.effectiveDate.slice(0, 4)) - 1;
        const multiple = t.use(numberAsOf('national/work-injury-death-grant-multiple', input.deathDate, table));
        const grant = Dec.of(income.value).times(multiple.value).fen();
        t.step({
          id: 'deathGrant',
          what: '一次性工亡补助金',
          formula: `上一年度全国城镇居民人均可支配收入 × ${multiple.value}`,
          figures: [paramFigure(income, `${statYear}年全国城镇居民人均可支配收入`), paramFigure(multiple)],
          result: grant.toNumber(),
          unit: '元',
        });
        if (income.estimate) {
          t.note(
            `${income.estimate.forYear} 年因工死亡的，按 ${income.estimate.forYear - 1} 年全国城镇居民人均可支配收入计算，本站还没有收录这个数；这里按 ${statYear} 年的数估算，实际金额通常更高。`,
          );
        }
        t.note('另有丧葬补助金（6 个月统筹地区上年度职工月平均工资）和供养亲属抚恤金（按本人工资的 30%–40% 按月发放），本计算器未计算。');
        return t.finish({ deathGrant: grant.toNumber() });
      }

      const grade = String(input.grade!);
      const when = input.date!;
      const floorRate = t.use(numberAsOf('national/work-injury-wage-floor', when, table));
      const capRate = t.use(numberAsOf('national/work-injury-wage-cap', when, table));
      const average = Dec.of(input.regionAverageMonthlyWage!);
      const floor = average.times(floorRate.value).fen();
      const cap = average.times(capRate.value).fen();
      const own = Dec.of(input.ownMonthlyWage!);
      const base = own.lt(floor) ? floor : own.gt(cap) ? cap : own;
      t.step({
        id: 'wageBase',
        what: '本人工资（计发基数）',
        formula: `受伤前12个月平均月缴费工资，低于统筹地区平均工资 ${formatPercent(floorRate.value)} 的按 ${formatPercent(floorRate.value)}，高于 ${formatPercent(capRate.value)} 的按 ${formatPercent(capRate.value)}`,
        figures: [
          { name: '本人月平均缴费工资', value: own.toNumber(), unit: '元', fromInput: 'ownMonthlyWage' },
          { name: '统筹地区上年度职工月平均工资', value: average.toNumber(), unit: '元', fromInput: 'regionAverageMonthlyWage' },
          paramFigure(floorRate),
          { name: '保底', value: floor.toNumber(), unit: '元' },
          paramFigure(capRate),
          { name: '封顶', value: cap.toNumber(), unit: '元' },
        ],
        result: base.toNumber(),
        unit: '元/月',
      });

      const months = t.use(rowAsOf('national/work-injury-disability-months', when, grade, table));
      const lumpSum = base.times(months.value).fen();
      t.step({
        id: 'lumpSum',
        what: '一次性伤残补助金',
        formula: '本人工资 × 伤残等级对应的月数',
        figures: [{ name: '本人工资', value: base.toNumber(), unit: '元/月' }, paramFigure(months, `${grade}级伤残的月数`)],
        result: lumpSum.toNumber(),
        unit: '元',
      });

      let monthlyAllowance: number | undefined;
      let allowanceRaisedToMinimumWage: boolean | undefined;
      if (Number(grade) <= 6) {
        const rate = t.use(rowAsOf('national/work-injury-allowance-rate', when, grade, table));
        const byRate = base.times(rate.value).fen();
        // 工伤保险条例第三十五、三十六条: the allowance is never below the local minimum wage.
        const floored = floorToMinimumWage(ctx, t, when, byRate, { typed: input.minimumWage, field: 'minimumWage', fieldLabel: '当地月最低工资标准' });
        const allowance = floored.value;
        monthlyAllowance = allowance.toNumber();
        allowanceRaisedToMinimumWage = floored.raised;
        t.step({
          id: 'monthlyAllowance',
          what: floored.raised ? '伤残津贴（按月，补足到最低工资标准）' : '伤残津贴（按月）',
          formula: floored.raised
            ? `本人工资 × 伤残等级对应的比例；低于当地最低工资标准的补足到最低工资标准（工伤保险条例第${Number(grade) <= 4 ? '三十五' : '三十六'}条）`
            : '本人工资 × 伤残等级对应的比例',
          figures: [
            { name: '本人工资', value: base.toNumber(), unit: '元/月' },
            paramFigure(rate, `${grade}级伤残的比例`),
            ...(floored.raised ? [{ name: '按比例算出', value: byRate.toNumber(), unit: '元/月' }, floored.figure!] : []),
          ],
          result: allowance.toNumber(),
          unit: '元/月',
        });
        if (floored.unknown) {
          t.note(
            `这一时期${city}的最低工资标准本站没有可靠的数，没能检查伤残津贴是否低于最低工资标准；低于的，应补足到当地最低工资标准，可以在“当地月最低工资标准”一栏填写。`,
          );
        }
        t.note(
          Number(grade) <= 4
            ? '一至四级伤残：保留劳动关系、退出工作岗位，伤残津贴由工伤保险基金按月支付；伤残津贴低于当地最低工资标准的，由基金补足差额。'
            : '五、六级伤残：保留劳动关系，由用人单位安排适当工作；难以安排工作的，由用人单位按月发放伤残津贴，且不得低于当地最低工资标准。',
        );
      } else {
        t.note('七至十级伤残没有伤残津贴。');
      }
      if (Number(grade) >= 5) {
        t.note(
          `五至十级伤残解除或终止劳动关系时，还有一次性工伤医疗补助金和一次性伤残就业补助金，标准由${region.province}规定；本站尚未核实${province}的标准，没有计算。`,
        );
      }
      return t.finish({
        lumpSum: lumpSum.toNumber(),
        ...(monthlyAllowance !== undefined ? { monthlyAllowance, allowanceRaisedToMinimumWage } : {}),
        wageBase: base.toNumber(),
      });
    },
  };
}

export const workInjury = workInjuryFor(DEFAULT_CONTEXT);
