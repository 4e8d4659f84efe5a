// Small response builders shared by the middleware, pages and API routes.
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export const apiError = (status: number, message: string) => json({ error: message }, status);

export function redirect(location: string, headers: Record<string, string> | [string, string][] = {}): Response {
  const h = new Headers(headers);
  h.set('Location', location);
  return new Response(null, { status: 303, headers: h });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A bare page for refusals (403/404) raised before any page renders. */
export function messagePage(status: number, title: string, message: string): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} - 舆情工作台</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/console/">返回工作台</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Where to go after login: only a console path of this site (no open redirect). Parsed with the
 * URL parser against a placeholder origin, so every trick (`//host`, `/\\host`, tabs, encoded
 * slashes) is judged the way a browser would, and returned percent-encoded: a Location header must
 * be ASCII (`/console/搜` would otherwise fail the response and lose the session cookie).
 */
export function safeNext(next: string | null | undefined): string {
  const fallback = '/console/';
  // Control characters (header splitting) and backslashes (read as / by browsers) are refused on purpose.
  // eslint-disable-next-line no-control-regex
  if (!next || next.length > 2000 || !next.startsWith('/') || /[\u0000-\u001f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, 'http://console.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://console.invalid') return fallback;
  const path = url.pathname;
  if (path !== '/console' && !path.startsWith('/console/')) return fallback;
  if (path.startsWith('/console/login') || path.startsWith('/console/logout')) return fallback;
  return path + url.search;
}

/** An API request's JSON object body, or null when it is not one (the route answers 400 with its own example). */
export async function jsonObjectBody(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = await request.json();
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
