// The address a request came from, for the login throttle and the audit log. Behind a reverse
// proxy (the recommended HTTPS setup) every socket address is the proxy's; with
// MINSHENG_TRUST_PROXY=1 the address the proxy appended to X-Forwarded-For is used instead.
// Only the last entry is trusted: earlier ones are whatever the client claimed.
export function clientIp(socketAddress: string | null, headers: Headers, trustProxy: boolean): string | null {
  if (!trustProxy) return socketAddress;
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last && last.length <= 64 ? last : socketAddress;
}

export const trustProxyFromEnv = (env: NodeJS.ProcessEnv = process.env) => ['1', 'true', 'yes'].includes((env.MINSHENG_TRUST_PROXY ?? '').trim().toLowerCase());
