// 城乡居民基本养老金：个人账户养老金（储存额 ÷ 139）+ 基础养老金（全国最低标准 + 省、市加发）。
// 省、市加发部分没有找到出处的，按“未知”列出，不编造。
import { z } from 'zod';
import { Dec, sum } from '../decimal.ts';
import { dateInput, moneyInput, numberInput } from '../input.ts';
import { isGap, numberAsOf, numberOrEstimateAsOf, numberOrGapAsOf } from '../parameters.ts';
import { paramFigure, Trace, type Figure } from '../trace.ts';
import { DEFAULT_CONTEXT, roleId, shortName, type PolicyContext } from '../region.ts';
import type { Calculator } from './types.ts';

const schema = z.strictObject({
  accountBalance: moneyInput({ allowZero: true }),
  contributionYears: numberInput({ min: 0, max: 60, unit: ' 年' }),
  date: dateInput(),
  /** 省级和市县加发合计，经办机构告知了就填，不填则按“未知”。 */
  localAddition: moneyInput({ allowZero: true }).optional(),
});

/** Not eligible (缴费不满 15 年): the amounts are null and `reason` says why and what to do. */
type Output = {
  personalAccount: number | null;
  basic: number | null;
  total: number | null;
  eligible: boolean;
  reason: string | null;
  basicIsComplete: boolean;
};

export function residentPensionFor(ctx: PolicyContext): Calculator<typeof schema, Output> {
  const { region, table } = ctx;
  const city = shortName(region.city);
  const province = shortName(region.province);
  return {
    id: 'resident-pension',
    title: '城乡居民养老金',
    summary: '年满 60 岁、缴费满 15 年的城乡居民每月能领多少养老金（个人账户部分 + 基础养老金）。',
    fields: [
      { name: 'accountBalance', label: '个人账户储存额', kind: 'number', unit: '元', hint: '可在当地人社 APP 或掌上 12333 查询' },
      { name: 'contributionYears', label: '累计缴费年限', kind: 'number', unit: '年' },
      { name: 'date', label: '开始领取的日期', kind: 'date' },
      {
        name: 'localAddition',
        label: `${province}和${city}加发的基础养老金（知道才填）`,
        kind: 'number',
        unit: '元/月',
        optional: true,
        hint: '以当地社保经办机构告知为准',
      },
    ],
    example: { accountBalance: 15000, contributionYears: 15, date: '2025-09-01' },
    schema,
    calculate(input) {
      const t = new Trace();
      // Eligibility first: below the minimum years no monthly amount is shown at all.
      const minYears = t.use(numberAsOf('national/resident-pension-minimum-years', input.date, table));
      const eligible = !Dec.of(input.contributionYears).lt(minYears.value);
      const shortBy = Dec.of(minYears.value).minus(input.contributionYears).toNumber();
      t.step({
        id: 'eligible',
        what: '能否按月领取',
        formula: `年满 60 周岁且累计缴费满 ${minYears.value} 年`,
        figures: [{ name: '累计缴费年限', value: input.contributionYears, unit: '年', fromInput: 'contributionYears' }, paramFigure(minYears)],
        result: eligible ? '满足缴费年限' : `还差 ${shortBy} 年，暂不能按月领取`,
        unit: '',
      });
      if (!eligible) {
        t.note(
          `累计缴费不满 ${minYears.value} 年，到 60 岁时还不能按月领取；可以补缴到满 ${minYears.value} 年（补缴部分一般没有政府补贴），补足后再按月领取。`,
        );
        t.note('城乡居保制度实施时已年满 60 周岁的，不用缴费也可按月领取基础养老金；具体以社保经办机构核定为准。');
        return t.finish({
          personalAccount: null,
          basic: null,
          total: null,
          eligible: false,
          basicIsComplete: false,
          reason: `累计缴费 ${input.contributionYears} 年，不满 ${minYears.value} 年（还差 ${shortBy} 年），暂不能按月领取城乡居民养老金。`,
        });
      }
      const divisor = t.use(numberAsOf('national/resident-pension-account-divisor', input.date, table));
      const personal = Dec.of(input.accountBalance).div(divisor.value).fen();
      t.step({
        id: 'personalAccount',
        what: '个人账户养老金',
        formula: '个人账户储存额 ÷ 计发月数',
        figures: [{ name: '个人账户储存额', value: input.accountBalance, unit: '元', fromInput: 'accountBalance' }, paramFigure(divisor)],
        result: personal.toNumber(),
        unit: '元/月',
      });

      // The national minimum rises most years; a year not yet recorded is an estimate on the latest one.
      const national = t.use(numberOrEstimateAsOf('national/resident-pension-basic-minimum', input.date, table));
      const figures: Figure[] = [paramFigure(national)];
      let basic = Dec.of(national.value);
      let basicIsComplete = true;
      if (input.localAddition !== undefined) {
        basic = basic.plus(input.localAddition);
        figures.push({ name: `${province}和${city}加发（本人填写）`, value: input.localAddition, unit: '元/月', fromInput: 'localAddition' });
      } else {
        for (const id of [roleId(region, 'provinceResidentPensionAddition'), roleId(region, 'cityResidentPensionAddition')]) {
          const part = numberOrGapAsOf(id, input.date, table);
          if (isGap(part)) {
            t.gap(part);
            basicIsComplete = false;
            figures.push({ name: part.label, value: '未知' });
          } else {
            t.use(part);
            basic = basic.plus(part.value);
            figures.push(paramFigure(part));
          }
        }
      }
      basic = basic.fen();
      t.step({
        id: 'basic',
        what: basicIsComplete ? '基础养老金' : '基础养老金（已知部分）',
        formula: `全国最低标准 + ${province}省级提高部分 + ${city}市县加发部分`,
        figures,
        result: basic.toNumber(),
        unit: '元/月',
      });
      if (!basicIsComplete) {
        t.note(
          `${province}省级提高部分和${city}市、区县加发部分本站尚未核实，没有计入；实际领取的基础养老金会高于这里的已知部分。知道当地加发数的，可以填在“加发”一栏。`,
        );
      }

      const total = sum([personal, basic]);
      t.step({
        id: 'total',
        what: basicIsComplete ? '每月养老金合计' : '每月养老金（至少）',
        formula: '个人账户养老金 + 基础养老金',
        figures: [
          { name: '个人账户养老金', value: personal.toNumber(), unit: '元/月' },
          { name: '基础养老金', value: basic.toNumber(), unit: '元/月' },
        ],
        result: total.toNumber(),
        unit: '元/月',
        sumOf: ['personalAccount', 'basic'],
      });

      t.note('城乡居保制度实施时已年满 60 周岁的，不用缴费也可按月领取基础养老金；本结果仅供参考，以社保经办机构核定为准。');
      return t.finish({
        personalAccount: personal.toNumber(),
        basic: basic.toNumber(),
        total: total.toNumber(),
        eligible: true,
        reason: null,
        basicIsComplete,
      });
    },
  };
}

export const residentPension = residentPensionFor(DEFAULT_CONTEXT);
