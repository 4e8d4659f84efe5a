// Source health, never silent: from what one run found, decide whether the source is ok, failing
// (errors on every try), empty (pages came back but the selectors found nothing — a redesign) or
// silent (no new post for much longer than its usual gap). The rules are pure; recordHealth only
// reads the history and writes the result.
import type { Store } from '../store/store.ts';
import type { SourceErrorKind, SourceHealth, SourceRun, SourceState } from '../store/source-health.ts';
import type { FetchFailure } from './fetcher.ts';

/** What a run saw, counted by the crawl as it goes. */
export interface RunTally {
  /** Responses with content (not 304, not errors); an API handshake is not counted. */
  pagesRead: number;
  /** "Not modified" answers: the page is reachable, just unchanged. */
  notModified: number;
  /** Entries on list pages, feeds and API pages. */
  itemsFound: number;
  /** List pages / feeds / API pages read. */
  listPagesRead: number;
  /** Post pages read, and how many of them the post selectors found nothing on. */
  detailsRead: number;
  detailsEmpty: number;
  errors: Record<SourceErrorKind, number>;
  lastError: string | null;
}

export const newTally = (): RunTally => ({
  pagesRead: 0,
  notModified: 0,
  itemsFound: 0,
  listPagesRead: 0,
  detailsRead: 0,
  detailsEmpty: 0,
  errors: { network: 0, http: 0, robots: 0, parse: 0 },
  lastError: null,
});

/**
 * One run's tally from the parts several workers counted (a worker round: each worker counts the
 * pages it handled). The last error is the one of the part updated last.
 */
export function mergeTallies(parts: { tally: RunTally; updatedAt: string }[]): RunTally {
  const sum = newTally();
  let lastAt = '';
  for (const { tally, updatedAt } of parts) {
    sum.pagesRead += tally.pagesRead;
    sum.notModified += tally.notModified;
    sum.itemsFound += tally.itemsFound;
    sum.listPagesRead += tally.listPagesRead;
    sum.detailsRead += tally.detailsRead;
    sum.detailsEmpty += tally.detailsEmpty;
    for (const k of Object.keys(sum.errors) as SourceErrorKind[]) sum.errors[k] += tally.errors[k] ?? 0;
    if (tally.lastError && updatedAt >= lastAt) ((sum.lastError = tally.lastError), (lastAt = updatedAt));
  }
  return sum;
}

/** HTTP status answers (including 5xx that outlasted the retries) vs. the network itself. */
export function errorKind(err: FetchFailure): SourceErrorKind {
  if (err.kind === 'robots') return 'robots';
  if (err.kind === 'http') return 'http';
  if (err.kind === 'transient') return /HTTP \d{3}/.test(err.reason) ? 'http' : 'network';
  if (err.kind === 'redirects') return 'http';
  return 'network';
}

export interface HealthSettings {
  /** Silent after this many hours without a new post; overrides the learnt gap. */
  silentAfterHours?: number;
}

/** A source is silent after SILENT_FACTOR × its usual gap between new posts (but never under MIN_SILENT_MS). */
export const SILENT_FACTOR = 4;
export const MIN_SILENT_MS = 6 * 3600_000;
/** Gaps learnt from at least this many runs with new posts; before that only silentAfterHours applies. */
export const MIN_GAPS = 3;

/** Median gap between consecutive runs that brought new posts (times newest first); null when too few. */
export function usualGapMs(newPostTimes: string[]): number | null {
  const t = newPostTimes
    .map((x) => Date.parse(x))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const gaps = t
    .slice(1)
    .map((v, i) => v - t[i]!)
    .filter((g) => g > 0);
  if (gaps.length < MIN_GAPS) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

const hours = (ms: number) => (ms >= 48 * 3600_000 ? `${Math.round(ms / 86_400_000)} 天` : `${Math.round(ms / 3600_000)} 小时`);

export interface RunFacts {
  pagesFetched: number;
  newPosts: number;
  tally: RunTally;
}

/** The state after a run, with the reason in Chinese. Precedence: failing, empty, silent, ok. */
export function judge(
  run: RunFacts,
  lastNewPostAt: string | null,
  gapMs: number | null,
  now: Date,
  settings: HealthSettings = {},
): { state: SourceState; detail: string } {
  const errors = Object.values(run.tally.errors).reduce((a, b) => a + b, 0);
  if (run.tally.pagesRead + run.tally.notModified === 0 && errors > 0) {
    return { state: 'failing', detail: `每次请求都失败（${errors} 个错误）：${run.tally.lastError ?? '原因未知'}` };
  }
  if (run.tally.listPagesRead > 0 && run.tally.itemsFound === 0) {
    return { state: 'empty', detail: `读到 ${run.tally.listPagesRead} 个列表页，但选择器一个条目也没找到，网站可能改版了` };
  }
  if (run.tally.detailsRead > 0 && run.tally.detailsEmpty === run.tally.detailsRead) {
    return { state: 'empty', detail: `读到 ${run.tally.detailsRead} 个帖子页，但标题和正文选择器都没找到内容，网站可能改版了` };
  }
  if (run.newPosts === 0 && lastNewPostAt) {
    const limit = settings.silentAfterHours ? settings.silentAfterHours * 3600_000 : gapMs !== null ? Math.max(SILENT_FACTOR * gapMs, MIN_SILENT_MS) : null;
    const quiet = now.getTime() - Date.parse(lastNewPostAt);
    if (limit !== null && quiet > limit) {
      const usual = settings.silentAfterHours ? `设定上限 ${hours(limit)}` : `平时约每 ${hours(gapMs!)}有新帖`;
      return { state: 'silent', detail: `已经 ${hours(quiet)}没有新帖（${usual}）` };
    }
  }
  return { state: 'ok', detail: run.newPosts > 0 ? `新帖 ${run.newPosts} 条` : '正常，暂无新帖' };
}

export interface HealthChange {
  sourceId: string;
  sourceName: string;
  from: SourceState | null;
  to: SourceState;
  detail: string;
  at: string;
}

/**
 * Records one finished run and returns the change of state, if any. A first run that is ok is not
 * a change worth a message; any later change, and a first run that is not ok, is.
 */
export async function recordHealth(
  store: Store,
  source: { id: string; name: string } & HealthSettings,
  run: RunFacts & { startedAt: string },
  now: Date,
): Promise<HealthChange | null> {
  const prev = await store.sourceHealth.get(source.id);
  const at = now.toISOString();
  const lastNewPostAt = run.newPosts > 0 ? at : (prev?.lastNewPostAt ?? null);
  // The first run with posts starts the clock; a source that never posted cannot go silent.
  const gap = usualGapMs([...(run.newPosts > 0 ? [at] : []), ...(await store.sourceHealth.newPostTimes(source.id, 30))]);
  // A run that tried nothing (its start page is waiting out a Retry-After or a later-run back-off)
  // is no evidence either way: the source keeps its state.
  const tried = run.pagesFetched + Object.values(run.tally.errors).reduce((a, b) => a + b, 0) > 0;
  const { state, detail } = !tried && prev ? { state: prev.state, detail: prev.detail } : judge(run, lastNewPostAt, gap, now, source);
  const record: SourceRun = {
    sourceId: source.id,
    startedAt: run.startedAt,
    finishedAt: at,
    pagesFetched: run.pagesFetched,
    itemsFound: run.tally.itemsFound,
    newPosts: run.newPosts,
    errors: run.tally.errors,
    lastError: run.tally.lastError,
    state,
  };
  const health: SourceHealth = {
    sourceId: source.id,
    state,
    stateSince: prev && prev.state === state ? prev.stateSince : at,
    lastRunAt: at,
    lastSuccessAt: state === 'failing' || !tried ? (prev?.lastSuccessAt ?? null) : at,
    lastNewPostAt,
    lastError: run.tally.lastError ?? (state === 'failing' ? (prev?.lastError ?? null) : null),
    itemsLastRun: run.tally.itemsFound,
    pagesLastRun: run.pagesFetched,
    newPostsLastRun: run.newPosts,
    errorsLastRun: run.tally.errors,
    detail,
  };
  await store.sourceHealth.record(record, health);
  if (prev ? prev.state === state : state === 'ok') return null;
  return { sourceId: source.id, sourceName: source.name, from: prev?.state ?? null, to: state, detail, at };
}

export const STATE_NAMES: Record<SourceState, string> = { ok: '正常', failing: '抓取失败', empty: '抓不到内容', silent: '长时间无新帖' };

/** The one-line notice for admins. */
export function healthNoticeText(change: HealthChange): string {
  const from = change.from ? `从“${STATE_NAMES[change.from]}”变为` : '';
  return `来源 ${change.sourceName}（${change.sourceId}）${from}“${STATE_NAMES[change.to]}”：${change.detail}`;
}
