// The address a request came from, for the login throttle and the audit log. It is the socket's
// peer. Only when that peer is one of the configured reverse proxies (MINSHENG_TRUST_PROXY) does
// X-Forwarded-For count, read from the right: each trusted proxy appended the address it saw, so
// the first entry that is not a trusted proxy is the client; anything left of it is a claim.
// Whatever comes out is a validated IP address (net.isIP) of bounded length, or null.
import { BlockList, isIP } from 'node:net';

const MAX_IP_LENGTH = 45; // the longest textual IPv6 address

/** A clean IP address or null: no ports, brackets, zones, markup or 4,000-character "addresses". */
export function validIp(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_IP_LENGTH + 10) return null;
  let s = value.trim();
  if (s.startsWith('::ffff:') && isIP(s.slice(7)) === 4) s = s.slice(7); // IPv4 seen through a v6 socket
  return s.length <= MAX_IP_LENGTH && isIP(s) ? s : null;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * MINSHENG_TRUST_PROXY: unset = no proxy (use the socket address); `1`/`true` = a proxy on this
 * machine (loopback); otherwise a comma-separated list of proxy addresses or CIDR ranges.
 */
export function trustedProxiesFrom(value: string | undefined): TrustedProxies | null {
  const v = (value ?? '').trim();
  if (!v || ['0', 'false', 'no'].includes(v.toLowerCase())) return null;
  const list = new BlockList();
  const entries = ['1', 'true', 'yes'].includes(v.toLowerCase())
    ? ['127.0.0.0/8', '::1/128']
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const kind = isIP(addr ?? '');
    if (!kind) throw new Error(`MINSHENG_TRUST_PROXY 中的“${entry}”不是 IP 地址或网段（例如 10.0.0.5 或 10.0.0.0/24）`);
    const type = kind === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr!, type);
    else list.addSubnet(addr!, Number(bits), type);
  }
  return { has: (address) => list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') };
}

export function clientIp(socketAddress: string | null | undefined, forwardedFor: string | null | undefined, proxies: TrustedProxies | null): string | null {
  const peer = validIp(socketAddress);
  if (!peer || !proxies || !proxies.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .slice(0, 2000)
    .split(',')
    .map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = validIp(hops[i]);
    if (!ip) return peer; // a malformed hop: do not guess past it
    if (!proxies.has(ip)) return ip;
  }
  return peer;
}
