// Security headers for the console and API. Scripts and styles may come only from this site;
// inline <script>/<style> blocks Astro emits are allowed by their exact sha256 hash. The blocks
// are found by an HTML parser (the one the browser's rules describe), so text that merely looks
// like a <script> — inside an attribute value, a comment or a textarea — gets no hash.
import { createHash } from 'node:crypto';
import { load } from 'cheerio';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Hashes of the inline elements of one kind (<script> without src, or <style>). */
export function inlineHashes(html: string, tag: 'script' | 'style'): string[] {
  const $ = load(html);
  const out = new Set<string>();
  $(tag === 'script' ? 'script:not([src])' : 'style').each((_, el) => {
    const text = $(el).text();
    if (text.trim()) out.add(hash(text));
  });
  return [...out];
}

/** For console/API responses that are not pages (JSON, errors, refusals): nothing may run or load. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function contentSecurityPolicy(html: string | null, options: { wasm?: boolean } = {}): string {
  const scripts = html ? inlineHashes(html, 'script') : [];
  const styles = html ? inlineHashes(html, 'style') : [];
  // Public pages run Pagefind's search, which is WebAssembly: allowed to compile, nothing more.
  if (options.wasm) scripts.unshift("'wasm-unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src 'self' ${scripts.join(' ')}`.trim(),
    `style-src 'self' ${styles.join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const BASE_SECURITY_HEADERS: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** Adds the headers; HTML bodies are read once to hash their inline blocks. Staff pages are private: no caching. */
export async function withSecurityHeaders(response: Response, https: boolean): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  let body: BodyInit | null = response.body;
  let html: string | null = null;
  if (type.includes('text/html') && response.body) {
    html = await response.text();
    body = html;
  }
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(BASE_SECURITY_HEADERS)) headers.set(k, v);
  headers.set('Content-Security-Policy', html !== null ? contentSecurityPolicy(html) : STRICT_CSP);
  // Say the charset, so no browser sniffs a page of crawled text as another encoding.
  if (html !== null) headers.set('Content-Type', 'text/html; charset=utf-8');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  if (https) headers.set('Strict-Transport-Security', 'max-age=31536000');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
