// 居民在问: what residents ask on the boards, by matter. Neutral posts that are questions
// (请问、怎么办、能不能…), grouped by the scored topic, counted over the last 7 and 30 days with the
// week-on-week trend, a few examples (masked again before display), and the explainer that answers
// the matter — or none yet.
import { maskPersonalData } from '../crawler/mask.ts';

/** Words and marks that make a post a question rather than a complaint or a report. */
const QUESTION = /[？?]|请问|咨询|怎么|怎样|如何|能不能|可不可以|可以吗|是否|多少|多久|几个月|几年|有没有|哪里|哪儿|什么时候|需要什么|要什么材料|吗[。！!]?$/m;

export function isQuestion(title: string, body: string): boolean {
  return QUESTION.test(title) || QUESTION.test(body.slice(0, 300));
}

/**
 * Which explainer topics answer which scored topic. The explainers' `topic` is the front-matter
 * field publicity staff write (养老保险, 劳动关系 …); the scorer's topics are ids (analysis/topic.ts).
 */
export const MATTER_TOPICS: Record<string, string[]> = {
  wages: ['欠薪', '劳动关系'],
  pension: ['养老保险'],
  social_insurance: ['养老保险', '医疗保险', '社会保险'],
  unemployment: ['失业保险'],
  work_injury: ['工伤保险'],
  labor_dispute: ['劳动关系'],
  employment_training: ['就业创业'],
  social_security_card: ['社保卡'],
  online_service: [],
  service_attitude: [],
  other: [],
};

export interface QuestionPost {
  id: string;
  title: string;
  body: string;
  url: string;
  at: string;
  topic: string;
  sentiment: string;
}

export interface MatterGroup {
  topic: string;
  last7: number;
  last30: number;
  /** The 7 days before the last 7, for the trend. */
  previous7: number;
  trend: 'up' | 'down' | 'flat';
  examples: { id: string; title: string; url: string; at: string }[];
  /** Explainers whose topic answers this matter (ids). */
  explainers: string[];
}

export function groupQuestions(posts: QuestionPost[], explainers: { id: string; topic: string | null }[], now: Date, examplesPerGroup = 3): MatterGroup[] {
  const t = now.getTime();
  const ago = (days: number) => new Date(t - days * 86_400_000).toISOString();
  const [d7, d14, d30] = [ago(7), ago(14), ago(30)];
  const groups = new Map<string, MatterGroup>();
  const newestFirst = [...posts].sort((a, b) => b.at.localeCompare(a.at));
  for (const p of newestFirst) {
    if (p.sentiment !== 'neutral' || p.at < d30 || p.at > now.toISOString() || !isQuestion(p.title, p.body)) continue;
    const g =
      groups.get(p.topic) ??
      ({
        topic: p.topic,
        last7: 0,
        last30: 0,
        previous7: 0,
        trend: 'flat',
        examples: [],
        explainers: explainers.filter((e) => e.topic && (MATTER_TOPICS[p.topic] ?? [p.topic]).includes(e.topic)).map((e) => e.id),
      } satisfies MatterGroup);
    g.last30++;
    if (p.at >= d7) g.last7++;
    else if (p.at >= d14) g.previous7++;
    if (g.examples.length < examplesPerGroup) g.examples.push({ id: p.id, title: maskPersonalData(p.title), url: p.url, at: p.at });
    groups.set(p.topic, g);
  }
  for (const g of groups.values()) g.trend = g.last7 > g.previous7 ? 'up' : g.last7 < g.previous7 ? 'down' : 'flat';
  return [...groups.values()].sort((a, b) => b.last7 - a.last7 || b.last30 - a.last30);
}

/** A new draft's body prefilled with what residents asked and the glossary terms of the matter. */
export function draftFromQuestions(group: MatterGroup, topicLabel: string, glossaryTerms: string[]): string {
  const questions = group.examples.map((e) => `- ${e.title}`).join('\n');
  return [
    '---',
    `title: ${topicLabel}怎么办`,
    'summary: 一句话说清楚谁能办、能得到什么。',
    'audience: 写给谁',
    'benefit: 能得到什么',
    `topic: ${MATTER_TOPICS[group.topic]?.[0] ?? topicLabel}`,
    'sources:',
    '  - title: 文件全称',
    '    confidence: unverified',
    `effectiveFrom: ${new Date().toISOString().slice(0, 10)}`,
    `reviewBy: ${new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10)}`,
    'steps:',
    '  materials:',
    '    - 身份证',
    '  where: 去哪里办',
    '  howLong: 多久办好',
    '  online: 网上怎么办',
    'keyPoints:',
    '  - 要点一',
    '  - 要点二',
    '  - 要点三',
    `glossary: [${glossaryTerms.join(', ')}]`,
    '---',
    '',
    '## 居民在问',
    '',
    '<!-- 近 30 天留言板上居民问得最多的（发布前请删掉这一节，在正文里逐一回答） -->',
    questions,
    '',
  ].join('\n');
}
