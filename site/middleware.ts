// Guards the staff side (/console and /api): session, role, CSRF and security headers, and a
// strict answer when anything fails. Public pages pass straight through, untouched, so their
// prerendering is unaffected.
import type { MiddlewareHandler } from 'astro';
import { hashSlotsFull } from '../accounts/passwords.ts';
import { can, permissionFor } from './server/access.ts';
import { audit } from './server/audit.ts';
import { validIp } from './server/client-ip.ts';
import { expectedOrigins, isStateChanging, originAllowed, submittedToken, tokensMatch } from './server/csrf.ts';
import { bodyLimitFor, isStaffPath } from './server/limits.ts';
import { apiError, messagePage, redirect } from './server/respond.ts';
import { withSecurityHeaders } from './server/security.ts';
import { isHttps, readCookie, resolveSession, sessionCookie } from './server/sessions.ts';
import { getStore } from './server/store.ts';

/** Residents' “这页对您有用吗？” answers: no login, no cookies; the route checks origin and rate. */
const isPublicApi = (p: string) => p.replace(/\/+$/, '') === '/api/feedback';
/** Pages reachable without a session (they do their own CSRF checks). */
const isLoginPath = (p: string) => p.replace(/\/+$/, '') === '/console/login';

export const onRequest: MiddlewareHandler = async (context, next) => {
  const { pathname } = context.url;
  if (context.isPrerendered || !isStaffPath(pathname) || isPublicApi(pathname)) return next();

  const { request, locals } = context;
  const isApi = pathname.startsWith('/api/');
  const https = isHttps(request);
  let socketAddress: string | null = null;
  try {
    // The server (start.ts) has already replaced any client-sent X-Forwarded-For with the checked
    // socket or proxy address; validate again so nothing else can reach the log or the throttle.
    socketAddress = context.clientAddress;
  } catch {
    socketAddress = null;
  }
  const ip = validIp(socketAddress);
  locals.ip = ip;

  const guarded = async (): Promise<Response> => {
    const store = getStore();
    locals.store = store;
    if (isStateChanging(request.method)) {
      // Cheap refusals before any body is read: too large, then not from this site.
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > bodyLimitFor(request.headers.get('content-type'))) return apiError(413, '请求体过大');
    }
    if (isLoginPath(pathname)) {
      if (isStateChanging(request.method)) {
        if (!originAllowed(request.headers, expectedOrigins(request))) {
          return messagePage(403, '请求校验失败', '登录表单的来源不是本站，请打开工作台登录页重新登录。');
        }
        // A login flood: refuse the excess before reading the form or rendering anything.
        if (hashSlotsFull()) {
          const busy = messagePage(429, '请稍后再试', '登录请求过多，请稍后再试。');
          busy.headers.set('Retry-After', '5');
          return busy;
        }
      }
      return next();
    }
    const auth = await resolveSession(store, readCookie(request.headers.get('cookie'), sessionCookie(https)), new Date());
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
      const tokenOk = sameOrigin && tokensMatch(auth.session.csrfToken, await submittedToken(request));
      if (!sameOrigin || !tokenOk) {
        await audit(ctx, 'csrf.rejected', pathname, `${request.method}，${sameOrigin ? '缺少或错误的 CSRF 令牌' : '来源（Origin）不是本站'}`);
        return isApi
          ? apiError(403, '请求校验失败（CSRF），请刷新页面后重试')
          : messagePage(403, '请求校验失败', '表单已过期或来源不正确，请返回刷新页面后重试。');
      }
    }
    return next();
  };

  let response: Response;
  try {
    response = await guarded();
  } catch (err) {
    // An error must not leave the staff side without its headers (or show a stack trace).
    console.error(`工作台请求出错 ${request.method} ${pathname}:`, err);
    response = isApi ? apiError(500, '服务器内部错误') : messagePage(500, '服务器内部错误', '处理请求时出错，请稍后重试；如反复出现请联系管理员。');
  }
  return withSecurityHeaders(response, https);
};
