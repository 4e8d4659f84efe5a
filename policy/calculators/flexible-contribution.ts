// 灵活就业人员基本养老保险缴费（按本省的缴费基数）：在当年缴费基数上下限之间自选基数，按 20% 缴费，其中 8% 记入个人账户。
import { z } from 'zod';
import { Dec } from '../decimal.ts';
import { InputError, moneyInput, numberInput } from '../input.ts';
import { numberAsOf, rowAsOf } from '../parameters.ts';
import { formatMoney } from '../format.ts';
import { paramFigure, Trace } from '../trace.ts';
import { DEFAULT_CONTEXT, roleId, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';

const schema = z
  .strictObject({
    year: numberInput({ min: 2000, max: 2100, integer: true, unit: ' 年' }),
    base: moneyInput().optional(),
    basePercent: numberInput({ min: 60, max: 300, unit: '%' }).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.base === undefined) === (v.basePercent === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['base'], message: '缴费基数（元）和缴费档次（60–300%）请填其中一个' });
    }
  });

export function flexibleContributionFor(ctx: PolicyContext): Calculator<typeof schema, { base: number; monthly: number; toPersonalAccount: number }> {
  const { region, table } = ctx;
  const province = shortName(region.province);
  return {
    id: 'flexible-contribution',
    title: '灵活就业人员养老保险缴费',
    summary: '个体工商户和灵活就业人员每月缴多少养老保险费、多少记入个人账户。',
    variants: [
      { id: 'percent', label: '按档次（60%–300%）' },
      { id: 'base', label: '按具体基数（元）' },
    ],
    fields: [
      { name: 'year', label: '缴费年度', kind: 'integer', unit: '年' },
      { name: 'basePercent', label: '缴费档次（全省平均工资的百分之几）', kind: 'number', unit: '%', variant: 'percent', hint: '60 到 300 之间，最低档填 60' },
      { name: 'base', label: '月缴费基数', kind: 'number', unit: '元', variant: 'base' },
    ],
    example: { year: 2026, basePercent: 60 },
    schema,
    calculate(input) {
      const t = new Trace();
      const asOf = `${input.year}-01-01`;
      // Sichuan publishes a year's limits late in that year and makes up the difference afterwards, so a
      // year not yet published is an estimate on the latest limits, said as such.
      const estimate = { estimate: true };
      const lower = t.use(rowAsOf(roleId(region, 'contributionBaseLimits'), asOf, 'lower', table, estimate));
      const upper = t.use(rowAsOf(roleId(region, 'contributionBaseLimits'), asOf, 'upper', table, estimate));
      let base: Dec;
      if (input.basePercent !== undefined) {
        const average = t.use(numberAsOf(roleId(region, 'contributionAverageWage'), asOf, table, estimate));
        // Sichuan publishes its limits as whole yuan (7646 × 60% = 4587.6 → 4588), so a chosen
        // percentage is rounded the same way and kept inside the published limits.
        base = Dec.of(average.value).times(input.basePercent).div(100).round(0).max(lower.value).min(upper.value);
        t.step({
          id: 'base',
          what: '月缴费基数',
          formula: '全口径城镇单位就业人员月平均工资 × 缴费档次，四舍五入到元，且在当年上下限之间',
          figures: [
            paramFigure(average),
            { name: '缴费档次', value: `${input.basePercent}%`, fromInput: 'basePercent' },
            paramFigure(lower, '当年缴费基数下限'),
            paramFigure(upper, '当年缴费基数上限'),
          ],
          result: base.toNumber(),
          unit: '元/月',
        });
      } else {
        base = Dec.of(input.base!);
        if (base.lt(lower.value) || base.gt(upper.value)) {
          throw new InputError([
            { field: 'base', label: '月缴费基数', message: `${input.year}年的缴费基数应在 ${formatMoney(lower.value)} 至 ${formatMoney(upper.value)} 之间` },
          ]);
        }
        t.step({
          id: 'base',
          what: '月缴费基数',
          formula: '本人自选，须在当年上下限之间',
          figures: [
            { name: '自选基数', value: base.toNumber(), unit: '元/月', fromInput: 'base' },
            paramFigure(lower, '当年缴费基数下限'),
            paramFigure(upper, '当年缴费基数上限'),
          ],
          result: base.toNumber(),
          unit: '元/月',
        });
      }
      const rate = t.use(numberAsOf('national/flexible-pension-rate', asOf, table));
      const personalRate = t.use(numberAsOf('national/flexible-personal-account-rate', asOf, table));
      const monthly = base.times(rate.value).fen();
      const personal = base.times(personalRate.value).fen();
      // The pooled part is what is left, so the two parts add up to the monthly payment to the fen.
      const pooled = monthly.minus(personal);
      t.step({
        id: 'monthly',
        what: '每月应缴养老保险费',
        formula: '月缴费基数 × 费率',
        figures: [{ name: '月缴费基数', value: base.toNumber(), unit: '元/月' }, paramFigure(rate)],
        result: monthly.toNumber(),
        unit: '元/月',
      });
      t.step({
        id: 'toPersonalAccount',
        what: '其中记入个人账户',
        formula: '月缴费基数 × 记入个人账户的比例',
        figures: [{ name: '月缴费基数', value: base.toNumber(), unit: '元/月' }, paramFigure(personalRate)],
        result: personal.toNumber(),
        unit: '元/月',
      });
      t.step({
        id: 'toPooledFund',
        what: '其中进入统筹基金',
        formula: '每月应缴 − 记入个人账户部分',
        figures: [
          { name: '每月应缴', value: monthly.toNumber(), unit: '元/月' },
          { name: '记入个人账户', value: personal.toNumber(), unit: '元/月' },
        ],
        result: pooled.toNumber(),
        unit: '元/月',
      });
      if (lower.estimate) {
        t.note(
          `${province} ${input.year} 年的缴费基数还没有公布（收录）；新基数公布前一般先按上年基数缴费，公布后按新基数补差，所以这里是按 ${lower.estimate.usedYear} 年基数的估算。`,
        );
      }
      t.note(`灵活就业人员的医疗保险按${region.city}的规定另行缴纳，本计算器未计算。`);
      return t.finish({ base: base.toNumber(), monthly: monthly.toNumber(), toPersonalAccount: personal.toNumber() });
    },
  };
}

export const flexibleContribution = flexibleContributionFor(DEFAULT_CONTEXT);
