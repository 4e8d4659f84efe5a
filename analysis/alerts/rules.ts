// The alert rules: pure functions from scored posts (with their clusters) to alerts. Two kinds:
// an incident (one cluster of near-duplicate posts, or one post on its own) graded by how many
// people, sources and which crisis signals; and a burst (a topic's negative posts in the last
// window against the windows before). Every alert says why, in words a duty officer can check.
import type { AlertInput, AlertLevel, ScoreResult } from '../../store/types.ts';
import { LEVEL_ORDER, levelRank as rank } from '../../shared/vocabulary.ts';
import type { CrisisKind, CrisisSignal } from '../severity.ts';
import { OTHER_TOPIC, topicLabel } from '../topic.ts';
import type { AlertConfig } from './config.ts';
import { isDeepStrictEqual } from 'node:util';
import { negativeWordList } from '../reasons.ts';
import type { AlertReason, LevelWhy, Spike, SpikeCrisis } from './reasons.ts';

export { LEVEL_NAMES } from './labels.ts';

/** What the rules need to know about one post. */
export interface AnalyzedPost {
  id: string;
  source: string;
  author: string | null;
  title: string;
  /** publishedAt, else fetchedAt (ISO 8601). */
  at: string;
  clusterId: string | null;
  /**
   * The incident (analysis/dedupe/events.ts, after a duty officer's corrections): posts worded
   * differently about the same site or employer. Null or absent: the near-duplicate cluster is the incident.
   */
  eventId?: string | null;
  score: ScoreResult;
  signals: CrisisSignal[];
  /** When the crawler stored it (ISO 8601); measures collection for the outage gate. Default: `at`. */
  fetchedAt?: string;
  district?: string | null;
  /** Title and body, for the watch-word lists. Default: the title. */
  text?: string;
}

export interface IncidentStats {
  posts: number;
  /** Distinct authors; posts without an author count as one person each. */
  people: number;
  /** People among them whose post complains (negative, or severity 1 and up): who grades the incident. */
  complainants: number;
  sources: string[];
  negativePosts: number;
  maxSeverity: number;
  signals: Map<CrisisKind, Set<string>>;
  firstSeen: string;
  lastSeen: string;
  /** Posts whose time falls in the last cluster.windowHours before now. */
  recentPosts: number;
  /** Watch words found, by the level their list alerts at. */
  watchHits: Map<AlertLevel, Set<string>>;
}

const higher = (a: AlertLevel | null, b: AlertLevel | null) => (a === null ? b : b === null ? a : rank(a) >= rank(b) ? a : b);

/** The watch words (config watchWords) in one text, by level. Literal substrings: staff write the exact phrases. */
export function watchWordHits(text: string, config: AlertConfig): Map<AlertLevel, Set<string>> {
  const hits = new Map<AlertLevel, Set<string>>();
  for (const list of config.watchWords) {
    for (const word of list.words) {
      if (!text.includes(word)) continue;
      const words = hits.get(list.level) ?? new Set<string>();
      words.add(word);
      hits.set(list.level, words);
    }
  }
  return hits;
}

function countPeople(posts: AnalyzedPost[]): number {
  const authors = new Set(posts.map((p) => p.author?.trim()).filter((a): a is string => !!a));
  return authors.size + posts.filter((p) => !p.author?.trim()).length;
}

export function incidentStats(posts: AnalyzedPost[], config: AlertConfig, now?: Date): IncidentStats {
  const authors = new Set<string>();
  let anonymous = 0;
  const signals = new Map<CrisisKind, Set<string>>();
  for (const p of posts) {
    if (p.author && p.author.trim()) authors.add(p.author.trim());
    else anonymous += 1;
    for (const s of p.signals) {
      const words = signals.get(s.kind) ?? new Set<string>();
      s.words.forEach((w) => words.add(w));
      signals.set(s.kind, words);
    }
  }
  const times = posts.map((p) => p.at).sort();
  const end = now?.getTime() ?? Date.parse(times[times.length - 1] ?? '');
  const start = end - config.cluster.windowHours * 3600_000;
  const recentPosts = posts.filter((p) => {
    const t = Date.parse(p.at);
    return t > start && t <= end;
  }).length;
  const watchHits = new Map<AlertLevel, Set<string>>();
  for (const p of posts) {
    for (const [level, words] of watchWordHits(p.text ?? p.title, config)) {
      const all = watchHits.get(level) ?? new Set<string>();
      words.forEach((w) => all.add(w));
      watchHits.set(level, all);
    }
  }
  return {
    posts: posts.length,
    people: authors.size + anonymous,
    complainants: countPeople(posts.filter((p) => p.score.negative >= config.negativeThreshold || p.score.severity >= 1)),
    sources: [...new Set(posts.map((p) => p.source))].sort(),
    negativePosts: posts.filter((p) => p.score.negative >= config.negativeThreshold).length,
    maxSeverity: Math.max(0, ...posts.map((p) => p.score.severity)),
    signals,
    firstSeen: times[0] ?? '',
    lastSeen: times[times.length - 1] ?? '',
    recentPosts,
    watchHits,
  };
}

/** The level from people, sources and severity alone (null: none). */
function crowdLevel(stats: IncidentStats, config: AlertConfig): { level: AlertLevel; why: LevelWhy } | null {
  const { blue, yellow, orange, red } = config.levels;
  // People who only ask or thank do not make an incident bigger: five people asking the same calm
  // question, one of whom scores severity 2, are one person's matter, not a five-person incident.
  const s = { ...stats, people: stats.complainants };
  // Nothing negative and no serious signal: thanks and questions never alert (a calm report of a
  // serious matter does, at the level its severity reaches).
  if (s.negativePosts === 0 && s.maxSeverity < Math.min(yellow.minSeverity, blue.minSeverity)) return null;
  if (s.people >= red.minPeople && s.sources.length >= red.minSources && s.maxSeverity >= red.minSeverity) {
    return { level: 'red', why: { kind: 'crowdAcrossSources', people: s.people, sources: s.sources.length, severity: s.maxSeverity } };
  }
  if (s.people >= orange.minPeople && s.maxSeverity >= orange.minSeverityWithPeople) {
    return { level: 'orange', why: { kind: 'crowdInCrisis', people: s.people, severity: s.maxSeverity } };
  }
  if (s.maxSeverity >= orange.minSeverity) return { level: 'orange', why: { kind: 'crisisPost', severity: s.maxSeverity } };
  if (s.people >= yellow.minPeople) return { level: 'yellow', why: { kind: 'crowd', people: s.people } };
  if (s.maxSeverity >= yellow.minSeverity) return { level: 'yellow', why: { kind: 'crisisSignal', severity: s.maxSeverity } };
  if (s.maxSeverity >= blue.minSeverity) return { level: 'blue', why: { kind: 'severity', severity: s.maxSeverity } };
  if (s.people >= blue.minPeople) return { level: 'blue', why: { kind: 'crowd', people: s.people } };
  return null;
}

/**
 * The level an incident reaches and the rule that put it there (null: no alert): the highest of
 * the crowd/severity grading, a watch word (alerts even on a calm post: staff chose those words),
 * and a cluster growing past cluster.growthPosts within cluster.windowHours (only with a negative post,
 * so many people asking the same polite question never alert).
 */
export function incidentLevel(s: IncidentStats, config: AlertConfig): { level: AlertLevel; why: LevelWhy } | null {
  const candidates: { level: AlertLevel; why: LevelWhy }[] = [];
  const crowd = crowdLevel(s, config);
  if (crowd) candidates.push(crowd);
  for (const level of LEVEL_ORDER) {
    const words = s.watchHits.get(level);
    if (words?.size) {
      candidates.push({ level, why: { kind: 'watchWords', words: [...words] } });
      break;
    }
  }
  if (s.negativePosts > 0 && s.recentPosts >= config.cluster.growthPosts) {
    candidates.push({ level: config.cluster.level, why: { kind: 'growth', hours: config.cluster.windowHours, posts: s.recentPosts } });
  }
  // Highest level wins; on a tie the earlier (crowd, then watch word) explains it.
  let best: { level: AlertLevel; why: LevelWhy } | null = null;
  for (const c of candidates) if (!best || rank(c.level) > rank(best.level)) best = c;
  return best;
}

function watchReasons(hits: Map<AlertLevel, Set<string>>): AlertReason[] {
  return LEVEL_ORDER.filter((l) => hits.get(l)?.size).map((level) => ({ kind: 'watchList', level, words: [...hits.get(level)!] }));
}

function signalReasons(signals: Map<CrisisKind, Set<string>>): AlertReason[] {
  return [...signals.entries()].map(([crisis, words]) => ({ kind: 'signal', crisis, words: [...words].slice(0, 6) }));
}

/** The most frequent negative words and grievances (投诉情形) across the posts' score reasons. */
function topNegativeWords(posts: AnalyzedPost[], limit = 6): string[] {
  const counts = new Map<string, number>();
  for (const p of posts) {
    for (const r of p.score.reasons) {
      const words = r.kind === 'negativeWords' ? negativeWordList(r) : r.kind === 'grievances' ? r.labels : [];
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([w]) => w);
}

function shorten(text: string, max = 40): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return [...t].length > max ? [...t].slice(0, max).join('') + '…' : t;
}

function incidentTitle(posts: AnalyzedPost[]): string {
  const first = [...posts].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))[0]!;
  const title = shorten(first.title || '（无标题）');
  return posts.length > 1 ? `${title} 等 ${posts.length} 条` : title;
}

/** The incident a post belongs to: its event, else its near-duplicate cluster, else itself. */
function incidentKey(p: AnalyzedPost): string {
  if (p.eventId) return `event:${p.eventId}`;
  return p.clusterId ? `cluster:${p.clusterId}` : `post:${p.id}`;
}

/**
 * The rule key of an incident's alert: `post:<id>` for a post alone, `cluster:<id>` when the incident
 * is one near-duplicate cluster (as before events existed, so those alerts stay attached), else
 * `event:<id>`. Which stored alert it continues is decided by analysis/alerts/merge.ts matchAlert.
 */
function incidentRuleKey(key: string, members: AnalyzedPost[]): string {
  if (members.length === 1 && !members[0]!.clusterId) return `post:${members[0]!.id}`;
  const clusters = new Set(members.map((m) => m.clusterId));
  if (clusters.size === 1 && members[0]!.clusterId) return `cluster:${members[0]!.clusterId}`;
  return key;
}

/** One alert per incident that reaches a level: a severe post inside an incident raises that incident's alert, never its own. */
export function incidentAlerts(posts: AnalyzedPost[], config: AlertConfig, now?: Date): AlertInput[] {
  const byIncident = new Map<string, AnalyzedPost[]>();
  for (const p of posts) {
    const key = incidentKey(p);
    const list = byIncident.get(key) ?? [];
    list.push(p);
    byIncident.set(key, list);
  }
  const groups = new Map<string, AnalyzedPost[]>();
  for (const [key, members] of byIncident) groups.set(incidentRuleKey(key, members), members);
  const alerts: AlertInput[] = [];
  for (const [ruleKey, members] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const stats = incidentStats(members, config, now);
    const graded = incidentLevel(stats, config);
    if (!graded) continue;
    const reasons: AlertReason[] = [{ kind: 'level', level: graded.level, why: graded.why }];
    if (members.length > 1) reasons.push({ kind: 'incident', posts: stats.posts, people: stats.people, sources: stats.sources });
    reasons.push({ kind: 'negativeShare', negative: stats.negativePosts, posts: stats.posts });
    reasons.push(...signalReasons(stats.signals));
    reasons.push(...watchReasons(stats.watchHits));
    const words = topNegativeWords(members);
    if (words.length) reasons.push({ kind: 'negativeWords', words });
    alerts.push({
      ruleKey,
      level: graded.level,
      title: incidentTitle(members),
      reasons,
      postIds: members.map((p) => p.id).sort(),
      sources: stats.sources,
      firstSeen: stats.firstSeen,
      lastSeen: stats.lastSeen,
    });
  }
  return alerts;
}

/** yyyy-mm-dd of an instant in the configured time zone (China has no DST, but a deployment may be elsewhere). */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type BurstDimension = 'topic' | 'district';

export interface BurstStats {
  /** The topic or the district, by `dimension`. */
  topic: string;
  count: number;
  baselineMean: number;
  /** How many windows before the current one the baseline covers (the data may begin later than baselineWindows back). */
  windows: number;
  ratio: number;
  postIds: string[];
}

/** Which window an instant falls in: 0 = the current one, 1 = the one before…; null = in the future or unparsable. */
function windowIndex(at: string, end: number, windowMs: number): number | null {
  const t = Date.parse(at);
  if (Number.isNaN(t) || t > end) return null;
  return Math.floor((end - t) / windowMs);
}

/**
 * Sources whose collection broke down in some window of the burst comparison. A burst compares
 * counts, so it is only as good as the crawl: a source that was down in the baseline windows makes
 * the baseline too low, and one that catches up after an outage piles posts without a publish date
 * into the current window — both look like a spike that never happened. We judge collection by the
 * crawl outcome itself — how many posts each source fetched (fetchedAt) per window against its own
 * median over the compared windows — because that is recorded for every post and needs no separate
 * crawl log. A window with fewer than burst.outageShare × median fetched posts marks the source;
 * sources whose median is below burst.outageMinExpected are too quiet to judge and are never marked.
 */
export function underCollectedSources(posts: AnalyzedPost[], config: AlertConfig, now: Date): Map<string, number[]> {
  const { windowHours, baselineWindows, outageShare, outageMinExpected } = config.burst;
  const windowMs = windowHours * 3600_000;
  const end = now.getTime();
  const fetched = new Map<string, number[]>();
  for (const p of posts) {
    const k = windowIndex(p.fetchedAt ?? p.at, end, windowMs);
    if (k === null || k > baselineWindows) continue;
    const counts = fetched.get(p.source) ?? new Array<number>(baselineWindows + 1).fill(0);
    counts[k]! += 1;
    fetched.set(p.source, counts);
  }
  const out = new Map<string, number[]>();
  for (const [source, counts] of fetched) {
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    if (median < outageMinExpected) continue;
    const short = counts.flatMap((n, k) => (n < outageShare * median ? [k] : []));
    if (short.length) out.set(source, short);
  }
  return out;
}

/**
 * Negative posts per topic (or per district) in the last window against the mean of the windows
 * before it. Posts of other departments (topic 其他) never count; for districts, posts without one are left out.
 */
export function burstStats(posts: AnalyzedPost[], config: AlertConfig, now: Date, dimension: BurstDimension = 'topic'): BurstStats[] {
  const { windowHours, baselineWindows, floorMean } = config.burst;
  const windowMs = windowHours * 3600_000;
  const end = now.getTime();
  // The baseline is the windows the data covers: before the earliest post (of any topic) the
  // monitor saw nothing, which is not the same as zero posts. A feed holding only the last three days
  // would otherwise make every busy topic a spike against four empty days. With no earlier post at
  // all, every window counts (a first spike on a new board still alerts, against the floor).
  const earliest = Math.min(...posts.map((p) => Date.parse(p.at)).filter((t) => !Number.isNaN(t)));
  const seen = Math.min(baselineWindows, Math.max(0, Math.ceil((end - windowMs - earliest) / windowMs)));
  const covered = seen === 0 ? baselineWindows : seen;
  const byTopic = new Map<string, { current: AnalyzedPost[]; previous: number[] }>();
  for (const p of posts) {
    if (p.score.topic === OTHER_TOPIC || p.score.negative < config.negativeThreshold) continue;
    const key = dimension === 'topic' ? p.score.topic : p.district;
    if (!key) continue;
    const k = windowIndex(p.at, end, windowMs);
    if (k === null || k > baselineWindows) continue;
    const entry = byTopic.get(key) ?? { current: [], previous: new Array<number>(baselineWindows).fill(0) };
    if (k === 0) entry.current.push(p);
    else entry.previous[k - 1]! += 1;
    byTopic.set(key, entry);
  }
  return [...byTopic.entries()]
    .filter(([, e]) => e.current.length > 0)
    .map(([topic, e]) => {
      const baselineMean = e.previous.slice(0, covered).reduce((a, b) => a + b, 0) / covered;
      return {
        topic,
        count: e.current.length,
        baselineMean,
        windows: covered,
        ratio: e.current.length / Math.max(baselineMean, floorMean),
        postIds: e.current.map((p) => p.id).sort(),
      };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic));
}

/**
 * The level of a burst, graded like an incident so the two never disagree: the burst alone is
 * burst.level (at most yellow); with crisis words (severity that lifts a crowd to orange) from at least
 * the orange number of people, burst.crisisLevel (at most orange); red only when the posts meet the
 * red conditions themselves (people, sources, severity).
 */
export function burstLevel(stats: IncidentStats, config: AlertConfig): { level: AlertLevel; crisis: SpikeCrisis | null } {
  const { orange, red } = config.levels;
  if (stats.people >= red.minPeople && stats.sources.length >= red.minSources && stats.maxSeverity >= red.minSeverity) {
    return { level: 'red', crisis: { kind: 'redCrowd', people: stats.people, sources: stats.sources.length, severity: stats.maxSeverity } };
  }
  if (stats.maxSeverity >= orange.minSeverityWithPeople && stats.people >= orange.minPeople) {
    return { level: higher(config.burst.level, config.burst.crisisLevel)!, crisis: { kind: 'crisisCrowd', people: stats.people } };
  }
  return {
    level: config.burst.level,
    crisis: stats.maxSeverity >= orange.minSeverityWithPeople ? { kind: 'crisisFewPeople', people: stats.people } : null,
  };
}

export function burstAlerts(posts: AnalyzedPost[], config: AlertConfig, now: Date): AlertInput[] {
  const { windowHours, minCount, ratio } = config.burst;
  const byId = new Map(posts.map((p) => [p.id, p]));
  // No alarm from a broken crawl: the under-collected sources' posts are left out of every count.
  const outages = underCollectedSources(posts, config, now);
  const counted = posts.filter((p) => !outages.has(p.source));
  const outageNote: AlertReason[] = outages.size ? [{ kind: 'outage', sources: [...outages.keys()].sort() }] : [];
  const alerts: AlertInput[] = [];
  const districtAlerts: AlertInput[] = [];
  const found = [
    ...burstStats(counted, config, now, 'topic').map((b) => ({ ...b, dimension: 'topic' as const })),
    ...burstStats(counted, config, now, 'district').map((b) => ({ ...b, dimension: 'district' as const })),
  ];
  for (const b of found) {
    if (b.count < minCount || b.ratio < ratio) continue;
    const members = b.postIds.map((id) => byId.get(id)!);
    const stats = incidentStats(members, config);
    const { level, crisis } = burstLevel(stats, config);
    const what = b.dimension === 'topic' ? `「${topicLabel(b.topic)}」` : `「${b.topic}」辖区`;
    const spike: Spike = { dimension: b.dimension, subject: b.topic, crisis };
    const reasons: AlertReason[] = [
      { kind: 'level', level, why: { kind: 'spike', spike } },
      { kind: 'spikeCount', hours: windowHours, count: b.count, windows: b.windows, baselineMean: b.baselineMean },
      { kind: 'spikePeople', people: stats.people, sources: stats.sources },
      ...signalReasons(stats.signals),
      ...outageNote,
    ];
    const words = topNegativeWords(members);
    if (words.length) reasons.push({ kind: 'negativeWords', words });
    (b.dimension === 'topic' ? alerts : districtAlerts).push({
      // Topic keys keep their original form (burst:<topic>:<day>) so existing alerts stay attached.
      ruleKey: `${b.dimension === 'topic' ? 'burst' : 'burst:district'}:${b.topic}:${localDate(now, config.timezone)}`,
      level,
      title: `${what}负面帖子激增：${windowHours} 小时内 ${b.count} 条`,
      reasons,
      postIds: b.postIds,
      sources: stats.sources,
      firstSeen: stats.firstSeen,
      lastSeen: stats.lastSeen,
    });
  }
  // A district spike made of the same posts as a topic spike is one event seen twice: one alert.
  return mergeBurstsIntoIncidents(alerts, districtAlerts, config);
}

/** The spike a burst alert reports, from its level reason (burstAlerts always gives one). */
function burstSpike(burst: AlertInput): Spike {
  const graded = burst.reasons.find((r) => r.kind === 'level');
  if (graded?.why.kind !== 'spike') throw new Error(`激增预警 ${burst.ruleKey} 没有激增定级原因`);
  return graded.why.spike;
}

/**
 * A spike made mostly of one incident's posts is that incident growing, not a second event: the
 * duty officer gets one alert, with the spike among its reasons (and its level, if higher).
 */
export function mergeBurstsIntoIncidents(incidents: AlertInput[], bursts: AlertInput[], config: AlertConfig): AlertInput[] {
  const merged = incidents.map((a) => ({ ...a, reasons: [...a.reasons] }));
  const standalone: AlertInput[] = [];
  const addReason = (target: AlertInput, reason: AlertReason) => {
    if (!target.reasons.some((r) => isDeepStrictEqual(r, reason))) target.reasons.push(reason);
  };
  for (const burst of bursts) {
    let best: { alert: AlertInput; share: number } | null = null;
    const owners = new Map<AlertInput, number>();
    for (const incident of merged) {
      const inIncident = new Set(incident.postIds);
      const shared = burst.postIds.filter((id) => inIncident.has(id)).length;
      if (shared > 0) owners.set(incident, shared);
      const share = shared / burst.postIds.length;
      if (share >= config.burst.mergeShare && (!best || share > best.share)) best = { alert: incident, share };
    }
    const spike = burstSpike(burst);
    if (best) {
      const target = best.alert;
      // A topic spike and a district spike made of the same posts say the same count: say it once.
      const counts = burst.reasons.filter((r) => r.kind === 'spikeCount');
      for (const reason of [{ kind: 'alsoSpike', spike } as const, ...counts]) addReason(target, reason);
      if (rank(burst.level) > rank(target.level)) {
        target.level = burst.level;
        // The level reason comes first; the spike now explains the level.
        const graded: AlertReason = { kind: 'level', level: burst.level, why: { kind: 'spike', spike } };
        if (target.reasons[0]?.kind === 'level') target.reasons[0] = graded;
        else target.reasons.unshift(graded);
      }
      continue;
    }
    const alerted = new Set([...owners.keys()].flatMap((a) => a.postIds));
    const rest = burst.postIds.filter((id) => !alerted.has(id));
    // Mostly posts of incidents already alerted, or too few others left to be a spike by themselves:
    // the spike is those incidents growing; each says so, and no alert repeats their posts.
    if (rest.length < config.burst.minCount || (burst.postIds.length - rest.length) / burst.postIds.length >= config.burst.mergeShare) {
      for (const [incident, shared] of owners) addReason(incident, { kind: 'alsoSpike', spike, incidentPosts: shared });
      continue;
    }
    // A spike that remains lists its incidents instead of repeating their posts.
    const listed = [...owners.entries()].sort((a, b) => b[1] - a[1]).map(([a, posts]) => ({ ruleKey: a.ruleKey, title: a.title, posts }));
    standalone.push({
      ...burst,
      postIds: rest,
      reasons: listed.length ? [...burst.reasons, { kind: 'listedIncidents', incidents: listed }] : burst.reasons,
    });
  }
  return [...merged, ...standalone];
}

/** All alerts the rules raise for these posts at this moment. */
export function evaluateAlerts(posts: AnalyzedPost[], config: AlertConfig, now: Date): AlertInput[] {
  // A fixed order makes word lists and titles independent of how the store returned the posts.
  const ordered = [...posts].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return mergeBurstsIntoIncidents(incidentAlerts(ordered, config, now), burstAlerts(ordered, config, now), config);
}
