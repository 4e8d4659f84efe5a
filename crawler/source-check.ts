// `minsheng sources test`: before a new source is scheduled, fetch one list page and one post the
// way the crawler would (robots.txt, rate limit, SSRF guard, handshake) and say, in Chinese, what
// each selector found and what is missing. Nothing is stored.
import type { CrawlStateRepo } from '../store/crawl-state.ts';
import type { Source, SourcesFile } from './sources.ts';
import { DEFAULT_TUNING, FetchFailure, Fetcher, type FetchOutcome, type FetchRequest } from './fetcher.ts';
import { nodeTransport, type Transport } from './http.ts';
import { decodeBody } from './encoding.ts';
import { extractList, extractPost, type RawPost } from './extract-html.ts';
import { extractJson } from './extract-json.ts';
import type { FeedItem } from './extract-feed.ts';
import { parsePublishedAt } from './dates.ts';
import { tidyText } from './text.ts';
import { ApiSession, buildCall, dayVars, isApiSource, tokenFrom } from './sources/json-api.ts';
import { privateHostsOf } from './crawl-source.ts';

export interface FieldCheck {
  label: string;
  /** The selector or field path that was tried; null when the source has none for this field. */
  selector: string | null;
  value: string | null;
  /** Extra reading, e.g. the normalised date. */
  note?: string;
  required: boolean;
}

export interface SourceCheck {
  sourceId: string;
  listUrl: string;
  /** What the list page gave: item count, the first links, the next page. */
  listLines: string[];
  items: number;
  postUrl: string | null;
  fields: FieldCheck[];
  /** Problems, in Chinese; empty when the source is ready to schedule. */
  problems: string[];
}

export interface CheckOptions {
  state: CrawlStateRepo;
  transport?: Transport;
  /** Renders a page in a browser for `type: browser` sources (loaded only when needed). */
  render?: (source: Source, url: string) => Promise<string>;
}

const BODY_PREVIEW = 60;

function fieldChecks(
  raw: RawPost,
  selectors: { title: string | null; body: string | null; publishedAt?: string | null; author?: string | null },
): FieldCheck[] {
  const body = raw.body ? tidyText(raw.body) : null;
  const date = raw.publishedAt ? parsePublishedAt(raw.publishedAt) : null;
  return [
    { label: '标题', selector: selectors.title, value: raw.title ? tidyText(raw.title).replace(/\n+/g, ' ') : null, required: true },
    {
      label: '正文',
      selector: selectors.body,
      value: body ? (body.length > BODY_PREVIEW ? `${body.slice(0, BODY_PREVIEW).replace(/\n+/g, ' ')}……` : body.replace(/\n+/g, ' ')) : null,
      note: body ? `共 ${body.length} 字` : undefined,
      required: true,
    },
    {
      label: '时间',
      selector: selectors.publishedAt ?? null,
      value: raw.publishedAt,
      note: raw.publishedAt ? (date ? `读作 ${date}` : '读不出日期，入库时留空') : undefined,
      required: false,
    },
    { label: '作者', selector: selectors.author ?? null, value: raw.author, required: false },
  ];
}

export async function checkSource(file: SourcesFile, source: Source, options: CheckOptions): Promise<SourceCheck> {
  const tuning = { ...DEFAULT_TUNING, ...Object.fromEntries(Object.entries(file.http ?? {}).filter(([, v]) => v !== undefined)) };
  const fetcher = new Fetcher(options.transport ?? nodeTransport, options.state, file.userAgent, tuning);
  const base: Omit<FetchRequest, 'url'> = {
    allowPrivateNetwork: source.allowPrivateNetwork !== false,
    privateHosts: privateHostsOf(source),
    perSecond: source.rateLimit.perSecond,
    hostConcurrency: 1,
  };
  const check: SourceCheck = { sourceId: source.id, listUrl: source.start, listLines: [], items: 0, postUrl: null, fields: [], problems: [] };
  const get = async (req: Partial<FetchRequest> & { url: string }, what: string): Promise<Extract<FetchOutcome, { kind: 'ok' }> | null> => {
    try {
      const outcome = await fetcher.get({ ...base, ...req });
      if (outcome.kind === 'ok') return outcome;
      check.problems.push(`${what}回答“未修改”（304），没有内容可看`);
    } catch (err) {
      check.problems.push(`${what}抓取失败：${err instanceof FetchFailure ? err.reason : (err as Error).message}`);
    }
    return null;
  };

  if (source.type === 'html' || source.type === 'browser') {
    const listHtml =
      source.type === 'browser'
        ? await renderOrReport(options, source, source.start, '列表页', check)
        : await get({ url: source.start }, '列表页').then((o) => (o ? decodeBody(o.body, o.contentType, source.encoding) : null));
    if (listHtml === null) return check;
    const page = extractList(listHtml, source.start, source.list);
    check.items = page.links.length;
    check.listLines.push(`读到 ${page.links.length} 个条目（条目 ${source.list.item}，链接 ${source.list.link}）`);
    if (page.unreadable) check.listLines.push(`${page.unreadable} 个条目没有可用的链接`);
    for (const link of page.links.slice(0, 3)) check.listLines.push(`  ${link}`);
    if (source.list.next) check.listLines.push(page.next ? `下一页：${page.next}` : `下一页：没找到（选择器 ${source.list.next}；只有一页时这是正常的）`);
    if (page.links.length === 0) {
      check.problems.push(`列表页上没找到条目：检查 list.item（${source.list.item}）和 list.link（${source.list.link}）`);
      return check;
    }
    check.postUrl = page.links[0]!;
    const postHtml =
      source.type === 'browser'
        ? await renderOrReport(options, source, check.postUrl, '帖子页', check)
        : await get({ url: check.postUrl }, '帖子页').then((o) => (o ? decodeBody(o.body, o.contentType, source.encoding) : null));
    if (postHtml === null) return check;
    check.fields = fieldChecks(extractPost(postHtml, source.post), source.post);
  } else {
    let items: FeedItem[];
    if (source.type === 'rss') {
      const outcome = await get({ url: source.start, accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' }, '订阅源');
      if (!outcome) return check;
      const { extractFeed } = await import('./extract-feed.ts');
      ({ items } = extractFeed(decodeBody(outcome.body, outcome.contentType, source.encoding), outcome.url));
      check.listLines.push(`订阅源里有 ${items.length} 条`);
    } else {
      let call: ReturnType<typeof buildCall> = { url: source.start };
      if (isApiSource(source)) {
        const session = new ApiSession(source.request.handshake?.tokenHeader, source.request.handshake?.tokenPrefix);
        const vars = { page: source.request.firstPage, pageSize: source.request.pageSize, token: '', ...dayVars(new Date(), null) };
        const hs = source.request.handshake;
        if (hs) {
          const answer = await get(buildCall(hs.url, hs, vars, null), '握手请求');
          if (!answer) return check;
          session.absorb(answer.setCookie);
          if (hs.token) {
            try {
              session.token = tokenFrom(answer, hs.token);
              check.listLines.push(`握手：拿到令牌（${hs.token}）${answer.setCookie.length ? `和 ${answer.setCookie.length} 个 Cookie` : ''}`);
            } catch (err) {
              check.problems.push((err as Error).message);
              return check;
            }
          } else check.listLines.push(`握手：拿到 ${answer.setCookie.length} 个 Cookie`);
        }
        call = buildCall(source.start, source.request, { ...vars, token: session.token }, session);
        check.listLines.push(`请求：${call.method} ${call.url}${call.body ? ` ${call.body.toString('utf8').slice(0, 200)}` : ''}`);
      }
      const outcome = await get({ ...call, accept: 'application/json' }, '接口');
      if (!outcome) return check;
      try {
        ({ items } = extractJson(decodeBody(outcome.body, outcome.contentType, source.encoding), outcome.url, source.fields));
      } catch (err) {
        check.problems.push(`接口的回答不是 JSON：${(err as Error).message}`);
        return check;
      }
      check.listLines.push(`读到 ${items.length} 个条目（字段 ${source.fields.items}）`);
    }
    check.items = items.length;
    for (const item of items.slice(0, 3)) check.listLines.push(`  ${item.link}`);
    if (items.length === 0) {
      check.problems.push(
        source.type === 'json' ? `没找到条目：检查 fields.items（${source.fields.items}）和 fields.link（${source.fields.link}）` : '订阅源里没有条目',
      );
      return check;
    }
    const first = items[0]!;
    check.postUrl = first.link;
    const paths = source.type === 'json' ? source.fields : { title: 'title', body: 'description/content', publishedAt: 'pubDate/updated', author: 'author' };
    check.fields = fieldChecks(first, paths);
  }
  for (const f of check.fields) {
    if (f.value) continue;
    if (f.required) check.problems.push(`帖子的${f.label}没找到（${f.selector}）`);
  }
  // A post with a body but no title is still stored (the title is taken from the body).
  const title = check.fields.find((f) => f.label === '标题');
  const body = check.fields.find((f) => f.label === '正文');
  if (title && body && !title.value && body.value)
    check.problems.splice(
      check.problems.findIndex((p) => p.startsWith('帖子的标题')),
      1,
    );
  return check;
}

async function renderOrReport(options: CheckOptions, source: Source, url: string, what: string, check: SourceCheck): Promise<string | null> {
  if (!options.render) {
    check.problems.push('这个来源要用浏览器打开，但没有可用的浏览器');
    return null;
  }
  try {
    return await options.render(source, url);
  } catch (err) {
    check.problems.push(`${what}打开失败：${err instanceof FetchFailure ? err.reason : (err as Error).message}`);
    return null;
  }
}

/** The report as a staff member reads it. */
export function checkText(check: SourceCheck, name: string): string {
  const lines = [`来源 ${name}（${check.sourceId}）`, `列表：${check.listUrl}`, ...check.listLines.map((l) => `  ${l}`)];
  if (check.postUrl) lines.push(`第一条帖子：${check.postUrl}`);
  for (const f of check.fields) {
    if (f.selector === null && !f.value) {
      lines.push(`  ${f.label}：未配置`);
      continue;
    }
    const where = f.selector ? `（${f.selector}）` : '';
    lines.push(f.value ? `  ✓ ${f.label}${where}：${f.value}${f.note ? `　${f.note}` : ''}` : `  ✗ ${f.label}${where}：没找到${f.required ? '' : '（可选）'}`);
  }
  lines.push(check.problems.length ? `有 ${check.problems.length} 个问题：` : '结论：可以抓取。');
  for (const p of check.problems) lines.push(`  - ${p}`);
  return lines.join('\n') + '\n';
}
