// 企业职工基本养老金（按省的办法，首先是四川）：基础养老金、个人账户养老金、过渡性养老金和省里的增发养老金，
// 按《社会保险业务办理结果通知单》的栏目逐项计算，并在通知单取整的地方取整到分。
import { z } from 'zod';
import { Dec, sum } from '../decimal.ts';
import { dateInput, InputError, moneyInput, numberInput } from '../input.ts';
import { numberAsOf, numberOrEstimateAsOf, tableAsOf, type ParameterTable, type ParameterUse } from '../parameters.ts';
import { formatAge, formatPercent } from '../format.ts';
import { paramFigure, Trace, type Figure } from '../trace.ts';
import { DEFAULT_CONTEXT, roleId, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';

const schema = z
  .strictObject({
    retirementDate: dateInput(),
    retirementAge: z.strictObject(
      {
        years: numberInput({ min: 40, max: 70, integer: true, unit: ' 岁' }),
        months: numberInput({ min: 0, max: 11, integer: true, unit: ' 个月' }),
      },
      { error: '应为 {"years": 60, "months": 0} 这样的岁数和月数' },
    ),
    averageIndex: numberInput({ min: 0, minExclusive: true, max: 3 }),
    contributionYears: numberInput({ min: 0, minExclusive: true, max: 60, unit: ' 年' }),
    preAccountYears: numberInput({ min: 0, max: 60, unit: ' 年' }),
    accountBalance: moneyInput({ allowZero: true }),
    baseWage: moneyInput().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.preAccountYears > v.contributionYears) {
      ctx.addIssue({ code: 'custom', path: ['preAccountYears'], message: '不能超过累计缴费年限' });
    }
  });

/** Not eligible (累计缴费不足最低缴费年限): every amount is null, `reason` says why and what to do. */
type Output = {
  eligible: boolean;
  reason: string | null;
  minimumYears: number;
  basic: number | null;
  personalAccount: number | null;
  transitional: number | null;
  extra: number | null;
  total: number | null;
  annuityMonths: number | null;
  baseWage: number | null;
  indexedWage: number | null;
};

/** 计发月数 for an age in years and months: the table row, or for ages with months a linear
 *  interpolation towards the next year's row, kept to one decimal (Sichuan's 2025 notices: 60岁1个月 → 138.4). */
function annuityMonths(t: Trace, params: ParameterTable, date: string, years: number, months: number): { value: Dec; figures: Figure[]; formula: string } {
  const table = tableAsOf('national/annuity-months', date, params);
  const row = (age: number): ParameterUse => {
    if (!(String(age) in table.rows)) {
      throw new InputError([
        { field: 'retirementAge.years', label: '退休年龄', message: `计发月数表只收录 ${Object.keys(table.rows).join('、')} 岁，没有 ${age} 岁` },
      ]);
    }
    return t.use(table.at(String(age)));
  };
  const lower = row(years);
  if (months === 0) {
    return { value: Dec.of(lower.value), figures: [paramFigure(lower, `${years}岁的计发月数`)], formula: '按退休年龄查计发月数表' };
  }
  const upper = row(years + 1);
  const value = Dec.of(lower.value).minus(Dec.of(lower.value).minus(upper.value).times(months).div(12)).round(1);
  t.note('退休年龄带月数时，计发月数按相邻两个整岁的计发月数按月线性插值、保留一位小数；这是四川 2025 年核定案例的算法，尚未见书面规定。');
  return {
    value,
    figures: [
      paramFigure(lower, `${years}岁的计发月数`),
      paramFigure(upper, `${years + 1}岁的计发月数`),
      { name: '超出整岁的月数', value: months, unit: '个月' },
    ],
    formula: `${years}岁计发月数 −（${years}岁计发月数 − ${years + 1}岁计发月数）÷ 12 × 月数，保留一位小数`,
  };
}

export function employeePensionFor(ctx: PolicyContext): Calculator<typeof schema, Output> {
  const { region, table } = ctx;
  const province = shortName(region.province);
  return {
    id: 'employee-pension',
    title: `企业职工基本养老金（${province}）`,
    summary: `按${province}退休核定通知单的办法，逐项算出基础养老金、个人账户养老金、过渡性养老金和增发养老金。`,
    fields: [
      { name: 'retirementDate', label: '退休日期', kind: 'date' },
      { name: 'retirementAge.years', label: '退休年龄（岁）', kind: 'integer', unit: '岁' },
      { name: 'retirementAge.months', label: '退休年龄（另加月数）', kind: 'integer', unit: '个月', hint: '延迟退休后可能是“60岁2个月”，这里填 2；整岁填 0' },
      { name: 'averageIndex', label: '本人平均缴费指数', kind: 'number', hint: '见社保权益记录，如 0.872' },
      { name: 'contributionYears', label: '累计缴费年限（含视同缴费）', kind: 'number', unit: '年', hint: '如 43.08 年' },
      { name: 'preAccountYears', label: '1995年底前未建个人账户的缴费年限（含视同）', kind: 'number', unit: '年', hint: '没有就填 0' },
      { name: 'accountBalance', label: '个人账户储存额', kind: 'number', unit: '元' },
      { name: 'baseWage', label: `计发基数（不填按退休年度的${province}计发基数）`, kind: 'number', unit: '元/月', optional: true },
    ],
    example: {
      retirementDate: '2025-12-01',
      retirementAge: { years: 60, months: 1 },
      averageIndex: 0.872,
      contributionYears: 43.08,
      preAccountYears: 13.08,
      accountBalance: 111640.05,
    },
    schema,
    calculate(input) {
      const t = new Trace();
      const date = input.retirementDate;

      // 社会保险法第十六条: only those with the minimum contribution years draw a monthly pension.
      // The minimum is the one for the retirement year (15 years to 2029, then +6 months a year).
      const minimum = t.use(numberAsOf('national/minimum-contribution-years', date, table));
      const eligible = !Dec.of(input.contributionYears).lt(minimum.value);
      const shortBy = Dec.of(minimum.value).minus(input.contributionYears);
      t.step({
        id: 'eligible',
        what: '能否按月领取基本养老金',
        formula: `退休时累计缴费（含视同缴费）满 ${minimum.value} 年（${date.slice(0, 4)} 年退休的最低缴费年限）`,
        figures: [
          { name: '累计缴费年限（含视同）', value: input.contributionYears, unit: '年', fromInput: 'contributionYears' },
          paramFigure(minimum, `${date.slice(0, 4)}年退休的最低缴费年限`),
        ],
        result: eligible ? '满足最低缴费年限' : `还差 ${shortBy.toNumber()} 年，暂不能按月领取`,
        unit: '',
      });
      if (!eligible) {
        const reason = `累计缴费 ${input.contributionYears} 年，不满 ${minimum.value} 年的最低缴费年限（还差 ${shortBy.toNumber()} 年），达到退休年龄时还不能按月领取基本养老金。`;
        t.note(
          '可以继续缴费（含延长缴费）到满最低缴费年限，再按月领取基本养老金；也可以申请转入城乡居民基本养老保险，按城乡居民养老保险的规定享受待遇（社会保险法第十六条）。',
        );
        t.note('2030 年起最低缴费年限每年提高 6 个月，2039 年起为 20 年（国务院关于渐进式延迟法定退休年龄的办法）；具体办理请咨询社保经办机构或 12333。');
        return t.finish({
          eligible: false,
          reason,
          minimumYears: minimum.value,
          basic: null,
          personalAccount: null,
          transitional: null,
          extra: null,
          total: null,
          annuityMonths: null,
          baseWage: null,
          indexedWage: null,
        });
      }

      let base: Dec;
      let baseFigure: Figure;
      if (input.baseWage !== undefined) {
        base = Dec.of(input.baseWage);
        baseFigure = { name: '计发基数（本人填写）', value: input.baseWage, unit: '元/月', fromInput: 'baseWage' };
      } else {
        // Before a year's base is published the bureau pays on the previous one (预发) and makes up the
        // difference later, so an unpublished year is an estimate on the latest base, said as such.
        const p = t.use(numberOrEstimateAsOf(roleId(region, 'pensionBenefitBase'), date, table));
        base = Dec.of(p.value);
        baseFigure = paramFigure(p, `${p.estimate ? p.estimate.usedYear : date.slice(0, 4)}年度${province}计发基数`);
        if (p.estimate)
          t.note(
            `${date.slice(0, 4)} 年度${province}计发基数还没有收录；经办机构在新基数公布前按上年基数预发，公布后重算并补发差额，所以这里的基础养老金和过渡性养老金是按 ${p.estimate.usedYear} 年度基数的估算。知道新基数的，可以填在“计发基数”一栏。`,
          );
      }
      const index = Dec.of(input.averageIndex);
      const years = Dec.of(input.contributionYears);

      const indexedWage = base.times(index).fen();
      t.step({
        id: 'indexedWage',
        what: '本人指数化月平均缴费工资',
        formula: '计发基数 × 本人平均缴费指数',
        figures: [baseFigure, { name: '平均缴费指数', value: input.averageIndex, fromInput: 'averageIndex' }],
        result: indexedWage.toNumber(),
        unit: '元/月',
      });

      const accrual = t.use(numberAsOf('national/basic-pension-accrual-rate', date, table));
      const basic = base.times(index.plus(1)).div(2).times(years).times(accrual.value).fen();
      t.step({
        id: 'basic',
        what: '基础养老金',
        formula: `计发基数 ×（1 + 平均缴费指数）÷ 2 × 累计缴费年限 × ${formatPercent(accrual.value)}`,
        figures: [
          baseFigure,
          { name: '平均缴费指数', value: input.averageIndex, fromInput: 'averageIndex' },
          { name: '累计缴费年限（含视同）', value: input.contributionYears, unit: '年', fromInput: 'contributionYears' },
          paramFigure(accrual),
        ],
        result: basic.toNumber(),
        unit: '元/月',
      });

      const months = annuityMonths(t, table, date, input.retirementAge.years, input.retirementAge.months);
      t.step({
        id: 'annuityMonths',
        what: `计发月数（退休年龄 ${formatAge(input.retirementAge)}）`,
        formula: months.formula,
        figures: months.figures,
        result: months.value.toNumber(),
        unit: '个月',
      });
      const personal = Dec.of(input.accountBalance).div(months.value).fen();
      t.step({
        id: 'personalAccount',
        what: '个人账户养老金',
        formula: '个人账户储存额 ÷ 计发月数',
        figures: [
          { name: '个人账户储存额', value: input.accountBalance, unit: '元', fromInput: 'accountBalance' },
          { name: '计发月数', value: months.value.toNumber(), unit: '个月' },
        ],
        result: personal.toNumber(),
        unit: '元/月',
      });

      const transitionalRate = t.use(numberAsOf(roleId(region, 'transitionalPensionRate'), date, table));
      const transitional = base.plus(indexedWage).div(2).times(input.preAccountYears).times(transitionalRate.value).fen();
      t.step({
        id: 'transitional',
        what: '过渡性养老金',
        formula: `（计发基数 + 本人指数化月平均缴费工资）÷ 2 × 1995年底前未建账缴费年限 × ${formatPercent(transitionalRate.value)}`,
        figures: [
          baseFigure,
          { name: '本人指数化月平均缴费工资', value: indexedWage.toNumber(), unit: '元/月' },
          { name: '1995年底前未建账缴费年限', value: input.preAccountYears, unit: '年', fromInput: 'preAccountYears' },
          paramFigure(transitionalRate),
        ],
        result: transitional.toNumber(),
        unit: '元/月',
      });

      const extraRate = t.use(numberAsOf(roleId(region, 'extraPensionRate'), date, table));
      const extra = indexedWage.times(extraRate.value).times(years).fen();
      t.step({
        id: 'extra',
        what: `增发养老金（${province}${extraRate.confidence === 'unverified' ? '，未核实' : ''}）`,
        formula: `本人指数化月平均缴费工资 × ${formatPercent(extraRate.value)} × 累计缴费年限`,
        figures: [
          { name: '本人指数化月平均缴费工资', value: indexedWage.toNumber(), unit: '元/月' },
          paramFigure(extraRate),
          { name: '累计缴费年限（含视同）', value: input.contributionYears, unit: '年', fromInput: 'contributionYears' },
        ],
        result: extra.toNumber(),
        unit: '元/月',
      });
      // Which figures are doubtful comes from the parameter files, so another province's notes are its own.
      const doubts = [
        ...(extraRate.confidence === 'unverified'
          ? [`增发养老金的比例（${formatPercent(extraRate.value)}）和依据文件未核实${extraRate.note ? '（原因见参数表）' : ''}`]
          : []),
        ...(transitionalRate.confidence === 'unverified' ? [`过渡性养老金的系数（${formatPercent(transitionalRate.value)}）未核对到${province}原文`] : []),
      ];
      t.note(`${doubts.map((d) => d + '。').join('')}增发养老金的定额部分未计入。以社保经办机构核定为准。`);

      const total = sum([basic, personal, transitional, extra]);
      t.step({
        id: 'total',
        what: '月基本养老金合计',
        formula: '基础养老金 + 个人账户养老金 + 过渡性养老金 + 增发养老金',
        figures: [
          { name: '基础养老金', value: basic.toNumber(), unit: '元/月' },
          { name: '个人账户养老金', value: personal.toNumber(), unit: '元/月' },
          { name: '过渡性养老金', value: transitional.toNumber(), unit: '元/月' },
          { name: '增发养老金', value: extra.toNumber(), unit: '元/月' },
        ],
        result: total.toNumber(),
        unit: '元/月',
        sumOf: ['basic', 'personalAccount', 'transitional', 'extra'],
      });
      t.note('当年计发基数公布前退休的，经办机构先按上年基数预发，公布后重算基础养老金和过渡性养老金并补发差额（个人账户养老金不重算）。');
      t.note('本结果仅供参考，以社保经办机构出具的《社会保险业务办理结果通知单》为准。');
      return t.finish({
        eligible: true,
        reason: null,
        minimumYears: minimum.value,
        basic: basic.toNumber(),
        personalAccount: personal.toNumber(),
        transitional: transitional.toNumber(),
        extra: extra.toNumber(),
        total: total.toNumber(),
        annuityMonths: months.value.toNumber(),
        baseWage: base.toNumber(),
        indexedWage: indexedWage.toNumber(),
      });
    },
  };
}

export const employeePension = employeePensionFor(DEFAULT_CONTEXT);
