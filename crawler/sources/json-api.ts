// API sources that page by number: the request for page N (GET query or POST form/JSON body built
// from {page} templates), a handshake whose cookies and token the later requests carry, and the
// paging stop rules. The fetching itself goes through the polite Fetcher like every other page.
import type { ApiRequest, JsonSource } from '../sources.ts';
import { canonicalUrl } from '../url.ts';
import { getPath } from '../extract-json.ts';
import { parsePublishedAt } from '../dates.ts';
import { localDay, regionTimeZone } from '../../shared/time.ts';
import type { FetchOutcome, FetchRequest } from '../fetcher.ts';

export type ApiSource = JsonSource & { request: ApiRequest };

export const isApiSource = (s: { type: string; request?: unknown }): s is ApiSource => s.type === 'json' && s.request !== undefined;

export interface TemplateVars {
  page: number;
  pageSize: number;
  /** YYYY-MM-DD: the day of the last successful run (or 30 days back on the first run). */
  since: string;
  today: string;
  token: string;
}

const PLACEHOLDER = /\{(page|pageSize|since|today|token)\}/g;

/** Fills {page}… in a string; a value that is exactly one numeric placeholder stays a number (JSON bodies). */
export function fillTemplate(value: unknown, vars: TemplateVars): unknown {
  if (typeof value === 'string') {
    const whole = /^\{(page|pageSize)\}$/.exec(value);
    if (whole) return vars[whole[1] as 'page' | 'pageSize'];
    return value.replace(PLACEHOLDER, (_, k: keyof TemplateVars) => String(vars[k]));
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, vars)]));
  return value;
}

/**
 * The queue key of page N. The real request may differ from run to run ({since}, a new token),
 * and a POST's URL is the same for every page, so the key is the start URL plus the page number.
 */
export function apiPageKey(source: ApiSource, page: number): string {
  return `${canonicalUrl(source.start)}#page=${page}`;
}

type RequestShape = Pick<ApiRequest, 'method' | 'query' | 'form' | 'json' | 'headers'>;

/** The Fetcher request for one API call (page or handshake), cookies and token included. */
export function buildCall(
  url: string,
  shape: RequestShape,
  vars: TemplateVars,
  session: ApiSession | null,
): Pick<FetchRequest, 'url' | 'method' | 'body' | 'headers'> {
  const target = new URL(url);
  for (const [k, v] of Object.entries(shape.query ?? {})) target.searchParams.set(k, String(fillTemplate(String(v), vars)));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(shape.headers ?? {})) headers[k.toLowerCase()] = String(fillTemplate(v, vars));
  let body: Buffer | undefined;
  if (shape.form) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(shape.form)) form.set(k, String(fillTemplate(String(v), vars)));
    body = Buffer.from(form.toString());
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
  } else if (shape.json) {
    body = Buffer.from(JSON.stringify(fillTemplate(shape.json, vars)));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (session) Object.assign(headers, session.headers(headers));
  return { url: target.toString(), method: shape.method, body, headers };
}

/** Cookies and token for one run; kept in memory only, so a resumed run shakes hands again. */
export class ApiSession {
  private readonly cookies = new Map<string, string>();
  token = '';

  constructor(
    private readonly tokenHeader?: string,
    private readonly tokenPrefix = '',
  ) {}

  /** Keeps name=value of each Set-Cookie line (attributes such as Path or Expires are not needed here). */
  absorb(setCookie: string[]) {
    for (const line of setCookie) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  headers(existing: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (jar) out.cookie = existing.cookie ? `${existing.cookie}; ${jar}` : jar;
    if (this.token && this.tokenHeader) out[this.tokenHeader.toLowerCase()] = this.tokenPrefix + this.token;
    return out;
  }
}

/** Reads the token from the handshake answer; a clear error when the configured field is missing. */
export function tokenFrom(outcome: FetchOutcome, path: string): string {
  if (outcome.kind !== 'ok') throw new Error('握手请求没有返回内容，读不到令牌');
  let doc: unknown;
  try {
    doc = JSON.parse(outcome.body.toString('utf8'));
  } catch {
    throw new Error('握手请求的回答不是 JSON，读不到令牌');
  }
  const value = getPath(doc, path);
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`握手回答里没有令牌字段 ${path}`);
  return String(value);
}

export const STOP_MARGIN_MS = 86_400_000;

/** Why paging stops after this page, or null to fetch the next one. */
export function pagingStop(options: {
  source: ApiSource;
  /** 1-based position of this page in the run. */
  position: number;
  doc: unknown;
  itemCount: number;
  freshCount: number;
  publishedAt: (string | null)[];
  refresh: boolean;
  sinceIso: string | null;
}): string | null {
  const { source, position, doc, itemCount, freshCount } = options;
  const api = source.request;
  if (itemCount === 0) return '最后一页（没有条目）';
  const totalPages = api.totalPages
    ? Number(getPath(doc, api.totalPages))
    : api.totalItems
      ? Math.ceil(Number(getPath(doc, api.totalItems)) / api.pageSize)
      : NaN;
  if (Number.isFinite(totalPages) && position >= totalPages) return `最后一页（共 ${totalPages} 页）`;
  if (position >= source.maxPages) return `已到 maxPages（${source.maxPages} 页）`;
  if (options.refresh) return null;
  if (freshCount === 0) return `第 ${position} 页全是已抓过的帖子`;
  if (options.sinceIso) {
    // A day's margin: boards often publish a message hours after its stated time (moderation).
    const since = Date.parse(options.sinceIso) - STOP_MARGIN_MS;
    const times = options.publishedAt.map((t) => (t ? Date.parse(parsePublishedAt(t) ?? '') : NaN));
    if (times.length > 0 && times.every((t) => Number.isFinite(t) && t < since)) return `第 ${position} 页都早于上次抓取`;
  }
  return null;
}

/** {since} and {today} as calendar days in the region's time zone (config/region.yaml). */
export function dayVars(now: Date, lastSuccessIso: string | null, timeZone = regionTimeZone()): Pick<TemplateVars, 'since' | 'today'> {
  const day = (d: Date) => localDay(d, timeZone);
  const since = lastSuccessIso ? new Date(Date.parse(lastSuccessIso) - 86_400_000) : new Date(now.getTime() - 30 * 86_400_000);
  return { since: day(since), today: day(now) };
}
