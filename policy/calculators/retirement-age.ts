// 法定退休年龄（2025 年渐进式延迟退休）与按月领取养老金的最低缴费年限。
import { z } from 'zod';
import { monthOrDateInput } from '../input.ts';
import { numberAsOf, tableAsOf } from '../parameters.ts';
import { addMonths, monthsBetween, parseISODate, toISOMonth } from '../dates.ts';
import { formatAge, formatDate, formatYearsMonths } from '../format.ts';
import { paramFigure, Trace } from '../trace.ts';
import { DEFAULT_CONTEXT, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';

const CATEGORY_LABELS = {
  male: '男职工（原60周岁退休）',
  female55: '女职工（原55周岁退休，管理和技术岗位等）',
  female50: '女职工（原50周岁退休）',
} as const;

/** Row prefixes in national/retirement-age-reform.yaml. */
const RULE_PREFIX = { male: '男职工', female55: '原55岁退休女职工', female50: '原50岁退休女职工' } as const;

const schema = z.strictObject({
  birthDate: monthOrDateInput(),
  category: z.enum(['male', 'female50', 'female55'], { error: '应为 male（男）、female55（原55岁退休的女职工）或 female50（原50岁退休的女职工）' }),
});

type Output = {
  retirementDate: string;
  age: { years: number; months: number };
  delayMonths: number;
  minimumContributionYears: { years: number; months: number };
};

const REFORM_DATE = '2025-01-01';

export function retirementAgeFor(ctx: PolicyContext): Calculator<typeof schema, Output> {
  const { table } = ctx;
  return {
    id: 'retirement-age',
    title: '法定退休年龄',
    summary: '按 2025 年起实施的渐进式延迟退休办法，算出您的退休年龄、退休年月和最低缴费年限。',
    fields: [
      { name: 'birthDate', label: '出生年月', kind: 'month-or-date', hint: '如 1965-05' },
      { name: 'category', label: '人员类别', kind: 'select', options: Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label })) },
    ],
    example: { birthDate: '1965-05', category: 'male' },
    schema,
    calculate(input) {
      const t = new Trace();
      const birth = parseISODate(input.birthDate.length === 7 ? `${input.birthDate}-01` : input.birthDate);
      const rules = tableAsOf('national/retirement-age-reform', REFORM_DATE, table);
      const rule = (name: string) => t.use(rules.at(`${RULE_PREFIX[input.category]}.${name}`));
      const originalAge = rule('原法定退休年龄');
      const firstBirth = rule('开始延迟的出生年月');
      const step = rule('每几个月延迟1个月');
      const maxDelay = rule('最多延迟月数');

      const first = parseISODate(`${firstBirth.value}-01`);
      const sinceFirst = monthsBetween(first, birth);
      // Born in the first month already delays 1 month; every further `step` months add one more.
      const delayMonths = sinceFirst < 0 ? 0 : Math.min(Number(maxDelay.value), Math.floor(sinceFirst / Number(step.value)) + 1);
      const totalMonths = Number(originalAge.value) * 12 + delayMonths;
      const age = { years: Math.floor(totalMonths / 12), months: totalMonths % 12 };
      const retirement = addMonths({ y: birth.y, m: birth.m, d: 1 }, totalMonths);
      const retirementMonth = toISOMonth(retirement);

      t.step({
        id: 'delayMonths',
        what: '延迟月数',
        formula:
          sinceFirst < 0
            ? `${formatDate(String(firstBirth.value))}以前出生的，不延迟`
            : `自${formatDate(String(firstBirth.value))}出生起，每 ${step.value} 个月延迟 1 个月，最多 ${maxDelay.value} 个月：⌊距起始出生月的月数 ÷ ${step.value}⌋ + 1`,
        figures: [
          { name: '人员类别', value: CATEGORY_LABELS[input.category], fromInput: 'category' },
          { name: '出生年月', value: formatDate(toISOMonth(birth)), fromInput: 'birthDate' },
          { name: '开始延迟的出生年月', value: formatDate(String(firstBirth.value)), parameterId: firstBirth.id },
          { name: '每几个月延迟 1 个月', value: Number(step.value), unit: '个月', parameterId: step.id },
          { name: '最多延迟月数', value: Number(maxDelay.value), unit: '个月', parameterId: maxDelay.id },
          { name: '距起始出生月', value: Math.max(sinceFirst, 0), unit: '个月' },
        ],
        result: delayMonths,
        unit: '个月',
      });
      t.step({
        id: 'age',
        what: '法定退休年龄',
        formula: '原法定退休年龄 + 延迟月数',
        figures: [
          { name: '原法定退休年龄', value: Number(originalAge.value), unit: '岁', parameterId: originalAge.id },
          { name: '延迟月数', value: delayMonths, unit: '个月' },
        ],
        result: formatAge(age),
        unit: '',
      });
      t.step({
        id: 'retirementDate',
        what: '退休年月',
        formula: '出生年月 + 法定退休年龄',
        figures: [
          { name: '出生年月', value: formatDate(toISOMonth(birth)) },
          { name: '法定退休年龄', value: formatAge(age) },
        ],
        result: formatDate(retirementMonth),
        unit: '',
      });

      const minYears = t.use(numberAsOf('national/minimum-contribution-years', `${retirementMonth}-01`, table));
      const minimum = { years: Math.floor(minYears.value), months: Math.round((minYears.value % 1) * 12) };
      t.step({
        id: 'minimumContributionYears',
        what: '按月领取养老金的最低缴费年限',
        formula: '按退休年份查最低缴费年限表：2030 年前 15 年，2030 年起每年增加 6 个月，2039 年起 20 年',
        figures: [{ name: '退休年份', value: `${retirement.y}年` }, paramFigure(minYears)],
        result: formatYearsMonths(minimum),
        unit: '',
      });
      t.note('满最低缴费年限的，可以申请弹性提前退休，最多提前 3 年，但不得早于原法定退休年龄；经与单位协商一致，也可以弹性延迟退休，最多延迟 3 年。');
      t.note('可以在国家社会保险公共服务平台的“退休年龄计算器”核对：https://si.12333.gov.cn/184940.jhtml?menuguide=1');
      return t.finish({ retirementDate: retirementMonth, age, delayMonths, minimumContributionYears: minimum });
    },
  };
}

export const retirementAge = retirementAgeFor(DEFAULT_CONTEXT);
