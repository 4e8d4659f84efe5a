// Reading list and detail pages with the CSS selectors of the sources file. Selectors are
// "css" for text or "css@attr" for an attribute. Malformed HTML is parsed as browsers would
// (htmlparser2 is forgiving); a missing field is reported, not thrown.
import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import { textOfNodes } from './text.ts';
import { resolveLink } from './url.ts';

export interface Selector {
  css: string;
  attr: string | null;
}

/** "a.title@href" → { css: "a.title", attr: "href" }; an @ inside brackets belongs to the CSS. */
export function parseSelector(spec: string): Selector {
  const m = /^(.*?)@([\w:-]+)$/.exec(spec.trim());
  if (m && !/\[[^\]]*$/.test(m[1]!)) return { css: m[1]!.trim() || '*', attr: m[2]! };
  return { css: spec.trim(), attr: null };
}

function select($: CheerioAPI, scope: Cheerio<AnyNode> | null, sel: Selector): Cheerio<AnyNode> {
  if (!scope) return $(sel.css);
  return scope.is(sel.css) ? scope : scope.find(sel.css);
}

function readValue($: CheerioAPI, scope: Cheerio<AnyNode> | null, spec: string): string | null {
  const sel = parseSelector(spec);
  let found: Cheerio<AnyNode>;
  try {
    found = select($, scope, sel);
  } catch {
    return null; // a selector the parser rejects reads as "missing", never crashes the crawl
  }
  const first = found.first();
  if (first.length === 0) return null;
  const value = sel.attr ? (first.attr(sel.attr) ?? null) : textOfNodes(first.toArray());
  return value === null ? null : value.trim() || null;
}

export interface ListPage {
  /** Absolute links of the entries, in page order, without duplicates. */
  links: string[];
  next: string | null;
  /** Entries whose link could not be read. */
  unreadable: number;
}

export function extractList(html: string, pageUrl: string, cfg: { item: string; link: string; next?: string }): ListPage {
  const $ = load(html);
  const links: string[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  let items: Cheerio<AnyNode>;
  try {
    items = $(cfg.item);
  } catch {
    items = $([]);
  }
  items.each((_, el) => {
    const href = readValue($, $(el), cfg.link);
    const link = resolveLink(href, pageUrl);
    if (!link) return void unreadable++;
    if (!seen.has(link)) (seen.add(link), links.push(link));
  });
  const next = cfg.next ? resolveLink(readValue($, null, cfg.next), pageUrl) : null;
  return { links, next: next && next !== pageUrl ? next : null, unreadable };
}

export interface RawPost {
  title: string | null;
  body: string | null;
  author: string | null;
  publishedAt: string | null;
}

export function extractPost(html: string, cfg: { title: string; body: string; publishedAt?: string; author?: string }): RawPost {
  const $ = load(html);
  return {
    title: readValue($, null, cfg.title),
    body: readValue($, null, cfg.body),
    author: cfg.author ? readValue($, null, cfg.author) : null,
    publishedAt: cfg.publishedAt ? readValue($, null, cfg.publishedAt) : null,
  };
}
