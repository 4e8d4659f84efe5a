// Why an alert was raised, as data: the rules (rules.ts) state each reason with its numbers and
// words, merging a spike into an incident reads those fields, and the words a duty officer reads are
// made once, by alertReasonText, at the edges (console, notifications, `minsheng alerts`, exports,
// history notes). Stored as JSON; rows written before reasons were structured hold sentences and
// read back as `text` reasons, shown as they were written.
import type { AlertLevel } from '../../store/types.ts';
import { topicLabel } from '../../shared/vocabulary.ts';
import { reasonText } from '../reasons.ts';
import type { CrisisKind } from '../severity.ts';
import { LEVEL_NAMES } from './labels.ts';

/** What raised a spike: negative posts of one topic, or of one district, in the last window. */
export interface Spike {
  dimension: 'topic' | 'district';
  /** The topic id (shown by its label) or the district's name. */
  subject: string;
  /** What the spike's posts say about crisis, when it changed (or capped) the spike's level. */
  crisis: SpikeCrisis | null;
}

export type SpikeCrisis =
  /** The posts meet the red conditions themselves. */
  | { kind: 'redCrowd'; people: number; sources: number; severity: number }
  /** Crisis words from at least the orange number of people. */
  | { kind: 'crisisCrowd'; people: number }
  /** Crisis words, but from too few people to lift the spike. */
  | { kind: 'crisisFewPeople'; people: number };

/** The rule that set an alert's level (analysis/alerts/rules.ts incidentLevel, burstLevel). */
export type LevelWhy =
  | { kind: 'crowdAcrossSources'; people: number; sources: number; severity: number }
  | { kind: 'crowdInCrisis'; people: number; severity: number }
  /** One post at crisis severity. */
  | { kind: 'crisisPost'; severity: number }
  | { kind: 'crowd'; people: number }
  | { kind: 'crisisSignal'; severity: number }
  | { kind: 'severity'; severity: number }
  | { kind: 'watchWords'; words: string[] }
  /** The incident grew by `posts` within `hours`. */
  | { kind: 'growth'; hours: number; posts: number }
  | { kind: 'spike'; spike: Spike };

export type AlertReason =
  | { kind: 'level'; level: AlertLevel; why: LevelWhy }
  /** The incident's size: posts, distinct people, sources. */
  | { kind: 'incident'; posts: number; people: number; sources: string[] }
  | { kind: 'negativeShare'; negative: number; posts: number }
  | { kind: 'signal'; crisis: CrisisKind; words: string[] }
  /** Watch words (config watchWords) found, by the level their list alerts at. */
  | { kind: 'watchList'; level: AlertLevel; words: string[] }
  /** The most frequent negative words and grievances across the posts. */
  | { kind: 'negativeWords'; words: string[] }
  /** A spike's count against the mean of the `windows` windows before (0: none before). */
  | { kind: 'spikeCount'; hours: number; count: number; windows: number; baselineMean: number }
  | { kind: 'spikePeople'; people: number; sources: string[] }
  /** Sources left out of a spike's counts because their collection broke down. */
  | { kind: 'outage'; sources: string[] }
  /** A spike made (partly) of this incident's posts; `incidentPosts` set when only some were. */
  | { kind: 'alsoSpike'; spike: Spike; incidentPosts?: number }
  /** The incidents already alerted on their own that a remaining spike holds, with how many of its posts each. */
  | { kind: 'listedIncidents'; incidents: { ruleKey: string; title: string; posts: number }[] }
  /** A reason stored as a sentence before alert reasons were structured. */
  | { kind: 'text'; text: string };

export type AlertReasonKind = AlertReason['kind'];

/** The reason of one kind, if the alert has it. */
export function findAlertReason<K extends AlertReasonKind>(reasons: readonly AlertReason[], kind: K): Extract<AlertReason, { kind: K }> | undefined {
  return reasons.find((r): r is Extract<AlertReason, { kind: K }> => r.kind === kind);
}

const list = (words: readonly string[]) => words.join('、');
const sourceList = (sources: readonly string[]) => `${sources.length} 个来源（${list(sources)}）`;

function spikeCrisisText(c: SpikeCrisis | null): string {
  if (!c) return '';
  switch (c.kind) {
    case 'redCrowd':
      return `，${c.people} 人在 ${c.sources} 个来源反映，且有严重度 ${c.severity} 的危机信号`;
    case 'crisisCrowd':
      return `，且 ${c.people} 人的帖子含危机信号`;
    case 'crisisFewPeople':
      return `（含危机信号，但只有 ${c.people} 位发帖人）`;
  }
}

/** 「欠薪/工资」负面帖子激增…, 「通川区」辖区负面帖子激增… */
export function spikeText(s: Spike): string {
  const what = s.dimension === 'topic' ? `「${topicLabel(s.subject)}」` : `「${s.subject}」辖区`;
  return `${what}负面帖子激增${spikeCrisisText(s.crisis)}`;
}

export function levelWhyText(w: LevelWhy): string {
  switch (w.kind) {
    case 'crowdAcrossSources':
      return `${w.people} 人在 ${w.sources} 个来源反映，且有严重度 ${w.severity} 的危机信号`;
    case 'crowdInCrisis':
      return `${w.people} 人反映同一事件，且有严重度 ${w.severity} 的危机信号`;
    case 'crisisPost':
      return `出现严重度 ${w.severity} 的帖子（危机）`;
    case 'crowd':
      return `${w.people} 人反映同一事件`;
    case 'crisisSignal':
      return `出现严重度 ${w.severity} 的危机信号`;
    case 'severity':
      return `严重度 ${w.severity}`;
    case 'watchWords':
      return `命中关注词：${list(w.words)}`;
    case 'growth':
      return `同一事件 ${w.hours} 小时内新增 ${w.posts} 条帖子`;
    case 'spike':
      return spikeText(w.spike);
  }
}

/** The reason as a duty officer reads it (the wording alerts have always had). */
export function alertReasonText(r: AlertReason): string {
  switch (r.kind) {
    case 'level':
      return `定级${LEVEL_NAMES[r.level]}：${levelWhyText(r.why)}`;
    case 'incident':
      return `同一事件 ${r.posts} 条帖子、${r.people} 位发帖人、${sourceList(r.sources)}`;
    case 'negativeShare':
      return `负面帖子 ${r.negative}/${r.posts} 条`;
    case 'signal':
      return reasonText({ kind: 'crisis', crisis: r.crisis, words: r.words });
    case 'watchList':
      return `关注词（${LEVEL_NAMES[r.level]}）：${list(r.words)}`;
    case 'negativeWords':
      return reasonText({ kind: 'negativeWords', words: r.words, negatedPositive: [] });
    case 'spikeCount': {
      const baseline =
        r.baselineMean > 0
          ? `是前 ${r.windows} 个同长时段均值 ${r.baselineMean.toFixed(1)} 条的 ${(r.count / r.baselineMean).toFixed(1)} 倍`
          : `前 ${r.windows} 个同长时段没有同类负面帖子`;
      return `${r.hours} 小时内 ${r.count} 条，${baseline}`;
    }
    case 'spikePeople':
      return `${r.people} 位发帖人、${sourceList(r.sources)}`;
    case 'outage':
      return `未计入采集不完整的来源：${list(r.sources)}`;
    case 'alsoSpike':
      return `同时：${spikeText(r.spike)}${r.incidentPosts === undefined ? '' : `（其中本事件 ${r.incidentPosts} 条）`}`;
    case 'listedIncidents':
      return `其中已单独预警的事件：${r.incidents.map((i) => `「${i.title}」${i.posts} 条`).join('；')}（帖子不在本条重复列出）`;
    case 'text':
      return r.text;
  }
}

/**
 * Alert reasons as read back from storage: structured ones as they are; sentences written before
 * reasons were structured are kept as text (nothing reads data out of an old alert's reasons: the
 * rules recompute them from the posts on the next run).
 */
export function readAlertReasons(stored: unknown): AlertReason[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((r): AlertReason[] => {
    if (typeof r === 'string') return [{ kind: 'text', text: r }];
    if (typeof r === 'object' && r !== null && typeof (r as { kind?: unknown }).kind === 'string') return [r as AlertReason];
    return [];
  });
}
