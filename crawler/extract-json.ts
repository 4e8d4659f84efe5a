// JSON sources: the item list, link, title, body and time are found by field paths such as
// "data.list", "tid" or "reply[0].content".
import { htmlToText } from './text.ts';
import type { FeedItem } from './extract-feed.ts';
import { resolveLink } from './url.ts';

/** Reads "a.b[0].c" (also "a.b.0.c") from parsed JSON; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  if (!path) return value;
  let current: unknown = value;
  for (const step of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/**
 * APIs often give only an id: `link: "/message/detail?id={msgId}"` builds the post's address from
 * the entry's fields; null when a named field is missing.
 */
function linkFromTemplate(entry: unknown, template: string): string | null {
  let missing = false;
  const link = template.replace(/\{([^{}]+)\}/g, (_, path: string) => {
    const v = scalar(getPath(entry, path.trim()));
    if (v === null) missing = true;
    return encodeURIComponent(v ?? '');
  });
  return missing ? null : link;
}

export interface JsonFields {
  items: string;
  link: string;
  title: string;
  body: string;
  publishedAt?: string;
  author?: string;
  next?: string;
}

export function extractJson(text: string, pageUrl: string, fields: JsonFields): { items: FeedItem[]; next: string | null; unreadable: number } {
  const doc = JSON.parse(text) as unknown;
  const list = getPath(doc, fields.items);
  const items: FeedItem[] = [];
  let unreadable = 0;
  for (const entry of Array.isArray(list) ? list : []) {
    const link = resolveLink(fields.link.includes('{') ? linkFromTemplate(entry, fields.link) : scalar(getPath(entry, fields.link)), pageUrl);
    if (!link) {
      unreadable++;
      continue;
    }
    const body = scalar(getPath(entry, fields.body));
    const title = scalar(getPath(entry, fields.title));
    const time = fields.publishedAt ? getPath(entry, fields.publishedAt) : undefined;
    items.push({
      link,
      title: title ? htmlToText(title) : null,
      body: body ? htmlToText(body) : null,
      author: fields.author ? scalar(getPath(entry, fields.author)) : null,
      publishedAt: typeof time === 'number' ? String(time) : scalar(time),
    });
  }
  const next = fields.next ? resolveLink(scalar(getPath(doc, fields.next)), pageUrl) : null;
  return { items, next: next && next !== pageUrl ? next : null, unreadable };
}
