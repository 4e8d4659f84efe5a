// RSS 2.0, RSS 1.0 (RDF) and Atom: each item becomes a post directly, no detail page fetched.
import { XMLParser } from 'fast-xml-parser';
import { htmlToText } from './text.ts';
import type { RawPost } from './extract-html.ts';
import { resolveLink } from './url.ts';

export interface FeedItem extends RawPost {
  link: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  // Never expand entities declared in the document (billion-laughs); the standard ones still work.
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const asArray = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Text of a node that may be a string, a number, or an object with #text (CDATA, typed Atom text). */
function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || null;
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('#text' in o) return textOf(o['#text']);
    if ('name' in o) return textOf(o['name']); // Atom <author><name>
  }
  return null;
}

function atomLink(v: unknown): string | null {
  const links = asArray(v as Record<string, unknown> | string | null);
  const rel = (l: unknown) => (l && typeof l === 'object' ? (l as Record<string, unknown>)['@_rel'] : 'none');
  const pick = links.find((l) => rel(l) === undefined || rel(l) === 'alternate') ?? links[0];
  if (typeof pick === 'string') return pick;
  return pick && typeof pick === 'object' ? textOf((pick as Record<string, unknown>)['@_href']) : null;
}

export function isFeed(text: string): boolean {
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 2048));
}

/** The parsed XML is untyped: each step down checks that there is an object to step into. */
type XmlObject = Record<string, unknown>;
const isObject = (v: unknown): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);

export function extractFeed(xml: string, feedUrl: string): { items: FeedItem[]; unreadable: number } {
  const doc: unknown = parser.parse(xml);
  const items: FeedItem[] = [];
  let unreadable = 0;
  const push = (link: string | null, raw: Omit<RawPost, 'body'> & { body: string | null }) => {
    const abs = resolveLink(link, feedUrl);
    if (!abs) return void unreadable++;
    items.push({ ...raw, link: abs, body: raw.body ? htmlToText(raw.body) : null, title: raw.title ? htmlToText(raw.title) : null });
  };
  const rss = at(doc, 'rss');
  const rdf = at(doc, 'rdf:RDF');
  const rssItems = rss ? asArray(at(at(rss, 'channel'), 'item')) : rdf ? asArray(at(rdf, 'item')) : [];
  for (const item of rssItems) {
    if (!isObject(item)) continue;
    const guid = item.guid;
    const permalink = isObject(guid) ? (guid['@_isPermaLink'] !== 'false' ? textOf(guid) : null) : typeof guid === 'string' ? guid : null;
    push(textOf(item.link) ?? (permalink && /^https?:/.test(permalink) ? permalink : null), {
      title: textOf(item.title),
      body: textOf(item['content:encoded']) ?? textOf(item.description),
      author: textOf(item['dc:creator']) ?? textOf(item.author),
      publishedAt: textOf(item.pubDate) ?? textOf(item['dc:date']),
    });
  }
  for (const entry of asArray(at(at(doc, 'feed'), 'entry'))) {
    if (!isObject(entry)) continue;
    push(atomLink(entry.link), {
      title: textOf(entry.title),
      body: textOf(entry.content) ?? textOf(entry.summary),
      author: textOf(asArray(entry.author)[0]),
      publishedAt: textOf(entry.published) ?? textOf(entry.updated),
    });
  }
  return { items, unreadable };
}
