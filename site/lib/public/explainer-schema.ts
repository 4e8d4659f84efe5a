// The front matter every 政策明白纸 must have. Publicity staff write Markdown; this schema is
// what catches a missing source, date or step before a resident sees the page.
// Written with Astro's bundled zod (v3): Astro's content layer validates collections with it.
import { z } from 'astro/zod';
import { CALCULATOR_LIST } from '../../../policy/calculators.ts';
import { DEFAULT_REGION } from '../../../policy/region.ts';
// Levels and their wording for residents live in policy/schema.ts, shared with the calculators.
import { CONFIDENCE_LEVELS, isHomePage } from '../../../policy/schema.ts';
import { SITUATION_TITLES } from './life-situations.ts';

const CALCULATOR_IDS = CALCULATOR_LIST.map((c) => c.id) as [string, ...string[]];

const text = (what: string) => z.string({ required_error: `缺少${what}`, invalid_type_error: `${what}应为文字` });
// YAML readers differ (some give Date, some the string 2025-09-01): accept both, refuse the rest.
const date = (what: string) =>
  z.preprocess(
    // A string that is no date (明年一月, 2025-13-01) stays a string, so staff get the Chinese
    // "应为日期" message rather than zod's English "Invalid date".
    (v) => (typeof v === 'string' && !Number.isNaN(new Date(v).getTime()) ? new Date(v) : v),
    z
      .date({ required_error: `缺少${what}`, invalid_type_error: `${what}应为日期，格式 2025-09-01` })
      .refine((d) => !Number.isNaN(d.getTime()), `${what}应为日期，格式 2025-09-01`),
  );

export const explainerSchema = z
  .object({
    title: text('标题 title').min(2, '标题太短').max(30, '标题不超过 30 个字'),
    summary: text('一句话摘要 summary').min(5, '摘要太短').max(80, '摘要不超过 80 个字'),
    audience: text('适用人群 audience（这篇写给谁）').max(60, '适用人群不超过 60 个字'),
    benefit: text('能得到什么 benefit').max(60, '能得到什么不超过 60 个字'),
    topic: text('主题 topic（例如 失业保险）'),
    /** 生活情形: where the home page lists this page (“您遇到了什么事？”). */
    situations: z
      .array(
        z.enum(SITUATION_TITLES, { errorMap: () => ({ message: `生活情形 situations 只能从这些里选：${SITUATION_TITLES.map((t) => `“${t}”`).join('、')}` }) }),
      )
      .default([]),
    region: z.string().default(DEFAULT_REGION.city),
    /** Calculator parameters the text quotes: the linter warns when one has a newer value. */
    parameters: z.array(z.string()).default([]),
    order: z.number().int().default(100),
    calculators: z.array(z.enum(CALCULATOR_IDS, { errorMap: () => ({ message: `应为计算器编号：${CALCULATOR_IDS.join('、')}` }) })).default([]),
    sources: z
      .array(
        z
          .object({
            title: text('出处的文件名称 title'),
            docNumber: z.string().optional(),
            // A link opens the document itself; a home page standing in for an unread text is refused.
            href: z
              .string()
              .url('出处链接应为网址')
              .refine((u) => !isHomePage(u), '出处链接应指向文件本身，不能用网站首页或栏目页代替；没有原文链接就不写 href')
              .optional(),
            confidence: z.enum(CONFIDENCE_LEVELS, { errorMap: () => ({ message: `可信度应为：${CONFIDENCE_LEVELS.join('、')}` }) }),
          })
          .strict(),
        { required_error: '缺少出处 sources' },
      )
      .min(1, '至少写一个出处（文件名称、文号、链接）'),
    effectiveFrom: date('生效日期 effectiveFrom'),
    effectiveTo: date('失效日期 effectiveTo').optional(),
    reviewBy: date('复核日期 reviewBy'),
    steps: z
      .object(
        {
          materials: z.array(z.string(), { required_error: '缺少 带什么材料 steps.materials' }).min(1, '至少写一样要带的材料'),
          where: text('去哪里办 steps.where'),
          howLong: text('多久办好 steps.howLong'),
          online: text('网上怎么办 steps.online'),
        },
        { required_error: '缺少办事步骤 steps（带什么材料、去哪里办、多久办好、网上怎么办）' },
      )
      .strict(),
    keyPoints: z
      .array(z.string().max(40, '海报要点每条不超过 40 个字'), { required_error: '缺少海报要点 keyPoints' })
      .min(3, '至少 3 条要点（用于海报）')
      .max(5, '要点最多 5 条'),
    glossary: z.array(z.string()).default([]),
  })
  .strict();

export type Explainer = z.infer<typeof explainerSchema>;
