// Guards the staff side (/console and /api): session, role, CSRF and security headers. Public
// pages pass straight through, untouched, so their prerendering is unaffected.
import type { MiddlewareHandler } from 'astro';
import { can, permissionFor } from './server/access.ts';
import { audit } from './server/audit.ts';
import { clientIp, trustProxyFromEnv } from './server/client-ip.ts';
import { expectedOrigins, isStateChanging, originAllowed, submittedToken, tokensMatch } from './server/csrf.ts';
import { apiError, messagePage, redirect } from './server/respond.ts';
import { withSecurityHeaders } from './server/security.ts';
import { isHttps, readCookie, resolveSession, SESSION_COOKIE } from './server/sessions.ts';
import { getStore } from './server/store.ts';

const isStaffPath = (p: string) => p === '/console' || p.startsWith('/console/') || p.startsWith('/api/');
/** Residents' “这页对您有用吗？” answers: no login, no cookies; the route checks origin and rate. */
const isPublicApi = (p: string) => p.replace(/\/+$/, '') === '/api/feedback';
/** Pages reachable without a session (they do their own CSRF checks). */
const isLoginPath = (p: string) => p.replace(/\/+$/, '') === '/console/login';

export const onRequest: MiddlewareHandler = async (context, next) => {
  const { pathname } = context.url;
  if (context.isPrerendered || !isStaffPath(pathname) || isPublicApi(pathname)) return next();

  const { request, locals } = context;
  const isApi = pathname.startsWith('/api/');
  const store = getStore();
  let socketAddress: string | null = null;
  try {
    socketAddress = context.clientAddress;
  } catch {
    socketAddress = null;
  }
  const ip = clientIp(socketAddress, request.headers, trustProxyFromEnv());
  locals.store = store;
  locals.ip = ip;

  const guarded = async (): Promise<Response> => {
    if (isLoginPath(pathname)) return next();
    const auth = await resolveSession(store, readCookie(request.headers.get('cookie'), SESSION_COOKIE), new Date());
    if (!auth) {
      if (isApi) return apiError(401, '未登录或登录已过期');
      const back = request.method === 'GET' ? `?next=${encodeURIComponent(pathname + context.url.search)}` : '';
      return redirect(`/console/login${back}`);
    }
    locals.user = auth.user;
    locals.session = auth.session;
    const ctx = { store, actor: auth.user.name, ip };

    const needed = permissionFor(pathname, request.method);
    if (needed && !can(auth.user.role, needed)) {
      await audit(ctx, 'access.denied', pathname, `${request.method}，角色 ${auth.user.role} 无权限 ${needed}`);
      return isApi ? apiError(403, '没有权限') : messagePage(403, '没有权限', '您的账号没有访问此页面或执行此操作的权限。');
    }

    if (isStateChanging(request.method)) {
      const sameOrigin = originAllowed(request.headers, expectedOrigins(request));
      const tokenOk = tokensMatch(auth.session.csrfToken, await submittedToken(request));
      if (!sameOrigin || !tokenOk) {
        await audit(ctx, 'csrf.rejected', pathname, `${request.method}，${sameOrigin ? '缺少或错误的 CSRF 令牌' : '来源（Origin）不是本站'}`);
        return isApi
          ? apiError(403, '请求校验失败（CSRF），请刷新页面后重试')
          : messagePage(403, '请求校验失败', '表单已过期或来源不正确，请返回刷新页面后重试。');
      }
    }
    return next();
  };

  return withSecurityHeaders(await guarded(), isHttps(request));
};
