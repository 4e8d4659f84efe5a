// Crawling one source from its queue in the store. The queue is the truth: every step (links
// enqueued, post stored, request marked done) is committed before the next, so a crawl killed
// at any moment resumes from the queue, and a repeated step is harmless because the post upsert
// is idempotent (canonical URL + content hash).
import type { Store } from '../store/store.ts';
import type { CrawlRequest, CrawlRequestKind, NewCrawlRequest } from '../store/crawl-state.ts';
import type { Source } from './sources.ts';
import { decodeBody } from './encoding.ts';
import { extractList, extractPost } from './extract-html.ts';
import type { FeedItem } from './extract-feed.ts';
import { extractJson } from './extract-json.ts';
import { FetchFailure, type Fetcher, type FetchOutcome, type FetchTuning } from './fetcher.ts';
import { AbortedError } from './http.ts';
import { buildPost } from './post.ts';
import { canonicalUrl } from './url.ts';
import { errorKind, newTally, type RunTally } from './health.ts';
import type { BrowserPool } from './sources/browser.ts';
import { ApiSession, apiPageKey, buildCall, dayVars, isApiSource, pagingStop, tokenFrom, type ApiSource } from './sources/json-api.ts';

export interface SourceCounters {
  /** Pages fetched (including "not modified" answers). */
  pages: number;
  newPosts: number;
  /** Known posts not fetched again, duplicates, pages without content, robots.txt refusals. */
  skipped: number;
  /** URLs given up or deferred, and pages that could not be read. */
  errors: number;
}

export interface SourceProgress extends SourceCounters {
  id: string;
  name: string;
  /** Requests still waiting in the queue. */
  queued: number;
  finished: boolean;
}

export interface SourceSummary extends SourceCounters {
  id: string;
  name: string;
  /** Nothing could be fetched and something went wrong: the source is effectively down. */
  failed: boolean;
  aborted: boolean;
  /** The first few reasons for errors and skips, for the summary. */
  problems: string[];
  /** What the run found, for the source's health record. */
  tally: RunTally;
  startedAt: string;
}

export interface SourceCrawlContext {
  store: Store;
  source: Source;
  fetcher: Fetcher;
  tuning: Pick<FetchTuning, 'runAttempts' | 'retryLaterMs'>;
  refresh: boolean;
  signal: AbortSignal;
  onProgress: (p: SourceProgress) => void;
  log: (line: string) => void;
  /** Chromium for `type: browser` sources (shared by the crawl, one tab per host). */
  browser?: BrowserPool;
  /** When this source last ran without failing (from its health record): API {since} and the date stop. */
  lastSuccessAt?: string | null;
}

const MAX_PROBLEMS = 8;
const pageOf = (r: CrawlRequest) => {
  try {
    return Number((JSON.parse(r.meta ?? '{}') as { page?: number }).page) || 1;
  } catch {
    return 1;
  }
};

export class SourceCrawl {
  private readonly counters: SourceCounters = { pages: 0, newPosts: 0, skipped: 0, errors: 0 };
  private readonly problems: string[] = [];
  private readonly tally = newTally();
  /** URLs handled in this run: a page loop (page 3 → page 1) cannot keep the crawl going. */
  private readonly handled = new Set<string>();
  private readonly inflight = new Set<string>();
  private waiters: (() => void)[] = [];
  private buffer: CrawlRequest[] = [];
  /** Handled URLs that came back as pending in the same run (a page loop); left for the next run. */
  private readonly leftForNextRun = new Set<string>();
  /** Requests deferred during this run get a later not_before and so wait for the next run. */
  private readonly runStartIso = new Date().toISOString();
  private refilling: Promise<void> | null = null;
  private queued = 0;
  private readonly source: Source;
  private readonly state: Store['crawl'];

  constructor(private readonly ctx: SourceCrawlContext) {
    this.source = ctx.source;
    this.state = ctx.store.crawl;
  }

  private get concurrency() {
    return this.source.concurrency ?? 1;
  }

  private note(level: 'error' | 'skip', url: string, reason: string) {
    if (level === 'error') this.counters.errors++;
    else this.counters.skipped++;
    const line = `${level === 'error' ? '错误' : '跳过'} ${url}：${reason}`;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(line);
    this.ctx.log(`[${this.source.id}] ${line}`);
  }

  private progress(finished = false) {
    this.ctx.onProgress({ id: this.source.id, name: this.source.name, ...this.counters, queued: this.queued, finished });
  }

  async run(): Promise<SourceSummary> {
    const { url: start, kind } = startRequestOf(this.source);
    if (this.source.type === 'browser') {
      // Checked before touching the queue: without Chromium the source fails with one clear reason.
      try {
        if (!this.ctx.browser) throw new Error('抓取没有提供浏览器');
        await this.ctx.browser.ensure();
      } catch (err) {
        const reason = (err as Error).message;
        this.tally.errors.network++;
        this.tally.lastError = reason;
        this.note('error', this.source.start, reason);
        return {
          id: this.source.id,
          name: this.source.name,
          ...this.counters,
          failed: true,
          aborted: false,
          problems: this.problems,
          tally: this.tally,
          startedAt: this.runStartIso,
        };
      }
    }
    // The start page is read on every run; anything left pending by an interrupted run stays queued.
    await this.state.enqueue([{ sourceId: this.source.id, url: start, kind, meta: JSON.stringify({ page: 1 }) }], { requeueDone: true });
    this.queued = (await this.state.counts(this.source.id)).pending;
    this.progress();
    let aborted = false;
    try {
      await Promise.all(Array.from({ length: this.concurrency }, () => this.worker()));
    } catch (err) {
      if (!(err instanceof AbortedError)) throw err;
    }
    aborted = this.ctx.signal.aborted;
    this.queued = (await this.state.counts(this.source.id)).pending;
    this.progress(true);
    return {
      id: this.source.id,
      name: this.source.name,
      ...this.counters,
      // Reached nothing but an API handshake counts as failed too.
      failed: this.tally.pagesRead + this.tally.notModified === 0 && this.counters.errors > 0,
      aborted,
      problems: this.problems,
      tally: this.tally,
      startedAt: this.runStartIso,
    };
  }

  /**
   * One request leased by a crawl worker (crawler/worker.ts), which owns the queue order; the page
   * is handled exactly as in run(). Throws AbortedError when the crawl is being stopped.
   */
  async handle(request: CrawlRequest): Promise<void> {
    this.handled.add(request.url);
    try {
      await this.process(request);
    } finally {
      this.progress();
    }
  }

  /** What this crawl has done so far (for a worker's summary). */
  report(): SourceCounters & { problems: string[]; tally: RunTally } {
    return { ...this.counters, problems: [...this.problems], tally: structuredClone(this.tally) };
  }

  private wakeAll() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async refill() {
    const limit = this.inflight.size + this.leftForNextRun.size + this.concurrency * 8;
    const rows = await this.state.pending(this.source.id, this.runStartIso, limit);
    this.buffer = rows.filter((r) => !this.inflight.has(r.url) && !this.leftForNextRun.has(r.url));
    this.queued = (await this.state.counts(this.source.id)).pending;
  }

  /** The next request to work on, or null when the queue is drained and nothing is in flight. */
  private async take(): Promise<CrawlRequest | null> {
    for (;;) {
      if (this.ctx.signal.aborted) return null;
      if (this.buffer.length === 0) {
        this.refilling ??= this.refill().finally(() => (this.refilling = null));
        await this.refilling;
      }
      const next = this.buffer.shift();
      if (next) {
        if (this.inflight.has(next.url)) continue;
        if (this.handled.has(next.url)) {
          this.leftForNextRun.add(next.url);
          continue;
        }
        this.inflight.add(next.url);
        this.handled.add(next.url);
        return next;
      }
      if (this.inflight.size === 0) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      const request = await this.take();
      if (!request) return;
      try {
        await this.process(request);
      } finally {
        this.inflight.delete(request.url);
        this.wakeAll();
        this.progress();
      }
    }
  }

  private async process(request: CrawlRequest): Promise<void> {
    try {
      if (request.kind === 'list') await this.processList(request);
      else if (request.kind === 'detail') await this.processDetail(request);
      else await this.processFeed(request);
    } catch (err) {
      if (err instanceof AbortedError || this.ctx.signal.aborted) throw new AbortedError();
      if (err instanceof FetchFailure) {
        const retryAt = this.retryAt(err, request);
        const reason = retryAt ? `${err.reason}（${retryAt.slice(0, 16).replace('T', ' ')} UTC 后再试）` : err.reason;
        await this.state.markFailed(this.source.id, request.url, reason, retryAt);
        this.tally.errors[errorKind(err)]++;
        this.tally.lastError = reason;
        // A detail page robots.txt forbids is a skip; a forbidden start page means the source cannot work.
        this.note(err.kind === 'robots' && request.kind === 'detail' ? 'skip' : 'error', request.url, reason);
        return;
      }
      const reason = `无法读取页面：${(err as Error).message ?? String(err)}`.slice(0, 500);
      await this.state.markFailed(this.source.id, request.url, reason, null);
      this.tally.errors.parse++;
      this.tally.lastError = reason;
      this.note('error', request.url, reason);
    }
  }

  /**
   * When a failed URL may be tried again: a server's own Retry-After, or for transient failures a
   * later run (doubling waits) until runAttempts runs have failed; null gives it up for good.
   */
  private retryAt(err: FetchFailure, request: CrawlRequest): string | null {
    if (err.retryAt) return new Date(err.retryAt).toISOString();
    if (err.kind !== 'transient' || request.attempts + 1 >= this.ctx.tuning.runAttempts) return null;
    return new Date(Date.now() + this.ctx.tuning.retryLaterMs * 2 ** request.attempts).toISOString();
  }

  private async fetch(request: CrawlRequest, conditional: boolean, accept?: string): Promise<FetchOutcome> {
    const cache = conditional && !this.ctx.refresh ? await this.state.getHttpCache(request.url) : null;
    const outcome = await this.ctx.fetcher.get({
      url: request.url,
      allowPrivateNetwork: this.source.allowPrivateNetwork !== false,
      privateHosts: privateHostsOf(this.source),
      perSecond: this.source.rateLimit.perSecond,
      hostConcurrency: this.concurrency,
      conditional: cache,
      accept,
      signal: this.ctx.signal,
      onRetry: (reason, delay) => this.ctx.log(`[${this.source.id}] 重试 ${request.url}：${reason}，${delay} 毫秒后`),
    });
    this.counters.pages++;
    if (outcome.kind === 'not-modified') this.tally.notModified++;
    return outcome;
  }

  /** An HTML page's text: fetched and decoded, or for browser sources rendered in Chromium. */
  private async page(request: CrawlRequest, kind: 'list' | 'post'): Promise<'not-modified' | { html: string; url: string; fetched: FetchOutcome | null }> {
    if (this.source.type === 'browser') {
      const rendered = await this.ctx.browser!.render(request.url, {
        source: this.source,
        fetcher: this.ctx.fetcher,
        hostConcurrency: this.concurrency,
        signal: this.ctx.signal,
        page: kind,
        log: (line) => this.ctx.log(`[${this.source.id}] ${line}`),
      });
      this.counters.pages++;
      return { html: rendered.html, url: rendered.url, fetched: null };
    }
    if (this.source.type !== 'html') throw new Error(`${this.source.type} 来源没有 HTML 页面`);
    const outcome = await this.fetch(request, kind === 'list');
    if (outcome.kind === 'not-modified') return 'not-modified';
    return { html: decodeBody(outcome.body, outcome.contentType, this.source.encoding), url: outcome.url, fetched: outcome };
  }

  private async rememberValidators(url: string, outcome: FetchOutcome) {
    if (outcome.kind === 'ok' && (outcome.etag || outcome.lastModified)) {
      await this.state.setHttpCache({ url, etag: outcome.etag, lastModified: outcome.lastModified, fetchedAt: new Date().toISOString() });
    }
  }

  /** Queues the next list/feed page unless this page held nothing new (incremental stop). */
  private async maybeNextPage(request: CrawlRequest, next: string | null, anythingNew: boolean, maxPages: number) {
    if (!next) return;
    const page = pageOf(request);
    let url: string;
    try {
      url = canonicalUrl(next);
    } catch {
      return;
    }
    if (this.handled.has(url)) return;
    if (!anythingNew && !this.ctx.refresh) {
      this.ctx.log(`[${this.source.id}] 第 ${page} 页全是已抓过的帖子，停止翻页`);
      return;
    }
    if (page >= maxPages) return;
    await this.state.enqueue([{ sourceId: this.source.id, url, kind: request.kind, meta: JSON.stringify({ page: page + 1 }) }], {
      requeueDone: true,
    });
  }

  private async processList(request: CrawlRequest) {
    if (this.source.type !== 'html' && this.source.type !== 'browser') return;
    const outcome = await this.page(request, 'list');
    if (outcome === 'not-modified') {
      this.ctx.log(`[${this.source.id}] 列表页未变化（304）：${request.url}`);
      await this.state.markDone(this.source.id, request.url);
      return;
    }
    const page = extractList(outcome.html, outcome.url, this.source.list);
    this.countPage(page.links.length);
    if (page.links.length === 0) this.note('skip', request.url, `列表页没有读到条目（选择器 ${this.source.list.item} / ${this.source.list.link}）`);
    const links = [...new Set(page.links.map(tryCanonical).filter((u): u is string => u !== null))];
    const known = await this.state.statuses(this.source.id, links);
    const fresh = links.filter((u) => !known.has(u));
    const detail = (url: string): NewCrawlRequest => ({ sourceId: this.source.id, url, kind: 'detail', meta: null });
    // Links first, validators and "done" last: if we die in between, the page is simply read again.
    await this.state.enqueue(fresh.map(detail));
    if (this.ctx.refresh) await this.state.enqueue(links.filter((u) => known.has(u)).map(detail), { requeueDone: true });
    else this.counters.skipped += links.filter((u) => known.has(u) && known.get(u) !== 'pending').length;
    // Links still pending (queued by an interrupted run) count as new: the run that queued them
    // may have died before queueing the next page, so paging must go on.
    const unfinished = links.some((u) => !known.has(u) || known.get(u) === 'pending');
    await this.maybeNextPage(request, page.next, unfinished, this.source.list.maxPages);
    if (outcome.fetched) await this.rememberValidators(request.url, outcome.fetched);
    await this.state.markDone(this.source.id, request.url);
  }

  private async processDetail(request: CrawlRequest) {
    if (this.source.type !== 'html' && this.source.type !== 'browser') return;
    const outcome = await this.page(request, 'post');
    if (outcome === 'not-modified') return this.state.markDone(this.source.id, request.url);
    const post = extractPost(outcome.html, this.source.post);
    this.tally.pagesRead++;
    this.tally.detailsRead++;
    if (!post.title && !post.body) this.tally.detailsEmpty++;
    await this.store(request, post, outcome.url);
    await this.state.markDone(this.source.id, request.url);
  }

  private async store(request: CrawlRequest, item: Omit<FeedItem, 'link'>, pageUrl: string): Promise<boolean> {
    const built = buildPost(item, pageUrl, {
      source: this.source.id,
      district: this.source.district ?? null,
      fetchedAt: new Date().toISOString(),
    });
    if ('skip' in built) {
      this.note('skip', request.url, built.skip);
      return false;
    }
    const result = await this.ctx.store.posts.upsert(built.post);
    if (result.created) this.counters.newPosts++;
    else this.counters.skipped++;
    return true;
  }

  private async processFeed(request: CrawlRequest) {
    if (this.source.type === 'html' || this.source.type === 'browser') return;
    if (isApiSource(this.source)) return this.processApiPage(request, this.source);
    const json = this.source.type === 'json';
    const outcome = await this.fetch(request, true, json ? 'application/json' : 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5');
    if (outcome.kind === 'not-modified') {
      await this.state.markDone(this.source.id, request.url);
      return;
    }
    const text = decodeBody(outcome.body, outcome.contentType, this.source.encoding);
    let items: FeedItem[];
    let next: string | null = null;
    let unreadable: number;
    if (this.source.type === 'json') {
      ({ items, next, unreadable } = extractJson(text, outcome.url, this.source.fields));
    } else {
      // Loaded on demand: the XML parser is only needed by feed sources.
      const { extractFeed } = await import('./extract-feed.ts');
      ({ items, unreadable } = extractFeed(text, outcome.url));
    }
    this.countPage(items.length);
    if (unreadable) this.note('skip', request.url, `${unreadable} 个条目没有可用的链接`);
    if (items.length === 0 && !unreadable) this.note('skip', request.url, '没有读到任何条目');
    const fresh = await this.storeItems(request, items);
    await this.maybeNextPage(request, next, fresh > 0, this.source.type === 'json' ? this.source.maxPages : 1);
    await this.rememberValidators(request.url, outcome);
    await this.state.markDone(this.source.id, request.url);
  }
  /** Stores feed/API items (their content came with the list); returns how many were not known yet. */
  private async storeItems(request: CrawlRequest, items: FeedItem[]): Promise<number> {
    const byUrl = new Map<string, FeedItem>();
    for (const item of items) {
      const url = tryCanonical(item.link);
      if (url && !byUrl.has(url)) byUrl.set(url, item);
    }
    const known = await this.state.statuses(this.source.id, [...byUrl.keys()]);
    let fresh = 0;
    for (const [url, item] of byUrl) {
      if (known.get(url) === 'done' && !this.ctx.refresh) {
        this.counters.skipped++;
        continue;
      }
      fresh++;
      const itemRequest: CrawlRequest = { ...request, url, kind: 'detail' };
      if (await this.store(itemRequest, item, item.link)) {
        await this.state.recordDone([{ sourceId: this.source.id, url, kind: 'detail', meta: null }]);
      }
    }
    return fresh;
  }

  private countPage(items: number) {
    this.tally.pagesRead++;
    this.tally.listPagesRead++;
    this.tally.itemsFound += items;
  }

  private session: Promise<ApiSession> | null = null;

  /** One handshake per run, shared by every page; a failed one is tried again by the next page. */
  private apiSession(source: ApiSource): Promise<ApiSession> {
    this.session ??= (async () => {
      const hs = source.request.handshake;
      const session = new ApiSession(hs?.tokenHeader, hs?.tokenPrefix);
      if (!hs) return session;
      const vars = { page: source.request.firstPage, pageSize: source.request.pageSize, token: '', ...dayVars(new Date(), this.ctx.lastSuccessAt ?? null) };
      const outcome = await this.fetchCall(buildCall(hs.url, hs, vars, null), 'application/json, */*;q=0.5');
      if (outcome.kind === 'ok') session.absorb(outcome.setCookie);
      if (hs.token) session.token = tokenFrom(outcome, hs.token);
      return session;
    })().catch((err) => {
      this.session = null;
      throw err instanceof FetchFailure ? new FetchFailure(err.kind, `握手失败：${err.reason}`, err.retryAt) : err;
    });
    return this.session;
  }

  private async fetchCall(call: ReturnType<typeof buildCall>, accept: string): Promise<FetchOutcome> {
    const outcome = await this.ctx.fetcher.get({
      ...call,
      allowPrivateNetwork: this.source.allowPrivateNetwork !== false,
      privateHosts: privateHostsOf(this.source),
      perSecond: this.source.rateLimit.perSecond,
      hostConcurrency: this.concurrency,
      accept,
      signal: this.ctx.signal,
      onRetry: (reason, delay) => this.ctx.log(`[${this.source.id}] 重试 ${call.url}：${reason}，${delay} 毫秒后`),
    });
    this.counters.pages++;
    return outcome;
  }

  /** Page N of a numbered API: build the call, store the items, then queue N+1 unless a stop rule says not to. */
  private async processApiPage(request: CrawlRequest, source: ApiSource) {
    const position = pageOf(request);
    const session = await this.apiSession(source);
    const vars = {
      page: source.request.firstPage + position - 1,
      pageSize: source.request.pageSize,
      token: session.token,
      ...dayVars(new Date(), this.ctx.lastSuccessAt ?? null),
    };
    const outcome = await this.fetchCall(buildCall(source.start, source.request, vars, session), 'application/json');
    if (outcome.kind !== 'ok') {
      this.tally.notModified++;
      return this.state.markDone(this.source.id, request.url);
    }
    session.absorb(outcome.setCookie);
    const text = decodeBody(outcome.body, outcome.contentType, source.encoding);
    const doc = JSON.parse(text) as unknown;
    const { items, unreadable } = extractJson(text, outcome.url, source.fields);
    this.countPage(items.length);
    if (unreadable) this.note('skip', request.url, `${unreadable} 个条目没有可用的链接`);
    if (items.length === 0 && !unreadable && position === 1) this.note('skip', request.url, '没有读到任何条目');
    const fresh = await this.storeItems(request, items);
    const stop = pagingStop({
      source,
      position,
      doc,
      itemCount: items.length + unreadable,
      freshCount: fresh,
      publishedAt: items.map((i) => i.publishedAt),
      refresh: this.ctx.refresh,
      sinceIso: this.ctx.lastSuccessAt ?? null,
    });
    if (stop) this.ctx.log(`[${this.source.id}] 停止翻页：${stop}`);
    else {
      await this.state.enqueue(
        [{ sourceId: this.source.id, url: apiPageKey(source, position + 1), kind: 'feed', meta: JSON.stringify({ page: position + 1 }) }],
        {
          requeueDone: true,
        },
      );
    }
    await this.state.markDone(this.source.id, request.url);
  }
}

/** The request every crawl round of a source begins with: its start page, or page 1 of its API. */
export function startRequestOf(source: Source): NewCrawlRequest {
  const url = isApiSource(source) ? apiPageKey(source, 1) : canonicalUrl(source.start);
  const kind: CrawlRequestKind = source.type === 'html' || source.type === 'browser' ? 'list' : 'feed';
  return { sourceId: source.id, url, kind, meta: JSON.stringify({ page: 1 }) };
}

/**
 * The hosts a source's private-network permission covers: its start URL's host for `true`, the
 * listed ones for a list (normalised as a URL would write them), none for `false`.
 */
export function privateHostsOf(source: Pick<Source, 'start' | 'allowPrivateNetwork'>): string[] {
  const allow = source.allowPrivateNetwork;
  if (allow === false) return [];
  if (allow === true) return [new URL(source.start).host];
  return allow.map((h) => new URL(`http://${h}`).host);
}

function tryCanonical(url: string): string | null {
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}
