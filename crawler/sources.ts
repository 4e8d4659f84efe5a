// The sources file: which public sites to crawl and how to read them. Validated with zod so a
// typo in a selector key is refused with the file and field named, not crawled wrongly.
import { z } from 'zod';
import cron from 'node-cron';
import { loadConfigFile } from '../config/load.ts';

const selectorWithAttr = z.string({ error: '应为 CSS 选择器，取属性时写成 选择器@属性' }).min(1, '选择器不能为空');

const baseSource = {
  id: z.string({ error: '应为来源编号（字母、数字、-）' }).regex(/^[a-z0-9][a-z0-9-]*$/, '来源编号只能用小写字母、数字和 -，例如 dazhou-board'),
  name: z.string({ error: '应为来源名称（文字）' }).min(1, '来源名称不能为空'),
  start: z.url({ error: '应为网址（http:// 或 https:// 开头）' }),
  encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030'], { error: '应为 auto、utf-8、gbk 或 gb18030' }).default('auto'),
  schedule: z
    .string({ error: '应为 cron 表达式，例如 "*/10 * * * *"' })
    .refine((expr) => cron.validate(expr), '不是有效的 cron 表达式，例如 "*/10 * * * *" 表示每 10 分钟')
    .default('*/30 * * * *'),
  rateLimit: z
    .object({ perSecond: z.number({ error: '应为每秒请求数（数字）' }).positive('应大于 0').max(10, '每秒不超过 10 次') })
    .strict()
    .default({ perSecond: 1 }),
  /** Requests in flight to this source's host at once. One is the polite default. */
  // Optional rather than defaulted so existing SourcesFile literals stay valid; the crawler applies 1.
  concurrency: z.number({ error: '应为同时请求数（整数）' }).int('应为整数').min(1, '至少 1').max(8, '不超过 8').optional(),
  /**
   * true: this source's own host (and port) may be on a private network or this machine — never
   * another internal host a link or redirect on it points to. A list names the private hosts
   * (host or host:port) it may reach instead.
   */
  allowPrivateNetwork: z
    .union(
      [
        z.boolean(),
        z.array(z.string().regex(/^[\w.-]+(:\d{1,5})?$|^\[[\da-fA-F:.]+\](:\d{1,5})?$/, '应为主机名或 主机:端口，如 10.0.0.5:8080')).min(1, '至少写一个主机'),
      ],
      { error: '应为 true、false 或主机列表（如 ["10.0.0.5:8080"]）' },
    )
    .default(false),
  /** The district this source covers, when it is a county board. */
  district: z.string().optional(),
  /** Hours without a new post after which the source counts as silent; by default learnt from its usual gap. */
  silentAfterHours: z
    .number({ error: '应为小时数（数字）' })
    .positive('应大于 0')
    .max(24 * 90, '不超过 90 天')
    .optional(),
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

/**
 * Pages that fill themselves with JavaScript: rendered in headless Chromium, then read with the
 * same selectors as `html`. `waitFor` is the element whose appearance means the page is ready
 * (default: the item selector on lists, the title selector on posts).
 */
export const browserSourceSchema = z
  .object({
    ...baseSource,
    type: z.literal('browser'),
    list: z
      .object({
        item: selectorWithAttr,
        link: selectorWithAttr,
        next: selectorWithAttr.optional(),
        maxPages: z.number({ error: '应为页数（数字）' }).int('应为整数').min(1, '至少 1 页').max(1000).default(5),
        waitFor: z.string().min(1).optional(),
      })
      .strict(),
    post: z
      .object({
        title: selectorWithAttr,
        body: selectorWithAttr,
        publishedAt: selectorWithAttr.optional(),
        author: selectorWithAttr.optional(),
        waitFor: z.string().min(1).optional(),
      })
      .strict(),
    /** How long to wait for `waitFor` before giving the page up (ms). */
    renderTimeoutMs: z.number({ error: '应为等待页面渲染的毫秒数' }).int().min(100).max(120_000).default(15_000),
  })
  .strict();

export const rssSourceSchema = z.object({ ...baseSource, type: z.literal('rss') }).strict();

/** Query, form or JSON body values; strings may hold {page}, {pageSize}, {since}, {today}, {token}. */
const templated = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), {
  error: '应为 名称: 值 的列表，值里可写 {page}、{pageSize}、{since}、{today}、{token}',
});
const headerMap = z.record(z.string().regex(/^[A-Za-z0-9-]+$/, '请求头名称只能有字母、数字和 -'), z.string(), { error: '应为 请求头名称: 值 的列表' });

const requestShape = {
  method: z.enum(['GET', 'POST'], { error: '应为 GET 或 POST' }).default('GET'),
  /** Added to the URL's query string. */
  query: templated.optional(),
  /** Sent as application/x-www-form-urlencoded (POST only). */
  form: templated.optional(),
  /** Sent as application/json (POST only); a value that is exactly "{page}" is sent as a number. */
  json: z.record(z.string(), z.unknown(), { error: '应为 JSON 请求体（名称: 值）' }).optional(),
  headers: headerMap.optional(),
};
const checkBody = (r: { method: string; form?: unknown; json?: unknown }, ctx: z.RefinementCtx) => {
  if (r.form && r.json) ctx.addIssue({ code: 'custom', path: ['json'], message: 'form 和 json 只能写一个' });
  if (r.method === 'GET' && (r.form || r.json)) ctx.addIssue({ code: 'custom', path: ['method'], message: '带 form 或 json 请求体时 method 应为 POST' });
};

/** How an API source asks for a page: POST or GET, page number in the query or body, a handshake first. */
export const apiRequestSchema = z
  .object({
    ...requestShape,
    pageSize: z.number({ error: '应为每页条数（整数）' }).int('应为整数').min(1).max(500).default(20),
    /** First page number (some APIs count from 0). */
    firstPage: z.number({ error: '应为第一页的页码（0 或 1）' }).int().min(0).max(1).default(1),
    /** Field path of the number of pages (or of all items, with `totalItems`) in the response. */
    totalPages: z.string().optional(),
    totalItems: z.string().optional(),
    /**
     * A first request whose cookies every later request carries, and optionally a token read from
     * its JSON answer (`token: data.token`) and sent as a header or as {token} in the templates.
     */
    handshake: z
      .object({
        url: z.url({ error: '握手地址应为网址' }),
        ...requestShape,
        token: z.string().optional(),
        tokenHeader: z
          .string()
          .regex(/^[A-Za-z0-9-]+$/)
          .optional(),
        tokenPrefix: z.string().default(''),
      })
      .strict()
      .superRefine(checkBody)
      .optional(),
  })
  .strict()
  .superRefine(checkBody);

export const jsonSourceSchema = z
  .object({
    ...baseSource,
    type: z.literal('json'),
    fields: z
      .object({
        items: z.string({ error: '应为条目列表的字段路径，例如 data.list' }),
        /** A field path, or an address built from fields: "/message/detail?id={msgId}". */
        link: z.string({ error: '应为链接字段路径，或用 {字段} 拼出的地址' }),
        title: z.string({ error: '应为标题字段路径' }),
        body: z.string({ error: '应为正文字段路径' }),
        publishedAt: z.string().optional(),
        author: z.string().optional(),
        id: z.string().optional(),
        /** Path of the next page's URL in the response, for paged APIs. */
        next: z.string().optional(),
      })
      .strict(),
    /** For APIs that page by number (often POST): how to ask for page N. Without it, plain GET of `start`. */
    request: apiRequestSchema.optional(),
    maxPages: z.number({ error: '应为页数（数字）' }).int('应为整数').min(1, '至少 1 页').max(1000).default(5),
  })
  .strict();

const ms = (label: string, min: number, max: number) =>
  z
    .number({ error: `应为${label}（毫秒，数字）` })
    .int('应为整数')
    .min(min, `不少于 ${min}`)
    .max(max, `不超过 ${max}`);

/** Network limits shared by all sources; the defaults suit slow government sites. */
export const httpSettingsSchema = z
  .object({
    timeoutMs: ms('单次请求超时', 50, 300_000).default(20_000),
    maxBytes: z
      .number({ error: '应为响应大小上限（字节）' })
      .int()
      .min(1024, '不少于 1024')
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    maxRedirects: z.number({ error: '应为重定向次数上限' }).int().min(0).max(20).default(5),
    retries: z.number({ error: '应为重试次数' }).int().min(0).max(10).default(3),
    backoffMs: ms('首次重试等待', 1, 600_000).default(2_000),
    maxBackoffMs: ms('最长重试等待', 1, 3_600_000).default(60_000),
    maxRetryAfterMs: ms('愿意等待 Retry-After 的上限', 0, 3_600_000).default(120_000),
    runAttempts: z.number({ error: '应为最多尝试的轮数' }).int().min(1).max(20).default(3),
    retryLaterMs: ms('失败网址下一轮重试前的等待', 0, 7 * 24 * 3_600_000).default(30 * 60_000),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('type', [htmlSourceSchema, rssSourceSchema, jsonSourceSchema, browserSourceSchema], {
  error: '应写明 type: html、rss、json 或 browser',
});

export const sourcesFileSchema = z
  .object({
    /** Identifies the bot with a way to reach the operator, as polite crawlers do. */
    userAgent: z
      .string({ error: '应为 User-Agent 文字' })
      .regex(/^[A-Za-z][\w-]*\/\S+.*(\+|@|https?:)/, 'User-Agent 应写明机器人名称/版本和联系方式，例如 "MinshengBot/0.1 (+mailto:ops@example.gov.cn)"')
      .default('MinshengBot/0.1 (+mailto:ops@example.gov.cn)'),
    // Optional for the same reason as `concurrency`; the crawler fills in the defaults.
    http: httpSettingsSchema.partial().optional(),
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
export type RssSource = z.infer<typeof rssSourceSchema>;
export type BrowserSource = z.infer<typeof browserSourceSchema>;
export type JsonSource = z.infer<typeof jsonSourceSchema>;
export type ApiRequest = z.infer<typeof apiRequestSchema>;
export type HttpSettings = z.infer<typeof httpSettingsSchema>;
/** What callers may pass to crawlSources (defaults not yet applied). */
export type SourcesFileInput = z.input<typeof sourcesFileSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export function loadSources(file: string): SourcesFile {
  return loadConfigFile(sourcesFileSchema, file);
}
