// 经济补偿金（劳动合同法第四十七条）。
import { z } from 'zod';
import { Dec } from '../decimal.ts';
import { addDays, elapsed, parseISODate } from '../dates.ts';
import { dateInput, InputError, moneyInput } from '../input.ts';
import { numberAsOf } from '../parameters.ts';
import { formatDate } from '../format.ts';
import { paramFigure, Trace } from '../trace.ts';
import { DEFAULT_CONTEXT, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';
import { floorToMinimumWage } from './minimum-wage.ts';

const schema = z.strictObject({
  startDate: dateInput(),
  endDate: dateInput(),
  averageMonthlyWage: moneyInput(),
  cityAverageMonthlyWage: moneyInput(),
  /** 当地月最低工资标准, when the resident knows it; otherwise the region's recorded standard. */
  minimumWage: moneyInput().optional(),
});

export function severanceFor(
  ctx: PolicyContext,
): Calculator<typeof schema, { years: number; monthlyBase: number; total: number; capped: boolean; raisedToMinimumWage: boolean }> {
  const { region, table } = ctx;
  const city = shortName(region.city);
  return {
    id: 'severance',
    title: '经济补偿金',
    summary: '解除或终止劳动合同时，用人单位按工作年限支付的经济补偿（每满一年一个月工资）。',
    fields: [
      { name: 'startDate', label: '入职日期', kind: 'date' },
      { name: 'endDate', label: '劳动合同解除或终止日期', kind: 'date', hint: '最后一个工作日，这一天也算工作时间' },
      {
        name: 'averageMonthlyWage',
        label: '解除前12个月平均月工资',
        kind: 'number',
        unit: '元',
        hint: '应得工资，含奖金、津贴、补贴；不满12个月按实际月数平均',
      },
      {
        name: 'cityAverageMonthlyWage',
        label: `${region.city}上年度职工月平均工资`,
        kind: 'number',
        unit: '元',
        hint: `以${region.city}公布的数为准（本站尚未收录这个数）`,
      },
      { name: 'minimumWage', label: `当地月最低工资标准（不填按本站收录的${city}标准）`, kind: 'number', unit: '元', optional: true },
    ],
    example: { startDate: '2015-03-01', endDate: '2025-09-01', averageMonthlyWage: 4500, cityAverageMonthlyWage: 7000 },
    schema,
    calculate(input) {
      const t = new Trace();
      const start = parseISODate(input.startDate);
      const end = parseISODate(input.endDate);
      if (input.endDate < input.startDate) {
        throw new InputError([{ field: 'endDate', label: '劳动合同解除或终止日期', message: '不能早于入职日期' }]);
      }
      // The last day worked is part of the working time: 2023-07-01 to 2024-12-31 is 1 year 6 months.
      const span = elapsed(start, addDays(end, 1));
      // 劳动合同法第四十七条: full years count 1 each; a remainder of six months or more (六个月以上,
      // which includes six) counts 1; a shorter remainder counts half a month.
      const remainderCredit = span.months >= 6 ? 1 : span.months > 0 || span.days > 0 ? 0.5 : 0;
      const rawYears = span.years + remainderCredit;
      t.step({
        id: 'years',
        what: '工作年限（N）',
        formula: '每满 1 年计 1 个月工资；剩下不满 1 年的：满 6 个月（含 6 个月）按 1 年算，不满 6 个月按半个月工资算；最后工作日当天算在内',
        figures: [
          { name: '入职日期', value: formatDate(input.startDate), fromInput: 'startDate' },
          { name: '解除或终止日期', value: formatDate(input.endDate), fromInput: 'endDate' },
          { name: '满整年数', value: span.years, unit: '年' },
          { name: '剩余', value: `${span.months}个月${span.days}天` },
          { name: '剩余部分计为', value: remainderCredit, unit: '年' },
        ],
        result: rawYears,
        unit: '个月工资',
      });

      const multiple = t.use(numberAsOf('national/severance-wage-cap-multiple', input.endDate, table));
      const yearsCap = t.use(numberAsOf('national/severance-years-cap', input.endDate, table));
      // 劳动合同法实施条例第二十七条: a monthly wage below the local minimum wage is raised to it.
      const typedWage = Dec.of(input.averageMonthlyWage);
      const floored = floorToMinimumWage(ctx, t, input.endDate, typedWage, {
        typed: input.minimumWage,
        field: 'minimumWage',
        fieldLabel: '当地月最低工资标准',
      });
      const raisedToMinimumWage = floored.raised;
      const wage = floored.value;
      if (floored.raised) {
        t.step({
          id: 'minimumWage',
          what: '月工资不低于当地最低工资标准',
          formula: '本人月工资低于当地月最低工资标准的，按最低工资标准计算（劳动合同法实施条例第二十七条）',
          figures: [{ name: '本人月平均工资', value: typedWage.toNumber(), unit: '元', fromInput: 'averageMonthlyWage' }, floored.figure!],
          result: wage.toNumber(),
          unit: '元',
        });
      } else if (floored.unknown) {
        t.note(
          `这一时期${city}的最低工资标准本站没有可靠的数，没能检查“月工资不低于最低工资标准”；您的月工资低于当时当地最低工资标准的，应按最低工资标准计算（劳动合同法实施条例第二十七条），可以在“当地月最低工资标准”一栏填写。`,
        );
      }
      const capWage = Dec.of(input.cityAverageMonthlyWage).times(multiple.value).fen();
      const capped = wage.gt(capWage);
      const monthlyBase = capped ? capWage : wage;
      const years = capped ? Math.min(rawYears, yearsCap.value) : rawYears;
      t.step({
        id: 'monthlyBase',
        what: '计算用的月工资',
        formula: `本人月工资高于上年度职工月平均工资的 ${multiple.value} 倍时，按 ${multiple.value} 倍计算，且年限最多 ${yearsCap.value} 年`,
        figures: [
          raisedToMinimumWage
            ? { name: '按最低工资标准计算的月工资', value: wage.toNumber(), unit: '元' }
            : { name: '本人月平均工资', value: wage.toNumber(), unit: '元', fromInput: 'averageMonthlyWage' },
          { name: '上年度职工月平均工资', value: input.cityAverageMonthlyWage, unit: '元', fromInput: 'cityAverageMonthlyWage' },
          paramFigure(multiple),
          { name: '封顶月工资', value: capWage.toNumber(), unit: '元' },
        ],
        result: monthlyBase.toNumber(),
        unit: '元',
      });
      if (capped && rawYears > yearsCap.value) {
        t.step({
          id: 'yearsCapped',
          what: '封顶后的年限',
          formula: `月工资封顶时，年限最多按 ${yearsCap.value} 年计算`,
          figures: [{ name: '实际工作年限', value: rawYears, unit: '年' }, paramFigure(yearsCap)],
          result: years,
          unit: '个月工资',
        });
      }
      const total = monthlyBase.times(years).fen();
      t.step({
        id: 'total',
        what: '经济补偿金',
        formula: '计算用的月工资 × 工作年限（N）',
        figures: [
          { name: '计算用的月工资', value: monthlyBase.toNumber(), unit: '元' },
          { name: '工作年限', value: years, unit: '个月' },
        ],
        result: total.toNumber(),
        unit: '元',
      });
      t.note('月工资按解除前 12 个月的应得工资平均计算；低于当地最低工资标准的，按最低工资标准计算（劳动合同法实施条例第二十七条）。');
      t.note('2008年1月1日以前的工作年限按当时的规定计算（劳动合同法第九十七条），本计算器按现行规定统一计算。');
      t.note('违法解除劳动合同的，按经济补偿标准的 2 倍支付赔偿金（劳动合同法第八十七条）；未提前 30 日通知的，另付 1 个月工资。');
      if (input.startDate < '2008-01-01') t.note('您的工作年限有一部分在 2008 年以前，实际金额请以劳动仲裁或人社部门的认定为准。');
      return t.finish({ years, monthlyBase: monthlyBase.toNumber(), total: total.toNumber(), capped, raisedToMinimumWage });
    },
  };
}

export const severance = severanceFor(DEFAULT_CONTEXT);
