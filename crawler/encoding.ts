// Decoding response bodies. Older government portals are still GB2312/GBK: the charset is read
// from the Content-Type header, then a <meta> tag (or XML declaration), and otherwise sniffed.
// GB2312 and GBK are decoded as GB18030, their superset, so no character is lost. Decoding is the
// platform's TextDecoder (WHATWG Encoding, in Node 20's full ICU): no decoder library to load.

/** The WHATWG name of a label TextDecoder knows (big5, shift_jis, windows-1252 …), or null. */
function platformEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

export type ConfiguredEncoding = 'auto' | 'utf-8' | 'gbk' | 'gb18030';

function normaliseLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (['gb2312', 'gbk', 'x-gbk', 'gb18030', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'chinese', 'euc-cn', 'iso-ir-58'].includes(l)) return 'gb18030';
  if (l === 'big5' || l === 'big5-hkscs') return 'big5';
  return platformEncoding(l);
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*("?)([\w.:-]+)\1/i.exec(contentType ?? '');
  return normaliseLabel(m?.[2]);
}

/** Looks in the first bytes for <meta charset>, <meta http-equiv content="…charset=…"> or <?xml encoding>. */
export function charsetFromMarkup(head: Buffer): string | null {
  const text = head.subarray(0, 4096).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(text);
  return normaliseLabel(meta?.[1]);
}

/** True when the bytes are well-formed UTF-8 (a GBK page almost never is). */
export function looksLikeUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function detectCharset(bytes: Buffer, contentType: string | null, configured: ConfiguredEncoding = 'auto'): string {
  if (configured !== 'auto') return normaliseLabel(configured) ?? 'utf-8';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return charsetFromContentType(contentType) ?? charsetFromMarkup(bytes) ?? (looksLikeUtf8(bytes) ? 'utf-8' : 'gb18030');
}

export function decodeBody(bytes: Buffer, contentType: string | null, configured: ConfiguredEncoding = 'auto'): string {
  const charset = detectCharset(bytes, contentType, configured);
  if (charset === 'utf-8') return bytes.toString('utf8').replace(/^\uFEFF/, '');
  return new TextDecoder(charset).decode(bytes);
}
