// The sources file: which public sites to crawl and how to read them. Validated with zod so a
// typo in a selector key is refused with the file and field named, not crawled wrongly.
import { z } from 'zod';
import { loadConfigFile } from '../config/load.ts';

const selectorWithAttr = z.string({ error: '应为 CSS 选择器，取属性时写成 选择器@属性' }).min(1, '选择器不能为空');

const baseSource = {
  id: z
    .string({ error: '应为来源编号（字母、数字、-）' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, '来源编号只能用小写字母、数字和 -，例如 dazhou-board'),
  name: z.string({ error: '应为来源名称（文字）' }).min(1, '来源名称不能为空'),
  start: z.url({ error: '应为网址（http:// 或 https:// 开头）' }),
  encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030'], { error: '应为 auto、utf-8、gbk 或 gb18030' }).default('auto'),
  schedule: z.string({ error: '应为 cron 表达式，例如 "*/10 * * * *"' }).default('*/30 * * * *'),
  rateLimit: z
    .object({ perSecond: z.number({ error: '应为每秒请求数（数字）' }).positive('应大于 0').max(10, '每秒不超过 10 次') })
    .strict()
    .default({ perSecond: 1 }),
  allowPrivateNetwork: z.boolean({ error: '应为 true 或 false' }).default(false),
  /** The district this source covers, when it is a county board. */
  district: z.string().optional(),
};

export const htmlSourceSchema = z
  .object({
    ...baseSource,
    type: z.literal('html'),
    list: z
      .object({
        item: selectorWithAttr,
        link: selectorWithAttr,
        next: selectorWithAttr.optional(),
        maxPages: z.number({ error: '应为页数（数字）' }).int('应为整数').min(1, '至少 1 页').max(1000).default(5),
      })
      .strict(),
    post: z
      .object({
        title: selectorWithAttr,
        body: selectorWithAttr,
        publishedAt: selectorWithAttr.optional(),
        author: selectorWithAttr.optional(),
      })
      .strict(),
  })
  .strict();

export const rssSourceSchema = z.object({ ...baseSource, type: z.literal('rss') }).strict();

export const jsonSourceSchema = z
  .object({
    ...baseSource,
    type: z.literal('json'),
    fields: z
      .object({
        items: z.string({ error: '应为条目列表的字段路径，例如 data.list' }),
        link: z.string({ error: '应为链接字段路径' }),
        title: z.string({ error: '应为标题字段路径' }),
        body: z.string({ error: '应为正文字段路径' }),
        publishedAt: z.string().optional(),
        author: z.string().optional(),
        id: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('type', [htmlSourceSchema, rssSourceSchema, jsonSourceSchema], {
  error: '应写明 type: html、rss 或 json',
});

export const sourcesFileSchema = z
  .object({
    userAgent: z.string().default('MinshengBot/0.1 (+mailto:ops@example.gov.cn)'),
    sources: z.array(sourceSchema, { error: '应为来源列表' }).min(1, '至少要有一个来源'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `来源编号 ${s.id} 重复` });
      seen.add(s.id);
    });
  });

export type Source = z.infer<typeof sourceSchema>;
export type HtmlSource = z.infer<typeof htmlSourceSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export function loadSources(file: string): SourcesFile {
  return loadConfigFile(sourcesFileSchema, file);
}
