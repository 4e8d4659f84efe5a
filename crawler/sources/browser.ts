// Browser sources: pages that fill themselves with JavaScript, rendered in headless Chromium
// (playwright-core driving Debian's `chromium`). The browser never touches the network itself:
// every request it makes — the page, its scripts, its XHR/fetch calls — is intercepted and sent
// through the crawler's Fetcher, so robots.txt, the per-host rate limit, retries, size limits and
// the SSRF guard hold exactly as for `html` sources. Images, fonts and media are blocked. One tab
// per host, used by one page at a time.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Route, Request as PwRequest } from 'playwright-core';
import type { BrowserSource } from '../sources.ts';
import type { CrawlStateRepo } from '../../store/crawl-state.ts';
import { DEFAULT_TUNING, FetchFailure, Fetcher, type FetchOutcome, type FetchRequest } from '../fetcher.ts';
import { nodeTransport } from '../http.ts';
import { parseSelector } from '../extract-html.ts';
import { privateHostsOf } from '../crawl-source.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for a closed, quiet browser: no sandbox (containers), no background calls home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** What the browser may load; everything else (image, font, media, websocket, …) is refused. */
const ALLOWED = new Set(['document', 'script', 'stylesheet', 'xhr', 'fetch']);

export class BrowserUnavailableError extends Error {
  constructor(detail: string) {
    super(`这个来源（type: browser）要用 Chromium 打开页面，但${detail}。请安装：apt-get install chromium（或用环境变量 MINSHENG_CHROMIUM 指定浏览器路径）`);
    this.name = 'BrowserUnavailableError';
  }
}

/** The configured Chromium (MINSHENG_CHROMIUM, passed down from the edge), else the system one. */
export function chromiumPath(configured?: string): string {
  return configured?.trim() || DEFAULT_CHROMIUM;
}

/** Settings of the source the tab is working for right now. */
export interface RenderTarget {
  source: BrowserSource;
  fetcher: Fetcher;
  hostConcurrency: number;
  signal?: AbortSignal;
  /** 'list' waits for the list's item selector, 'post' for the title (or their waitFor). */
  page: 'list' | 'post';
  /** Logs a subresource that could not be loaded. */
  log?: (line: string) => void;
}

export interface Rendered {
  html: string;
  /** Where the page came from after redirects. */
  url: string;
  /** False when the awaited element never appeared (the page is read as it is). */
  ready: boolean;
}

interface Tab {
  page: Page;
  queue: Promise<unknown>;
  target: RenderTarget | null;
  document: { outcome: FetchOutcome | null; error: Error | null };
}

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private context: BrowserContext | null = null;
  private readonly tabs = new Map<string, Promise<Tab>>();
  /** Scripts and stylesheets fetched once per crawl, not once per page. */
  private readonly assets = new Map<string, FetchOutcome>();

  constructor(private readonly options: { userAgent: string; executablePath?: string }) {}

  /** Starts Chromium (once); a clear Chinese error when it or playwright-core is missing. */
  async ensure(): Promise<Browser> {
    this.browser ??= (async () => {
      const path = chromiumPath(this.options.executablePath);
      if (!existsSync(path)) throw new BrowserUnavailableError(`没有找到 ${path}`);
      let chromium;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch {
        throw new BrowserUnavailableError('没有安装 playwright-core（npm install playwright-core）');
      }
      try {
        return await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
      } catch (err) {
        throw new BrowserUnavailableError(`启动 ${path} 失败：${(err as Error).message.split('\n')[0]}`);
      }
    })().catch((err) => {
      this.browser = null;
      throw err;
    });
    return this.browser;
  }

  private async tab(host: string): Promise<Tab> {
    let tab = this.tabs.get(host);
    if (!tab) {
      tab = (async () => {
        const browser = await this.ensure();
        this.context ??= await browser.newContext({ userAgent: this.options.userAgent, serviceWorkers: 'block', locale: 'zh-CN' });
        const page = await this.context.newPage();
        const t: Tab = { page, queue: Promise.resolve(), target: null, document: { outcome: null, error: null } };
        await page.route('**/*', (route, request) => this.intercept(t, route, request));
        return t;
      })();
      this.tabs.set(host, tab);
      tab.catch(() => this.tabs.delete(host));
    }
    return tab;
  }

  /** Every request of the page goes through the Fetcher, or is refused. */
  private async intercept(tab: Tab, route: Route, request: PwRequest): Promise<void> {
    const target = tab.target;
    const type = request.resourceType();
    const isMainDocument = request.isNavigationRequest() && request.frame() === tab.page.mainFrame();
    if (!target || !ALLOWED.has(type) || (type === 'document' && !isMainDocument)) return route.abort('blockedbyclient');
    const method = request.method() === 'POST' ? 'POST' : request.method() === 'GET' ? 'GET' : null;
    if (!method) return route.abort('blockedbyclient');
    const cacheable = method === 'GET' && (type === 'script' || type === 'stylesheet');
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(
        ([k]) => !/^(host|user-agent|accept-encoding|connection|content-length|cookie)$/i.test(k) && !k.startsWith(':'),
      ),
    );
    const req: FetchRequest = {
      url: request.url(),
      method,
      body: method === 'POST' ? (request.postDataBuffer() ?? undefined) : undefined,
      headers,
      accept: headers['accept'],
      allowPrivateNetwork: target.source.allowPrivateNetwork !== false,
      privateHosts: privateHostsOf(target.source),
      perSecond: target.source.rateLimit.perSecond,
      hostConcurrency: target.hostConcurrency,
      signal: target.signal,
    };
    try {
      const outcome = (cacheable && this.assets.get(req.url)) || (await target.fetcher.get(req));
      if (isMainDocument) tab.document.outcome = outcome;
      if (outcome.kind !== 'ok') return route.fulfill({ status: 304 });
      if (cacheable) this.assets.set(req.url, outcome);
      const out: Record<string, string> = { 'content-type': outcome.contentType ?? 'application/octet-stream' };
      if (outcome.setCookie.length) out['set-cookie'] = outcome.setCookie.join('\n');
      await route.fulfill({ status: outcome.status, headers: out, body: outcome.body });
    } catch (err) {
      if (isMainDocument) tab.document.error = err instanceof Error ? err : new Error(JSON.stringify(err));
      else target.log?.(`页面资源没有加载 ${req.url}：${err instanceof FetchFailure ? err.reason : (err as Error).message}`);
      await route.abort('failed').catch(() => {});
    }
  }

  /** Renders one page in its host's tab, waiting for the element that means "ready". */
  async render(url: string, target: RenderTarget): Promise<Rendered> {
    const tab = await this.tab(new URL(url).host);
    const run = tab.queue.then(async () => {
      tab.target = target;
      tab.document = { outcome: null, error: null };
      const { source } = target;
      try {
        const nav = await tab.page.goto(url, { waitUntil: 'domcontentloaded', timeout: source.renderTimeoutMs + 30_000 }).catch((err: Error) => err);
        if (tab.document.error) throw tab.document.error;
        if (nav instanceof Error) throw new FetchFailure('transient', `浏览器打不开页面：${nav.message.split('\n')[0]}`);
        const outcome = tab.document.outcome;
        const wait =
          target.page === 'list' ? (source.list.waitFor ?? parseSelector(source.list.item).css) : (source.post.waitFor ?? parseSelector(source.post.title).css);
        const ready = await tab.page
          .waitForSelector(wait, { state: 'attached', timeout: source.renderTimeoutMs })
          .then(() => true)
          .catch(() => false);
        if (!ready) target.log?.(`等了 ${source.renderTimeoutMs} 毫秒，页面上仍没有 ${wait}，按现有内容读取`);
        // The document as the page's JavaScript left it (Chromium decoded the bytes, GBK included).
        return { html: await tab.page.content(), url: outcome?.url ?? url, ready };
      } finally {
        tab.target = null;
        // Leave the page so its timers and pending calls stop before the next source uses the tab.
        await tab.page.goto('about:blank').catch(() => {});
      }
    });
    tab.queue = run.catch(() => {});
    return run;
  }

  /** For `minsheng sources test`: a one-off render with its own polite Fetcher. */
  async renderForCheck(source: BrowserSource, url: string, state: CrawlStateRepo): Promise<string> {
    const fetcher = new Fetcher(nodeTransport, state, this.options.userAgent, DEFAULT_TUNING);
    return (await this.render(url, { source, fetcher, hostConcurrency: 1, page: url === source.start ? 'list' : 'post' })).html;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.tabs.clear();
    this.context = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
