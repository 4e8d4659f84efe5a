// The shape of a parameter file (policy/parameters/**/*.yaml), PolicyEngine-style: one figure per
// file, its history keyed by effective date, and for every value where it comes from and how sure
// we are of it. Staff edit these files, so the messages are Chinese and name the field.
import { z } from 'zod';

/** How far a figure can be trusted. Mapped from the reference notes: [法条]→official,
 *  [官方-转]→official-secondhand, [推算]→derived, [二手]/[记忆-未核实]→unverified. */
export const CONFIDENCE_LEVELS = ['official', 'official-secondhand', 'derived', 'unverified'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** The one wording residents see for each level — calculator badges, explainer sources, the
 *  console's parameter table and `minsheng policy status` all use it. Chosen for a villager reading
 *  a poster: 未核实 says what to do (ask the office, whose answer counts) rather than the vaguer
 *  仅供参考; 按官方数推算 claims only what we did (arithmetic on official figures), where 按官方公式
 *  would suggest an official formula vouches for the result; 待核原文 says the check is still to do. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  official: '官方原文',
  'official-secondhand': '官方文件（转载，待核原文）',
  derived: '按官方数推算',
  unverified: '未核实，以经办机构答复为准',
};

const isoDate = z.string({ error: '应为日期，格式 2025-01-01' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: '应为日期，格式 2025-01-01' });

/** https://rst.sc.gov.cn, https://www.stats.gov.cn/sj/zxfb/ — a site or a listing, not a document. */
export function isHomePage(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const path = url.pathname.replace(/\/+$/, '');
  // A document has a file name or an id in its path; a bare host or a folder of a few letters is a listing.
  return path === '' || (/^(\/[a-z]{1,6})+$/i.test(path) && !url.search);
}

export const sourceSchema = z.object({
  title: z.string({ error: '缺少来源文件名称 title' }).min(1, { error: '来源文件名称 title 不能为空' }),
  docNumber: z.string().min(1).nullable().optional(),
  // A link must open the document itself: a site's home page stands in for a text nobody read.
  href: z
    .url({ error: '来源链接 href 应为网址' })
    .refine((u) => !isHomePage(u), { error: '来源链接 href 应指向文件本身，不能用网站首页或栏目页代替；没有原文链接就不写 href' })
    .nullable()
    .optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A figure, a table of figures keyed by a name (grade, age, district…), or null for a known gap. */
export const parameterValueSchema = z.union([z.number(), z.record(z.string(), z.union([z.number(), z.string()])), z.null()]);
export type ParameterValue = z.infer<typeof parameterValueSchema>;

export const datedValueSchema = z.object({
  value: parameterValueSchema,
  confidence: z.enum(CONFIDENCE_LEVELS, {
    error: 'confidence 应为 official、official-secondhand、derived 或 unverified 之一',
  }),
  source: sourceSchema,
  /** Caveats shown beside the figure (e.g. "生效日期待核"). For a null value: why it is unknown. */
  note: z.string().optional(),
});
export type DatedValue = z.infer<typeof datedValueSchema>;

/** How long a value holds. `yearly`: a figure re-published every year (计发基数, 缴费基数, 统计数):
 *  a value covers only the calendar year of its effective date, so a later year has no figure until
 *  one is added. `standing`: in force until replaced (法条, 费率, 最低工资) — but a standing money
 *  figure that is revised from time to time names a `reviewBy` date, after which it is not known
 *  to still apply. */
export const RENEWALS = ['yearly', 'standing'] as const;
export type Renewal = (typeof RENEWALS)[number];

export const parameterFileSchema = z.object({
  label: z.string({ error: '缺少 label（参数名称）' }).min(1),
  description: z.string({ error: '缺少 description（说明）' }).min(1),
  unit: z.string({ error: '缺少 unit（单位，如 元/月、比例、个月）' }).min(1),
  renewal: z.enum(RENEWALS, { error: 'renewal 应为 yearly（每年公布）或 standing（改了才换）' }).default('standing'),
  /** For a standing figure that is revised from time to time: the last day it is known to apply,
   *  by which staff must check for a newer one. */
  reviewBy: isoDate.optional(),
  values: z
    .record(isoDate, datedValueSchema, { error: 'values 应为“生效日期: 值”的列表' })
    .refine((v) => Object.keys(v).length > 0, { error: 'values 至少要有一个生效日期' }),
});
// The input shape, so a table written in code (tests) may leave out `renewal` (standing by default).
export type ParameterFile = z.input<typeof parameterFileSchema>;
