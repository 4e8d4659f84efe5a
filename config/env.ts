// The environment, read once at the edge (the CLI's main, the server's start) and passed down as one
// typed object, so no module below reads process.env and a bad value is refused up front, naming the
// variable in Chinese, instead of surfacing later as a failed push or a wrong directory.
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError, describeIssues } from './load.ts';

// Unset and blank are the same thing: `MINSHENG_WEBHOOK_URL= minsheng analyze` turns a channel off.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());
const url = (what: string) => optional(z.url({ protocol: /^https?$/, error: `${what}应为 http:// 或 https:// 开头的网址` }));
const text = optional(z.string());
const yesNo = optional(
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(['1', 'true', 'yes', '0', 'false', 'no'], { error: '应为 1/true/yes 或 0/false/no' })),
);
const isYes = (v: string | undefined) => ['1', 'true', 'yes'].includes(v ?? '');
/** yes/no, or proxy addresses and ranges separated by commas (site/server/client-ip.ts trustedProxiesFrom). */
const proxyEntry = (entry: string) => {
  const [addr, bits, ...rest] = entry.split('/');
  const kind = isIP(addr ?? '');
  return kind !== 0 && rest.length === 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (kind === 4 ? 32 : 128)));
};
const proxies = optional(
  z.string().refine(
    (v) =>
      ['1', 'true', 'yes', '0', 'false', 'no'].includes(v.toLowerCase()) ||
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every(proxyEntry),
    {
      error: '应为 1/true/yes、0/false/no，或逗号分隔的代理 IP 地址或网段（例如 10.0.0.5,10.0.0.0/24）',
    },
  ),
);

export const envSchema = z.object({
  MINSHENG_DATA: text,
  // The store: PostgreSQL when set, else SQLite in the data directory.
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: '应为 postgres://用户:密码@主机:端口/数据库 形式的 PostgreSQL 地址' })),
  MINSHENG_REGION: text,
  MINSHENG_SITE_URL: url('网站对外地址'),
  MINSHENG_SITE_DIST: text,
  MINSHENG_SITE_LIVE_DIR: text,
  MINSHENG_EXPLAINERS_DIR: text,
  MINSHENG_TRUST_PROXY: proxies,
  MINSHENG_HTTPS: yesNo,
  MINSHENG_CHROMIUM: text,
  MINSHENG_SENTIMENT_WEIGHTS: text,
  MINSHENG_TOPICS: text,
  MEILI_URL: url('Meilisearch 地址'),
  MEILI_MASTER_KEY: text,
  MEILI_API_KEY: text,
  MEILI_INDEX: text,
  // Ollama itself accepts a bare host:port, so this is not checked as a URL.
  OLLAMA_HOST: text,
  MINSHENG_LLM_MODEL: text,
  MINSHENG_CONSOLE_URL: url('工作台地址'),
  MINSHENG_NOTIFY_QUIET_HOURS: optional(
    z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d\s*-\s*([01]?\d|2[0-3]):[0-5]\d$/, { error: '应为免打扰时段，如 22:00-07:00' }),
  ),
  MINSHENG_WECOM_WEBHOOK: url('企业微信机器人地址'),
  MINSHENG_DINGTALK_WEBHOOK: url('钉钉机器人地址'),
  MINSHENG_DINGTALK_SECRET: text,
  MINSHENG_WEBHOOK_URL: url('webhook 地址'),
  MINSHENG_ADMIN_WECOM_WEBHOOK: url('管理员企业微信机器人地址'),
  MINSHENG_ADMIN_DINGTALK_WEBHOOK: url('管理员钉钉机器人地址'),
  MINSHENG_ADMIN_DINGTALK_SECRET: text,
  MINSHENG_ADMIN_WEBHOOK_URL: url('管理员 webhook 地址'),
  USER: text,
});

type Raw = z.infer<typeof envSchema>;

/** Settings from the environment, grouped by who uses them. Absent means "not configured". */
export interface Env {
  /** --data default. */
  dataDir?: string;
  /** postgres://… — the store is PostgreSQL instead of SQLite in the data directory. */
  databaseUrl?: string;
  /** Region file for the calculators (default config/region.yaml). */
  regionFile?: string;
  siteUrl?: string;
  siteDist?: string;
  /** Where the running server's pages are, which publishing replaces (set by the server for itself). */
  siteLiveDir?: string;
  /** The 明白纸 folder, when publishing builds from a staged copy. */
  explainersDir?: string;
  /** MINSHENG_TRUST_PROXY as written (yes/no or a list); site/server/client-ip.ts reads it. */
  trustProxy?: string;
  /** Behind a TLS proxy: cookies get Secure and __Host-. */
  https: boolean;
  /** The Chromium for browser sources. */
  chromium?: string;
  sentimentWeights?: string;
  /** The bureau's topic words (default config/topics.yaml). */
  topicsFile?: string;
  meili?: { url: string; masterKey?: string; apiKey?: string; index?: string };
  llm?: { host: string; model?: string };
  notify: {
    consoleUrl?: string;
    quietHours?: string;
    wecomWebhook?: string;
    dingtalkWebhook?: string;
    dingtalkSecret?: string;
    webhookUrl?: string;
    /** The administrators' channels (crawl source health), never the duty group's. */
    admin: { wecomWebhook?: string; dingtalkWebhook?: string; dingtalkSecret?: string; webhookUrl?: string };
  };
  /** Who runs the CLI, for audit entries. */
  user?: string;
}

// Keys with undefined values are left out, so `{ ...defaults, ...env.notify }` keeps the defaults.
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError('环境变量', describeIssues(result.error));
  const e: Raw = result.data;
  return defined({
    dataDir: e.MINSHENG_DATA,
    databaseUrl: e.DATABASE_URL,
    regionFile: e.MINSHENG_REGION,
    siteUrl: e.MINSHENG_SITE_URL,
    siteDist: e.MINSHENG_SITE_DIST,
    siteLiveDir: e.MINSHENG_SITE_LIVE_DIR,
    explainersDir: e.MINSHENG_EXPLAINERS_DIR,
    trustProxy: e.MINSHENG_TRUST_PROXY,
    https: isYes(e.MINSHENG_HTTPS),
    chromium: e.MINSHENG_CHROMIUM,
    sentimentWeights: e.MINSHENG_SENTIMENT_WEIGHTS,
    topicsFile: e.MINSHENG_TOPICS,
    meili: e.MEILI_URL ? defined({ url: e.MEILI_URL, masterKey: e.MEILI_MASTER_KEY, apiKey: e.MEILI_API_KEY, index: e.MEILI_INDEX }) : undefined,
    llm: e.OLLAMA_HOST ? defined({ host: e.OLLAMA_HOST, model: e.MINSHENG_LLM_MODEL }) : undefined,
    notify: defined({
      consoleUrl: e.MINSHENG_CONSOLE_URL,
      quietHours: e.MINSHENG_NOTIFY_QUIET_HOURS,
      wecomWebhook: e.MINSHENG_WECOM_WEBHOOK,
      dingtalkWebhook: e.MINSHENG_DINGTALK_WEBHOOK,
      dingtalkSecret: e.MINSHENG_DINGTALK_SECRET,
      webhookUrl: e.MINSHENG_WEBHOOK_URL,
      admin: defined({
        wecomWebhook: e.MINSHENG_ADMIN_WECOM_WEBHOOK,
        dingtalkWebhook: e.MINSHENG_ADMIN_DINGTALK_WEBHOOK,
        dingtalkSecret: e.MINSHENG_ADMIN_DINGTALK_SECRET,
        webhookUrl: e.MINSHENG_ADMIN_WEBHOOK_URL,
      }),
    }),
    user: e.USER,
  });
}
