// Polite fetching on top of the raw transport: robots.txt, per-host gates, redirects followed by
// hand (each hop re-checked against robots.txt and the SSRF guard), conditional GET, retries with
// exponential back-off and jitter on network errors, timeouts, 5xx and 429 (Retry-After honoured),
// and a clear reason when a URL is given up.
import { AbortedError, TimeoutError, TooLargeError, type HttpResponse, type Transport } from './http.ts';
import { BlockedAddressError } from './net-guard.ts';
import { HostGate, backoffDelay, parseRetryAfter, sleep } from './politeness.ts';
import { retry } from '../shared/retry.ts';
import { ROBOTS_MAX_BYTES, RobotsCache } from './robots.ts';
import type { CrawlStateRepo } from '../store/crawl-state.ts';
import type { HostSlots } from './shared-gate.ts';
import { hostIntervalMs } from './leases.ts';

export interface FetchTuning {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Retries after the first attempt. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this defers the URL to a later run instead of waiting. */
  maxRetryAfterMs: number;
  /** A URL still failing after its retries is tried again in later runs, at most this many runs in all… */
  runAttempts: number;
  /** …waiting at least this long (doubling each time) before the next run may try it. */
  retryLaterMs: number;
}

export const DEFAULT_TUNING: FetchTuning = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  backoffMs: 2_000,
  maxBackoffMs: 60_000,
  maxRetryAfterMs: 120_000,
  runAttempts: 3,
  retryLaterMs: 30 * 60_000,
};

export type FetchOutcome =
  | {
      kind: 'ok';
      /** Where the content finally came from, after redirects. */
      url: string;
      status: number;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** Set-Cookie lines of the final response (API handshakes carry them on). */
      setCookie: string[];
    }
  | { kind: 'not-modified'; url: string };

/** `transient`: network errors, timeouts, 5xx, 429 that outlasted the retries; worth another run. */
export type FailureKind = 'robots' | 'blocked' | 'http' | 'transient' | 'too-large' | 'redirects';

export class FetchFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    /** Epoch ms after which the URL may be tried again (long Retry-After); null = give up. */
    readonly retryAt: number | null = null,
  ) {
    super(reason);
    this.name = 'FetchFailure';
  }
}

export interface FetchRequest {
  url: string;
  allowPrivateNetwork: boolean;
  /**
   * When given, the private-network permission holds only for these hosts (URL `host`, i.e.
   * hostname[:port]); every other host, reached by a link or a redirect, is guarded as public.
   */
  privateHosts?: readonly string[];
  /** Requests per second allowed to this host; Infinity when politeness is switched off (benchmarks). */
  perSecond: number;
  hostConcurrency: number;
  conditional?: { etag: string | null; lastModified: string | null } | null;
  accept?: string;
  /** POST for API sources; a 303 (or 301/302) answer turns it into a GET, as browsers do. */
  method?: 'GET' | 'POST';
  body?: Buffer;
  /** Extra request headers (content type, cookies, tokens); never replace the User-Agent. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Called before each retry wait, for logs. */
  onRetry?: (reason: string, delayMs: number) => void;
}

class RetryableResponse extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number | null,
  ) {
    super(reason);
  }
}

const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

function describeNetworkError(err: unknown): string {
  if (err instanceof TimeoutError) return err.message;
  const e = err as NodeJS.ErrnoException;
  return `网络错误 ${e.code ?? ''} ${e.message ?? String(err)}`.replace(/\s+/g, ' ').trim();
}

/**
 * Host gates are shared by every crawl in the process: when `minsheng watch` runs two sources on
 * the same host at once, they still queue behind one rate limit.
 */
const processGates = new Map<string, HostGate>();

export class Fetcher {
  private readonly gates = processGates;
  private readonly robots: RobotsCache;

  constructor(
    private readonly transport: Transport,
    state: CrawlStateRepo,
    private readonly userAgent: string,
    private readonly tuning: FetchTuning,
    /** Benchmarks only: no robots.txt, no per-host gate. */
    private readonly politeness = true,
    /** Several workers on one store: the per-host gate lives in the store instead of this process. */
    private readonly sharedSlots?: HostSlots,
  ) {
    this.robots = new RobotsCache(state, userAgent);
  }

  private gateFor(host: string, req: FetchRequest, crawlDelayMs: number | null): HostGate {
    const interval = Math.max(Number.isFinite(req.perSecond) ? 1000 / req.perSecond : 0, crawlDelayMs ?? 0);
    let gate = this.gates.get(host);
    if (!gate) {
      gate = new HostGate(interval, req.hostConcurrency);
      this.gates.set(host, gate);
    } else gate.tighten(interval);
    return gate;
  }

  private async exchange(url: URL, req: FetchRequest, headers: Record<string, string>, crawlDelayMs: number | null, method: 'GET' | 'POST' = 'GET') {
    const shared = this.politeness ? this.sharedSlots : undefined;
    const gate = this.politeness && !shared ? this.gateFor(url.host, req, crawlDelayMs) : null;
    const release: (notBefore: number | null) => void | Promise<void> = shared
      ? await shared.acquire(url.host, hostIntervalMs(req.perSecond, crawlDelayMs), req.signal)
      : gate
        ? await gate.acquire(req.signal)
        : () => {};
    let notBefore: number | null = null;
    try {
      const res = await this.transport({
        url: url.toString(),
        method,
        body: method === 'POST' ? req.body : undefined,
        headers: { 'accept-language': 'zh-CN,zh;q=0.9', ...headers, 'user-agent': this.userAgent },
        timeoutMs: this.tuning.timeoutMs,
        maxBytes: this.tuning.maxBytes,
        allowPrivateNetwork: req.allowPrivateNetwork && (!req.privateHosts || req.privateHosts.includes(url.host)),
        signal: req.signal,
      });
      if ((gate || shared) && (res.status === 429 || res.status === 503)) {
        const wait = parseRetryAfter(res.headers['retry-after']);
        if (wait !== null) notBefore = Date.now() + Math.min(wait, this.tuning.maxRetryAfterMs);
        if (notBefore !== null) gate?.pushBack(notBefore);
      }
      return res;
    } finally {
      await release(notBefore);
    }
  }

  private async robotsFor(url: URL, req: FetchRequest) {
    if (!this.politeness) return null;
    return this.robots.rulesFor(url.origin, async (robotsUrl) => {
      try {
        const res = await this.followRedirects(
          new URL(robotsUrl),
          { ...req, accept: 'text/plain', method: 'GET', body: undefined, headers: undefined },
          null,
          false,
        );
        return { status: res.response.status, body: res.response.body.subarray(0, ROBOTS_MAX_BYTES).toString('utf8') };
      } catch (err) {
        // Refused by the SSRF guard: the page itself is refused for that reason, not for robots.txt.
        if (err instanceof AbortedError || err instanceof BlockedAddressError) throw err;
        return { status: 0, body: '' };
      }
    });
  }

  /** One attempt: follows up to maxRedirects hops, checking robots.txt and the SSRF guard at each. */
  private async followRedirects(start: URL, req: FetchRequest, conditional: FetchRequest['conditional'], checkRobots: boolean) {
    let url = start;
    let method = req.method ?? 'GET';
    const seen = new Set<string>([url.toString()]);
    for (let hop = 0; ; hop++) {
      let crawlDelayMs: number | null = null;
      if (checkRobots) {
        const rules = await this.robotsFor(url, req);
        if (rules) {
          const verdict = rules.check(url.toString());
          if (!verdict.allowed) throw new FetchFailure('robots', verdict.reason ?? 'robots.txt 禁止抓取');
          crawlDelayMs = rules.crawlDelayMs;
        }
      }
      const headers: Record<string, string> = { ...req.headers, accept: req.accept ?? 'text/html,application/xhtml+xml,*/*;q=0.8' };
      if (method === 'GET') delete headers['content-type'];
      if (hop === 0 && conditional?.etag) headers['if-none-match'] = conditional.etag;
      if (hop === 0 && conditional?.lastModified) headers['if-modified-since'] = conditional.lastModified;
      const response = await this.exchange(url, req, headers, crawlDelayMs, method);
      const location = response.headers['location'];
      if (!isRedirect(response.status) || !location) return { url, response };
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchFailure('redirects', `重定向地址无效：${location.slice(0, 200)}`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchFailure('redirects', `重定向到非 http(s) 地址：${next.protocol}`);
      if (seen.has(next.toString())) throw new FetchFailure('redirects', `重定向循环：${next.toString()}`);
      if (hop + 1 > this.tuning.maxRedirects) throw new FetchFailure('redirects', `重定向超过 ${this.tuning.maxRedirects} 次`);
      seen.add(next.toString());
      if (response.status !== 307 && response.status !== 308) method = 'GET';
      url = next;
    }
  }

  async get(req: FetchRequest): Promise<FetchOutcome> {
    const start = new URL(req.url);
    let lastReason = '';
    const once = async (): Promise<FetchOutcome> => {
      try {
        const { url, response } = await this.followRedirects(start, req, req.conditional, true);
        return this.classify(url, response);
      } catch (err) {
        // Final answers, not worth another try: an abort, a refusal, a page too large.
        if (err instanceof AbortedError || req.signal?.aborted) throw new AbortedError();
        if (err instanceof FetchFailure) throw err;
        if (err instanceof BlockedAddressError) throw new FetchFailure('blocked', err.message);
        if (err instanceof TooLargeError) throw new FetchFailure('too-large', err.message);
        lastReason = err instanceof RetryableResponse ? err.reason : describeNetworkError(err);
        throw err;
      }
    };
    try {
      return await retry(once, {
        attempts: this.tuning.retries + 1,
        retryable: (err) => !(err instanceof AbortedError || err instanceof FetchFailure),
        delayMs: (attempt, err) => {
          const retryAfter = err instanceof RetryableResponse ? err.retryAfterMs : null;
          const delay = retryAfter ?? backoffDelay(attempt - 1, this.tuning.backoffMs, this.tuning.maxBackoffMs);
          if (delay > this.tuning.maxRetryAfterMs) {
            throw new FetchFailure('http', `${lastReason}；服务器要求 ${Math.round(delay / 1000)} 秒后再试，留待下次`, Date.now() + delay);
          }
          return delay;
        },
        onRetry: (_err, delay) => req.onRetry?.(lastReason, delay),
        sleep: (ms) => sleep(ms, req.signal),
      });
    } catch (err) {
      if (err instanceof AbortedError || err instanceof FetchFailure) throw err;
      throw new FetchFailure('transient', `重试 ${this.tuning.retries} 次后仍失败：${lastReason}`);
    }
  }

  private classify(url: URL, res: HttpResponse): FetchOutcome {
    if (res.status === 304) return { kind: 'not-modified', url: url.toString() };
    if (res.status >= 200 && res.status < 300) {
      return {
        kind: 'ok',
        url: url.toString(),
        status: res.status,
        body: res.body,
        contentType: res.headers['content-type'] ?? null,
        etag: res.headers['etag'] ?? null,
        lastModified: res.headers['last-modified'] ?? null,
        setCookie: (res.headers['set-cookie'] ?? '').split('\n').filter(Boolean),
      };
    }
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      throw new RetryableResponse(`HTTP ${res.status}`, parseRetryAfter(res.headers['retry-after']));
    }
    if (isRedirect(res.status)) throw new FetchFailure('redirects', `HTTP ${res.status} 但没有 Location`);
    throw new FetchFailure('http', `HTTP ${res.status}`);
  }
}
