// The analysis stage over the store: score what is new, cluster, evaluate the alert rules, raise
// alerts (idempotent by ruleKey) and notify. The rules themselves are pure (alerts/rules.ts);
// this file is the I/O around them.
import type { Store } from '../store/store.ts';
import { ALERT_LEVELS, type AlertLevel, type Post, type Score } from '../store/types.ts';
import { levelRank, OPEN_STATUSES } from '../shared/vocabulary.ts';
import { findDistrict, type Region } from '../config/region.ts';
import { modelVersion, scoreText } from './index.ts';
import { ReviewCache, reviewScores } from './second-opinion/review.ts';
import type { SecondOpinion } from './second-opinion/second-opinion.ts';
import { detectCrisisSignals, type CrisisSignal } from './severity.ts';
import { memoFor } from './text-memo.ts';
import { refreshModels } from './weights.ts';
import { loadAlertConfig, type AlertConfig } from './alerts/config.ts';
import { evaluateAlerts, localDate, type AnalyzedPost } from './alerts/rules.ts';
import { matchAlert } from './alerts/merge.ts';
import { raiseAlert } from './alerts/raise.ts';
import { applyCorrections, corrections } from './alerts/overrides.ts';
import { createNotifier, type Notifier, type NotifyOutcome } from './notify/index.ts';

export interface AnalyzeSummary {
  /**
   * Models whose weights this run read anew because `minsheng train` rewrote (or removed) their files since the last
   * run, and 主题词表 when the bureau's topic words were edited.
   */
  reloaded: string[];
  /** An edit of the topic words this run could not take up (Chinese); the words read before stayed in use. */
  topicWordsError: string | null;
  scored: number;
  clusters: number;
  alerts: { raised: number; escalated: number; updated: number };
}

export interface AnalyzeOptions {
  region: Region;
  now?: Date;
  notify?: Notifier;
  /** Alert thresholds; default config/alerts.yaml. */
  alertConfig?: AlertConfig;
  /** Near-duplicate clustering; default `updateClusters` from analysis/dedupe. */
  cluster?: (store: Store) => Promise<{ postsAssigned: number; clusters: number }>;
  /**
   * Event grouping over the posts the rules look at (post id → event id); default `groupEvents` from
   * analysis/dedupe/events.ts. Posts it leaves out are their own cluster's incident.
   */
  events?: (posts: AnalyzedPost[], region: Region) => Promise<Map<string, string>>;
  /**
   * LLM second opinion for uncertain or severe posts (analysis/second-opinion). Off by default;
   * scheduled runs turn it on when OLLAMA_HOST is set. A failed review keeps the default score.
   */
  review?: SecondOpinion;
}

async function defaultEvents(posts: AnalyzedPost[], region: Region): Promise<Map<string, string>> {
  const { groupEvents } = await import('./dedupe/events.ts');
  const docs = posts.map((p) => ({
    id: p.id,
    title: p.title,
    body: (p.text ?? p.title).slice(p.title.length),
    at: Date.parse(p.at) || 0,
    clusterId: p.clusterId,
    topic: p.score.topic,
  }));
  return groupEvents(docs, region);
}

/** Loaded on first use so scoring alone (and `minsheng score`) never pays for the clustering module. */
async function defaultCluster(store: Store) {
  const { updateClusters } = await import('./dedupe/index.ts');
  return updateClusters(store);
}

const PAGE = 500;

export function postText(post: Pick<Post, 'title' | 'body'>): string {
  return `${post.title}\n${post.body}`;
}

async function scoreNewPosts(store: Store, region: Region, nowIso: string, review?: SecondOpinion): Promise<string[]> {
  const scored: string[] = [];
  const cache = new ReviewCache();
  let afterId: string | undefined;
  for (;;) {
    const page = await store.posts.list({ unscored: true, limit: PAGE, afterId });
    if (page.length === 0) break;
    const items = page.map((post) => ({ text: postText(post), score: scoreText(postText(post)) }));
    const reviewed = review ? await reviewScores(items, review, { cache }) : null;
    const scores: Score[] = page.map((post, i) => {
      const outcome = reviewed?.[i]?.outcome;
      const result = reviewed?.[i]?.score ?? items[i]!.score;
      const model = outcome === 'reviewed' || outcome === 'cached' ? `${modelVersion()}+${review!.name}` : modelVersion();
      return { ...result, postId: post.id, model, scoredAt: nowIso };
    });
    // One write per page instead of one per post (each a round trip on PostgreSQL).
    await store.scores.saveMany(scores);
    for (const [i, post] of page.entries()) {
      const text = items[i]!.text;
      if (!post.district) {
        const district = findDistrict(region, text);
        if (district) await store.posts.setDistrict(post.id, district);
      }
      scored.push(post.id);
    }
    afterId = page[page.length - 1]!.id;
  }
  return scored;
}

/** Posts the rules look at: recent ones, and every member of a cluster a recent or new post is in. */
async function postsForRules(store: Store, newlyScored: string[], config: AlertConfig, now: Date): Promise<Post[]> {
  const since = new Date(now.getTime() - config.lookbackDays * 86400_000).toISOString();
  const byId = new Map<string, Post>();
  let afterId: string | undefined;
  for (;;) {
    const page = await store.posts.list({ since, limit: PAGE, afterId });
    if (page.length === 0) break;
    for (const p of page) byId.set(p.id, p);
    afterId = page[page.length - 1]!.id;
  }
  for (let i = 0; i < newlyScored.length; i += PAGE) {
    for (const p of await store.posts.getMany(newlyScored.slice(i, i + PAGE))) byId.set(p.id, p);
  }
  // Only clusters with members not read yet: one query per cluster of the window was 41,000 round
  // trips a tick at a million posts a year. Clusters the store counts as one post (not listed
  // here) hold just the post already read.
  const held = new Map<string, number>();
  for (const p of byId.values()) if (p.clusterId) held.set(p.clusterId, (held.get(p.clusterId) ?? 0) + 1);
  const clusterIds = (await store.clusters.list({ minSize: 2 })).filter((c) => c.size > (held.get(c.id) ?? c.size)).map((c) => c.id);
  for (const clusterId of clusterIds) {
    const missing = (await store.clusters.members(clusterId)).filter((id) => !byId.has(id));
    for (const p of await store.posts.getMany(missing)) byId.set(p.id, p);
  }
  return [...byId.values()];
}

async function toAnalyzed(store: Store, posts: Post[]): Promise<AnalyzedPost[]> {
  const out: AnalyzedPost[] = [];
  const signals = memoFor<CrisisSignal[]>('signals', null);
  for (let i = 0; i < posts.length; i += PAGE) {
    const chunk = posts.slice(i, i + PAGE);
    const scores = await store.scores.getMany(chunk.map((p) => p.id));
    for (const p of chunk) {
      const score = scores.get(p.id);
      if (!score) continue;
      out.push({
        id: p.id,
        source: p.source,
        author: p.author,
        title: p.title,
        at: p.publishedAt ?? p.fetchedAt,
        fetchedAt: p.fetchedAt,
        district: p.district,
        text: postText(p),
        clusterId: p.clusterId,
        score,
        // The same window posts come back every tick: their signals are kept per text (text-memo.ts).
        signals: signals.get(postText(p), detectCrisisSignals),
      });
    }
  }
  return out;
}

export async function analyzeStore(store: Store, options: AnalyzeOptions): Promise<AnalyzeSummary> {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const config = options.alertConfig ?? loadAlertConfig();
  const notifier = options.notify ?? createNotifier({ channels: [], log: () => {} });

  // A long-running process scores with what `minsheng train` wrote and the topic words as edited since its last run (analysis/weights.ts).
  const { reloaded, topicWordsError } = refreshModels();
  const scored = await scoreNewPosts(store, options.region, nowIso, options.review);
  const clustering = await (options.cluster ?? defaultCluster)(store);

  const analyzed = await toAnalyzed(store, await postsForRules(store, scored, config, now));
  const events = await (options.events ?? defaultEvents)(analyzed, options.region);
  const existing = await store.alerts.list({ limit: 100_000 });
  // A duty officer's merges and moves stick: applied to the events before the rules see them.
  const fixes = corrections(await store.alerts.overrides());
  const posts = applyCorrections(
    analyzed.map((p) => ({ ...p, eventId: events.get(p.id) ?? null })),
    existing,
    fixes,
  );
  const summary: AnalyzeSummary = {
    reloaded,
    topicWordsError,
    scored: scored.length,
    clusters: clustering.clusters,
    alerts: { raised: 0, escalated: 0, updated: 0 },
  };
  for (const evaluated of evaluateAlerts(posts, config, now)) {
    const target = matchAlert(evaluated, existing, fixes.mergedInto);
    const movedOut = target ? fixes.movedOut.get(target) : undefined;
    const input = movedOut ? { ...evaluated, postIds: evaluated.postIds.filter((id) => !movedOut.has(id)) } : evaluated;
    if (input.postIds.length === 0) continue;
    const { alert, change } = await raiseAlert(store, input, nowIso, target ?? undefined);
    // Later incidents of this run match the alert just raised too (two events that meet in one run).
    const at = existing.findIndex((a) => a.id === alert.id);
    if (at < 0) existing.push(alert);
    else existing[at] = alert;
    if (change === 'unchanged') continue;
    summary.alerts[change] += 1;
  }
  await notifyPending(store, notifier, now);
  return summary;
}

/** How long an unsent notice is retried on later runs; older ones are left to the console. */
const NOTIFY_RETRY_MS = 24 * 3600_000;

/** The highest level a 'notified' event records for the alert (note = "<level> <outcome>"), or null. */
function lastNotifiedLevel(events: { action: string; note: string | null }[]): AlertLevel | null {
  let best: AlertLevel | null = null;
  for (const e of events) {
    if (e.action !== 'notified') continue;
    const level = (e.note ?? '').split(' ')[0] as AlertLevel;
    if (ALERT_LEVELS.includes(level) && (best === null || levelRank(level) > levelRank(best))) best = level;
  }
  return best;
}

/**
 * At most one message per alert per level: what was sent is recorded as a 'notified' event in the
 * alert's history (so the console shows it, and a rerun, a crash after raising, or a second process
 * finds it). An open alert whose level is above the last notified one gets its message now; one that
 * failed or was held for quiet hours is not recorded, so the next run tries again — for a day after its
 * last change, which also keeps alerts raised before this rule existed from being announced twice.
 */
export async function notifyPending(store: Store, notifier: Notifier, now: Date): Promise<void> {
  const since = new Date(now.getTime() - NOTIFY_RETRY_MS).toISOString();
  const open = (await store.alerts.list({ status: [...OPEN_STATUSES], limit: 10_000 })).filter((a) => a.updatedAt >= since);
  for (const alert of open) {
    const events = await store.alerts.events(alert.id);
    const sent = lastNotifiedLevel(events);
    if (sent !== null && levelRank(alert.level) <= levelRank(sent)) continue;
    // Never announced before, and no raised event newer than the retry window: an old alert.
    const raisedAt = events
      .filter((e) => e.action === 'raised' || e.action === 'escalated' || e.action === 'reopened')
      .map((e) => e.at)
      .sort()
      .pop();
    if (!raisedAt || raisedAt < since) continue;
    const urls = new Map((await store.posts.getMany(alert.postIds)).map((p) => [p.id, p.url]));
    const outcome = await notifier.alert(alert, sent === null ? 'raised' : 'escalated', urls);
    if (outcome === 'held' || outcome === 'failed') continue;
    await store.alerts.transition(alert.id, { action: 'notified', actor: null, note: `${alert.level} ${outcome}`, at: now.toISOString() });
  }
}

/**
 * 蓝 (一般) alerts are not pushed one by one: once a day, the open ones touched in the last
 * 24 hours go out together as a digest.
 */
export async function sendDailyDigest(
  store: Store,
  notify: Notifier,
  options: { now?: Date; timeZone: string },
): Promise<{ count: number; outcome: NotifyOutcome }> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 86400_000).toISOString();
  const open = await store.alerts.list({ status: [...OPEN_STATUSES], limit: 10_000 });
  const blue = open.filter((a) => a.level === 'blue' && a.updatedAt >= since);
  const urls = new Map((await store.posts.getMany([...new Set(blue.flatMap((a) => a.postIds))])).map((p) => [p.id, p.url]));
  const outcome = await notify.digest(blue, localDate(now, options.timeZone), urls);
  return { count: blue.length, outcome };
}
