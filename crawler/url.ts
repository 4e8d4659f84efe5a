// Canonical URLs: the identity of a post. Two links to the same page that differ only in
// tracking parameters, parameter order, fragment, host case or default port are one URL.

/** Parameters added by share buttons, ad campaigns and app wrappers; they never select content. */
const TRACKING_PARAMS = new Set([
  'spm',
  'from',
  'fromsource',
  'share_from',
  'share_source',
  'share_token',
  'sharer_shareid',
  'isappinstalled',
  'scene',
  'clicktime',
  'enterid',
  'wfr',
  'fbclid',
  'gclid',
  'msclkid',
  'yclid',
  '_hsenc',
  '_hsmi',
  'mc_cid',
  'mc_eid',
  'timestamp',
  '_t',
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/**
 * Canonical form of an absolute http(s) URL: lower-case scheme and host (WHATWG URL does this),
 * default port dropped, fragment removed, tracking parameters removed, the rest sorted by name
 * (stable for repeated names). Throws on anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string {
  const url = new URL(raw, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`不是 http(s) 网址：${raw}`);
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  if (url.pathname === '') url.pathname = '/';
  return url.toString();
}

/** Resolves a link found on a page; null for javascript:, mailto:, empty or unparsable links. */
export function resolveLink(href: string | undefined | null, pageUrl: string): string | null {
  const h = href?.trim();
  if (!h) return null;
  try {
    const url = new URL(h, pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function hostOf(url: string): string {
  return new URL(url).host;
}

export function originOf(url: string): string {
  return new URL(url).origin;
}
