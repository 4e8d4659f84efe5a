// SSRF guard. A sources file (or a redirect from a crawled site) must not be able to point the
// crawler at the bureau's own intranet, the cloud metadata service or localhost. The check runs
// on the address actually connected to (after DNS resolution, on every redirect hop), so a
// hostname that resolves to 10.x or a public page redirecting to 127.0.0.1 is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`拒绝访问内网或本机地址 ${host}（${address}）：来源未设置 allowPrivateNetwork`);
    this.name = 'BlockedAddressError';
  }
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

// Address ranges are the platform's job (net.BlockList); what it cannot know is an IPv4 address
// hidden inside an IPv6 one (NAT64, 6to4, IPv4-compatible), unwrapped below and checked as IPv4.
const blocked = new BlockList();
for (const [base, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(base, bits, 'ipv4');
}
for (const [base, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
] as const) {
  blocked.addSubnet(base, bits, 'ipv6');
}

const isBlockedIpv4 = (ip: string): boolean => blocked.check(ip, 'ipv4');

/** Expands an IPv6 address (with optional embedded IPv4 tail and zone) to eight 16-bit groups. */
export function ipv6Groups(ip: string): number[] | null {
  let s = ip
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]!);
    s = s.slice(0, -v4[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function embeddedIpv4(groups: number[], at: number): string {
  const hi = groups[at]!;
  const lo = groups[at + 1]!;
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

function isBlockedIpv6(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (!g) return true; // unparsable: refuse rather than guess
  const allZero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (allZero(0, 5) && g[5] === 0xffff) return isBlockedIpv4(embeddedIpv4(g, 6)); // ::ffff:a.b.c.d
  if (allZero(0, 6)) return isBlockedIpv4(embeddedIpv4(g, 6)); // ::, ::1 and the deprecated IPv4-compatible form
  if (g[0] === 0x64 && g[1] === 0xff9b && allZero(2, 6)) return isBlockedIpv4(embeddedIpv4(g, 6)); // NAT64
  if (g[0] === 0x2002) return isBlockedIpv4(embeddedIpv4(g, 1)); // 6to4
  return blocked.check(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''), 'ipv6');
}

/** True for loopback, private, link-local, CGNAT, multicast and reserved addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (kind === 4) return isBlockedIpv4(address);
  if (kind === 6) return isBlockedIpv6(address);
  return true;
}

/** Refuses a URL whose host is a literal private address (hostnames are checked at connect time). */
export function assertPublicLiteral(url: URL, allowPrivateNetwork: boolean): void {
  if (allowPrivateNetwork) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host)) throw new BlockedAddressError(url.hostname, host);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new BlockedAddressError(url.hostname, '127.0.0.1');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the name and refuses the connection if any address it
 * would use is private. Checking the addresses the socket connects to defeats DNS rebinding.
 */
export function guardedLookup(allowPrivateNetwork: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      if (!allowPrivateNetwork) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new BlockedAddressError(hostname, bad.address), '');
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`无法解析主机 ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
