// The crawler's entry point: crawl every configured source (or one), politely, from the queue in
// the store, and report what happened per source. Knows nothing of scoring or indexing.
import type { Store } from '../store/store.ts';
import type { SourcesFile } from './sources.ts';
import { DEFAULT_TUNING, Fetcher, type FetchTuning } from './fetcher.ts';
import { nodeTransport, type Transport } from './http.ts';
import { SourceCrawl, type SourceProgress, type SourceSummary } from './crawl-source.ts';
import { newTally, recordHealth, type HealthChange } from './health.ts';
import type { BrowserPool } from './sources/browser.ts';

export type { SourceProgress, SourceSummary } from './crawl-source.ts';
export type { Transport, HttpRequest, HttpResponse } from './http.ts';
export type { HealthChange } from './health.ts';

export interface CrawlSummary {
  sources: SourceSummary[];
  totals: { pages: number; newPosts: number; skipped: number; errors: number };
  /** True when the crawl was stopped by the signal; what was done so far is kept. */
  aborted: boolean;
  startedAt: string;
  finishedAt: string;
  /** Sources whose health state changed in this crawl (each to be told to the admins once). */
  healthChanges: HealthChange[];
}

export interface CrawlOptions {
  /** Crawl only this source. */
  sourceId?: string;
  /** Fetch known detail pages again and ignore HTTP validators. */
  refresh?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SourceProgress) => void;
  /** Replaces the network layer (tests); redirects, retries and politeness still apply on top. */
  fetchImpl?: Transport;
  /** Reasons for skips, retries and errors, one line each. */
  log?: (line: string) => void;
  /** Overrides the sources file's `http` settings (tests use short timeouts). */
  tuning?: Partial<FetchTuning>;
  /**
   * Benchmarks only: no robots.txt and no per-host gate. Never exposed in the sources file or
   * the CLI, so an operator cannot switch politeness off by accident.
   */
  politeness?: boolean;
  /** Sources crawled at the same time (different hosts); default 4. */
  parallelSources?: number;
  /** Chromium for browser sources (the CLI passes MINSHENG_CHROMIUM); default /usr/bin/chromium. */
  chromiumPath?: string;
  /** The clock for source health (tests move it forward). */
  now?: () => Date;
  /** Told once per change of a source's health state, right after the run that changed it. */
  onHealthChange?: (change: HealthChange) => Promise<void> | void;
}

export class UnknownSourceError extends Error {
  constructor(id: string, known: string[]) {
    super(`来源文件中没有编号为 ${id} 的来源（有：${known.join('、')}）`);
    this.name = 'UnknownSourceError';
  }
}

export const DEFAULT_USER_AGENT = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';

export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function crawlSources(store: Store, file: SourcesFile, options: CrawlOptions = {}): Promise<CrawlSummary> {
  const startedAt = new Date().toISOString();
  const sources = options.sourceId ? file.sources.filter((s) => s.id === options.sourceId) : file.sources;
  if (options.sourceId && sources.length === 0)
    throw new UnknownSourceError(
      options.sourceId,
      file.sources.map((s) => s.id),
    );
  const tuning: FetchTuning = { ...DEFAULT_TUNING, ...definedOnly(file.http), ...definedOnly(options.tuning) };
  const fetcher = new Fetcher(options.fetchImpl ?? nodeTransport, store.crawl, file.userAgent ?? DEFAULT_USER_AGENT, tuning, options.politeness !== false);
  const signal = options.signal ?? new AbortController().signal;
  // Chromium is started only when a browser source is crawled, and closed at the end of the crawl.
  let browser: BrowserPool | undefined;
  if (sources.some((s) => s.type === 'browser')) {
    const { BrowserPool } = await import('./sources/browser.ts');
    browser = new BrowserPool({ userAgent: file.userAgent ?? DEFAULT_USER_AGENT, executablePath: options.chromiumPath });
  }
  const results = new Array<SourceSummary>(sources.length);
  const healthChanges: HealthChange[] = [];
  const now = options.now ?? (() => new Date());
  /** An aborted run saw only part of the source, so it says nothing about its health. */
  const noteHealth = async (source: (typeof sources)[number], summary: SourceSummary) => {
    if (summary.aborted) return;
    try {
      const change = await recordHealth(
        store,
        source,
        { pagesFetched: summary.pages, newPosts: summary.newPosts, tally: summary.tally, startedAt: summary.startedAt },
        now(),
      );
      if (!change) return;
      healthChanges.push(change);
      await options.onHealthChange?.(change);
    } catch (err) {
      options.log?.(`[${source.id}] 记录来源状态失败：${(err as Error).message ?? String(err)}`);
    }
  };
  let nextIndex = 0;
  const lane = async () => {
    while (nextIndex < sources.length) {
      const i = nextIndex++;
      const source = sources[i]!;
      const lastSuccessAt = (await store.sourceHealth.get(source.id))?.lastSuccessAt ?? null;
      try {
        results[i] = await new SourceCrawl({
          lastSuccessAt,
          browser,
          store,
          source,
          fetcher,
          tuning,
          refresh: options.refresh ?? false,
          signal,
          onProgress: options.onProgress ?? (() => {}),
          log: options.log ?? (() => {}),
        }).run();
      } catch (err) {
        // One broken source (say, a store error) must not take the others down with it.
        const reason = `抓取中断：${(err as Error).message ?? String(err)}`;
        options.log?.(`[${source.id}] ${reason}`);
        const tally = { ...newTally(), lastError: reason };
        tally.errors.parse = 1;
        results[i] = {
          id: source.id,
          name: source.name,
          pages: 0,
          newPosts: 0,
          skipped: 0,
          errors: 1,
          failed: true,
          aborted: false,
          problems: [reason],
          tally,
          startedAt,
        };
      }
      await noteHealth(source, results[i]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallelSources ?? 4, sources.length)) }, lane));
  } finally {
    await browser?.close();
  }
  const totals = { pages: 0, newPosts: 0, skipped: 0, errors: 0 };
  for (const r of results) {
    totals.pages += r.pages;
    totals.newPosts += r.newPosts;
    totals.skipped += r.skipped;
    totals.errors += r.errors;
  }
  return { sources: results, totals, aborted: signal.aborted, startedAt, finishedAt: new Date().toISOString(), healthChanges };
}
