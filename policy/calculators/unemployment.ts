// 失业保险金（社会保险法第四十六条；按省定比例乘领取地月最低工资标准，四川为 90%）。在参保地（缴纳失业保险的地方）
// 申领；临近退休的可领到法定退休年龄（国务院关于渐进式延迟法定退休年龄的办法第五条）。
import { z } from 'zod';
import { Dec } from '../decimal.ts';
import { dateInput, InputError, numberInput } from '../input.ts';
import { addMonths, compareYMD, monthsBetween, parseISODate } from '../dates.ts';
import { formatDate } from '../format.ts';
import { numberAsOf, rowAsOf, tableAsOf } from '../parameters.ts';
import { formatYearsMonths } from '../format.ts';
import { paramFigure, Trace } from '../trace.ts';
import { DEFAULT_CONTEXT, roleId, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';

// The districts come from the region: the form lists them and a wrong one is named in the message.
const schemaFor = (districts: string[]) =>
  z.strictObject({
    contributionMonths: numberInput({ min: 0, max: 1200, integer: true, unit: ' 个月' }),
    date: dateInput(),
    district: z.string({ error: `应为区县名称，如 ${districts[0]}` }).optional(),
    /** 法定退休日期 (the retirement-age calculator gives it): for the 第五条 extension. */
    legalRetirementDate: dateInput().optional(),
  });

export function unemploymentFor(
  ctx: PolicyContext,
): Calculator<ReturnType<typeof schemaFor>, { monthlyAmount: number; months: number; total: number; eligible: boolean; extendedToRetirement: boolean }> {
  const { region, table } = ctx;
  const city = shortName(region.city);
  return {
    id: 'unemployment',
    title: '失业保险金',
    summary: '非本人意愿失业、缴费满 1 年的，按月领取失业保险金；按缴费时间定最长领多久。',
    fields: [
      { name: 'contributionMonths', label: '失业前累计缴纳失业保险的月数', kind: 'integer', unit: '个月', hint: '满 1 年填 12' },
      { name: 'date', label: '开始领取的日期', kind: 'date' },
      {
        name: 'district',
        label: '参保地（缴纳失业保险的区县）',
        kind: 'select',
        optional: true,
        options: region.districts.map((d) => ({ value: d, label: d })),
        hint: '在失业前参加失业保险的地方申领，不是户籍地',
      },
      {
        name: 'legalRetirementDate',
        label: '您的法定退休日期（知道就填）',
        kind: 'date',
        optional: true,
        hint: '可用“法定退休年龄”计算器算出；离退休不到 1 年的可以领到退休',
      },
    ],
    example: { contributionMonths: 72, date: '2025-09-01', district: region.districts[0] },
    schema: schemaFor(region.districts),
    calculate(input) {
      const t = new Trace();
      // The standard in force is used until a new one is published; past its review date the answer is an estimate.
      const wages = tableAsOf(roleId(region, 'localMinimumWage'), input.date, table, { estimate: true });
      let wage;
      if (input.district) {
        if (!(input.district in wages.rows)) {
          throw new InputError([
            { field: 'district', label: '参保地（缴纳失业保险的区县）', message: `应为${city}的区县之一：${Object.keys(wages.rows).join('、')}` },
          ]);
        }
        wage = t.use(wages.at(input.district));
      } else {
        const distinct = new Set(Object.values(wages.rows));
        if (distinct.size > 1) {
          throw new InputError([{ field: 'district', label: '参保地（缴纳失业保险的区县）', message: '各区县最低工资不同，请选择参保地' }]);
        }
        wage = t.use(wages.at(Object.keys(wages.rows)[0]!));
        t.note(`没有选择区县：${city}各区县这一时期最低工资相同，按全市标准计算。`);
      }
      const rate = t.use(numberAsOf(roleId(region, 'unemploymentBenefitRate'), input.date, table));
      const monthly = Dec.of(wage.value).times(rate.value).fen();
      t.step({
        id: 'monthlyAmount',
        what: '每月失业保险金',
        formula: '参保地月最低工资标准 × 规定比例',
        figures: [paramFigure(wage, input.district ? `${input.district}月最低工资标准` : `${city}月最低工资标准`), paramFigure(rate)],
        result: monthly.toNumber(),
        unit: '元/月',
      });

      const durations = tableAsOf('national/unemployment-duration', input.date, table);
      const threshold = Object.keys(durations.rows)
        .map(Number)
        .sort((a, b) => a - b)
        .filter((min) => input.contributionMonths >= min)
        .at(-1);
      const eligible = threshold !== undefined;
      const durationUse = t.use(rowAsOf('national/unemployment-duration', input.date, String(threshold ?? Object.keys(durations.rows)[0]), table));
      let months = eligible ? Number(durationUse.value) : 0;
      t.step({
        id: 'months',
        what: '最长领取月数',
        formula: '累计缴费满 1 年不满 5 年最长 12 个月；满 5 年不满 10 年最长 18 个月；10 年以上最长 24 个月',
        figures: [
          {
            name: '累计缴费',
            value: formatYearsMonths({ years: Math.floor(input.contributionMonths / 12), months: input.contributionMonths % 12 }),
            fromInput: 'contributionMonths',
          },
          paramFigure(durationUse, '对应的最长领取期限'),
        ],
        result: months,
        unit: '个月',
      });
      if (!eligible) t.note('累计缴费不满 1 年，不能领取失业保险金。');

      // 第五条: a claimant less than a year from the legal retirement age keeps the benefit until reaching it.
      let extendedToRetirement = false;
      if (eligible && input.legalRetirementDate !== undefined) {
        const start = parseISODate(input.date);
        const retire = parseISODate(input.legalRetirementDate);
        const rule = t.use(numberAsOf('national/unemployment-until-retirement', input.date, table));
        const normalEnd = addMonths(start, months);
        const withinReach = compareYMD(addMonths(retire, -12 * rule.value), normalEnd) < 0;
        const untilRetirement = monthsBetween(start, retire);
        if (withinReach && untilRetirement > months) {
          extendedToRetirement = true;
          t.step({
            id: 'extendedMonths',
            what: '临近退休，领取期限延长至法定退休年龄',
            formula: `领取失业保险金期间距法定退休年龄不足 ${rule.value} 年的，领到法定退休年龄为止`,
            figures: [
              { name: '开始领取的日期', value: formatDate(input.date), fromInput: 'date' },
              { name: '法定退休日期', value: formatDate(input.legalRetirementDate), fromInput: 'legalRetirementDate' },
              paramFigure(rule),
              { name: '按缴费时间的最长期限', value: months, unit: '个月' },
            ],
            result: untilRetirement,
            unit: '个月',
          });
          months = untilRetirement;
          t.note('延长期间由失业保险基金按规定为您缴纳养老保险费；按月数计算的办法以参保地经办机构为准。');
        } else if (untilRetirement < months) {
          t.note(
            `您离法定退休日期只有 ${Math.max(untilRetirement, 0)} 个月：到时开始领取基本养老金的，从那时起停发失业保险金（失业保险条例第十五条），实际领取的月数会少于上面的最长期限。`,
          );
        }
      }

      const total = monthly.times(months).fen();
      t.step({
        id: 'total',
        what: '最多可领取的失业保险金合计',
        formula: '每月失业保险金 × 最长领取月数',
        figures: [
          { name: '每月失业保险金', value: monthly.toNumber(), unit: '元/月' },
          { name: '最长领取月数', value: months, unit: '个月' },
        ],
        result: total.toNumber(),
        unit: '元',
      });
      t.note(
        `在参保地（失业前参加失业保险的地方）的公共就业服务机构或社保经办机构办理失业登记、申领，不是户籍地；${city}现行的经办做法本站未核对到原文，以当地经办机构答复为准。`,
      );
      t.note(
        '领取条件：非本人意愿中断就业、已办理失业登记并有求职要求（社会保险法第四十五条）；因用人单位拖欠工资等违法情形由本人解除劳动合同的，也属于非本人意愿（失业保险金申领发放办法第四条）。重新就业后再次失业的，缴费时间重新计算，可与前次应领未领的期限合并，最长不超过 24 个月。',
      );
      t.note('领取失业保险金期间，基本医疗保险费由失业保险基金代缴。');
      return t.finish({ monthlyAmount: monthly.toNumber(), months, total: total.toNumber(), eligible, extendedToRetirement });
    },
  };
}

export const unemployment = unemploymentFor(DEFAULT_CONTEXT);
