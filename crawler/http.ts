// One HTTP exchange, nothing more: no redirects followed, no retries. The body is read as a
// stream and cut off at the size cap (after decompression), the whole exchange has a deadline,
// and every connection goes through the SSRF guard. Politeness, redirects and retries live in
// fetcher.ts on top of this, so tests can swap this layer (`fetchImpl`) without losing them.
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { assertPublicLiteral, guardedLookup } from './net-guard.ts';

export interface HttpRequest {
  url: string;
  /** GET when absent; API sources may POST a form or JSON body. */
  method?: 'GET' | 'POST';
  body?: Buffer;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateNetwork: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** The swappable network layer (`fetchImpl` in crawl options). */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export class TooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(limit: number) {
    super(`响应超过大小上限 ${Math.round(limit / 1024)} KiB`);
    this.name = 'TooLargeError';
  }
}

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`请求超时（${ms} 毫秒）`);
    this.name = 'TimeoutError';
  }
}

export class AbortedError extends Error {
  readonly code = 'ABORT_ERR';
  constructor() {
    super('已中止');
    this.name = 'AbortError';
  }
}

// Keep-alive saves a TCP handshake per page; one socket per host is plenty at polite rates.
// Separate agents for guarded and unguarded sources so a pooled socket opened for an intranet
// source can never be reused by a source that is not allowed there.
const agents = {
  guarded: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  open: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
};

function decoded(res: http.IncomingMessage): Readable {
  const enc = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
  if (enc === 'gzip' || enc === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (enc === 'deflate') return res.pipe(zlib.createInflate());
  if (enc === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

function flatHeaders(res: http.IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  // Set-Cookie values may contain commas (Expires dates), so they are joined by newlines instead.
  for (const [k, v] of Object.entries(res.headers)) out[k] = Array.isArray(v) ? v.join(k === 'set-cookie' ? '\n' : ', ') : v;
  return out;
}

export const nodeTransport: Transport = (req) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(req.url);
    try {
      assertPublicLiteral(url, req.allowPrivateNetwork);
    } catch (err) {
      return reject(err as Error);
    }
    if (req.signal?.aborted) return reject(new AbortedError());
    const isHttps = url.protocol === 'https:';
    const pool = req.allowPrivateNetwork ? agents.open : agents.guarded;
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (err: Error | null, value?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        reject(err);
        request.destroy();
      } else resolve(value!);
    };
    const onAbort = () => finish(new AbortedError());
    const deadline = setTimeout(() => finish(new TimeoutError(req.timeoutMs)), req.timeoutMs);

    const request = (isHttps ? https : http).request(
      url,
      {
        method: req.method ?? 'GET',
        headers: {
          'accept-encoding': 'gzip, deflate, br',
          ...(req.body ? { 'content-length': String(req.body.length) } : {}),
          ...req.headers,
        },
        agent: isHttps ? pool.https : pool.http,
        lookup: guardedLookup(req.allowPrivateNetwork) as never,
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > req.maxBytes && !res.headers['content-encoding']) {
          res.resume();
          return finish(new TooLargeError(req.maxBytes));
        }
        const stream = decoded(res);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          // finish() first: destroying the response emits 'aborted', which must not win the race.
          if (size > req.maxBytes) return finish(new TooLargeError(req.maxBytes));
          chunks.push(chunk);
        });
        stream.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: flatHeaders(res), body: Buffer.concat(chunks, size) }));
        stream.on('error', (err) => finish(err));
        res.on('error', (err) => finish(err));
        res.on('aborted', () => finish(Object.assign(new Error('连接中断'), { code: 'ECONNRESET' })));
      },
    );
    request.on('error', (err) => finish(err));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(req.body);
  });
