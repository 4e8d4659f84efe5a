// Which city the calculators serve, and parameters named by their role. A calculator asks for
// "the local minimum wage" or "the province's pension benefit base"; the region (config/region.yaml)
// says which parameter folder holds it, so another city is a region file and a folder of figures,
// not a code change. National figures (法律、国务院规定) are the same everywhere and keep their ids.
// Pure data: the browser runs the calculators, so nothing here reads files.
import { DEFAULT_REGION, PARAMETER_FILES } from './generated/parameters.generated.ts';

export { DEFAULT_REGION };
import type { ParameterTable } from './parameters.ts';

/** The part of the region file the calculators need. */
export interface PolicyRegion {
  /** 达州市 — shown in labels and notes. */
  city: string;
  /** 四川省 */
  province: string;
  /** District names, in the region file's order (for the 参保地 list). */
  districts: string[];
  /** Folders under the parameter directory holding the province's and the city's figures. */
  parameters: { province: string; city: string };
}

/** What every calculation runs against: the region and the parameter table it resolves to. */
export interface PolicyContext {
  region: PolicyRegion;
  table: ParameterTable;
}

/** Parameters a calculator names by role; `level` picks the region's folder, `file` the file in it. */
export const PARAMETER_ROLES = {
  /** 各区县月最低工资标准 (a table keyed by district). */
  localMinimumWage: { level: 'city', file: 'minimum-wage-monthly' },
  /** 市、区县加发的城乡居民基础养老金 */
  cityResidentPensionAddition: { level: 'city', file: 'resident-pension-basic-addition' },
  /** 省级提高的城乡居民基础养老金 */
  provinceResidentPensionAddition: { level: 'province', file: 'resident-pension-basic-addition' },
  /** 失业保险金占最低工资标准的比例 */
  unemploymentBenefitRate: { level: 'province', file: 'unemployment-benefit-rate' },
  /** 基本养老金计发基数 */
  pensionBenefitBase: { level: 'province', file: 'pension-benefit-base' },
  /** 过渡性养老金计发系数 */
  transitionalPensionRate: { level: 'province', file: 'transitional-pension-rate' },
  /** 增发养老金比例 */
  extraPensionRate: { level: 'province', file: 'extra-pension-rate' },
  /** 灵活就业缴费基数上下限 */
  contributionBaseLimits: { level: 'province', file: 'contribution-base-limits' },
  /** 缴费用的全口径城镇单位就业人员月平均工资 */
  contributionAverageWage: { level: 'province', file: 'contribution-average-wage' },
} as const satisfies Record<string, { level: 'province' | 'city'; file: string }>;

export type ParameterRole = keyof typeof PARAMETER_ROLES;

/** The parameter id ("sichuan/pension-benefit-base") a role resolves to in this region. */
export function roleId(region: PolicyRegion, role: ParameterRole): string {
  const { level, file } = PARAMETER_ROLES[role];
  return `${region.parameters[level]}/${file}`;
}

/** 达州市 → 达州, 四川省 → 四川: how residents name the place in a sentence. Names whose
 *  suffix is the whole name (a two-character 县) are kept as they are. */
export function shortName(place: string): string {
  const short = place.replace(/(省|市|自治区|自治州|地区|盟)$/, '');
  return short.length >= 2 ? short : place;
}

/** The bundled region (config/region.yaml) and parameters, as generated for Node and the browser. */
export const DEFAULT_CONTEXT: PolicyContext = { region: DEFAULT_REGION, table: PARAMETER_FILES };
