// Severity 0..3 from crisis signals: group action, extreme acts, casualties, media exposure and
// repeated unanswered complaints. Pure; each signal names the words that triggered it.
import { NOT_CRISIS } from './lexicon.ts';
import type { Severity } from '../store/types.ts';

export type CrisisKind = 'extreme' | 'safety' | 'group' | 'media' | 'repeat';

export const CRISIS_LABELS: Record<CrisisKind, string> = {
  extreme: '极端',
  safety: '安全',
  group: '群体性',
  media: '媒体',
  repeat: '重复投诉',
};

interface SignalRule {
  kind: CrisisKind;
  level: Severity;
  words: readonly string[];
  patterns?: readonly RegExp[];
}

const RULES: readonly SignalRule[] = [
  {
    kind: 'extreme',
    level: 3,
    words: ['跳楼', '自杀', '轻生', '以死相逼', '寻短见', '喝农药', '自焚', '不想活了', '活不下去', '爬上塔吊', '爬塔吊', '同归于尽'],
  },
  { kind: 'safety', level: 3, words: ['死亡', '身亡', '伤亡', '遇难', '丧命', '致死', '出人命'] },
  { kind: 'safety', level: 2, words: ['安全事故', '重伤', '坍塌', '砸伤', '烧伤'] },
  {
    kind: 'group',
    level: 2,
    words: ['聚集', '堵路', '堵门', '围堵', '拉横幅', '举横幅', '上访', '集体', '群体', '静坐', '罢工', '停工讨薪', '冲突', '打人', '闹事', '讨说法'],
    // "几十个工人", "30多名农民工", "上百人": a crowd is itself a signal.
    patterns: [/(几十|数十|上百|好几十|[二三四五六七八九]十|[1-9]\d)[多余几]?[个名号位]?(人|工人|农民工|工友|员工|职工|家属|群众)/u],
  },
  { kind: 'media', level: 1, words: ['曝光', '记者', '媒体', '热搜', '抖音', '微博上', '网上发', '舆论', '电视台', '发到网上'] },
  {
    kind: 'repeat',
    level: 1,
    words: ['多次反映', '反映多次', '多次投诉', '反复反映', '屡次', '一直没人管', '投诉无门', '讨薪无门', '反映了好几次', '投诉了好几次', '找了好几次', '跑了好几趟', '一年多了', '石沉大海'],
  },
];

export interface CrisisSignal {
  kind: CrisisKind;
  level: Severity;
  words: string[];
}

function maskNonCrisis(text: string): string {
  let out = text;
  for (const w of NOT_CRISIS) out = out.split(w).join('＿'.repeat(w.length));
  return out;
}

/** "我们不想闹事", "没有上访": a crisis word right after one of these is a denial, not a signal. */
const DENIED_BEFORE = /(不想|不会|不愿|不愿意|不要|不打算|不准备|不敢|没有|没|不是|并非|并没有|避免|防止|绝不)$/;

/** The word occurs at least once without a denial right before it. */
function occursAffirmed(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!DENIED_BEFORE.test(text.slice(Math.max(0, at - 4), at))) return true;
  }
  return false;
}

export function detectCrisisSignals(text: string): CrisisSignal[] {
  const t = maskNonCrisis(text);
  const byKind = new Map<CrisisKind, CrisisSignal>();
  for (const rule of RULES) {
    const words = rule.words.filter((w) => occursAffirmed(t, w));
    for (const p of rule.patterns ?? []) {
      const m = t.match(p);
      if (m) words.push(m[0]);
    }
    if (!words.length) continue;
    const cur = byKind.get(rule.kind);
    if (!cur) byKind.set(rule.kind, { kind: rule.kind, level: rule.level, words });
    else {
      cur.level = Math.max(cur.level, rule.level) as Severity;
      cur.words.push(...words.filter((w) => !cur.words.includes(w)));
    }
  }
  return [...byKind.values()];
}

/**
 * The strongest signal's level; a crowd that has also reached the media (or keeps being ignored
 * while gathering with media attention) is the kind of incident that spreads, so it rises to 3.
 */
export function severityOf(signals: CrisisSignal[]): Severity {
  let level = 0;
  for (const s of signals) level = Math.max(level, s.level);
  const kinds = new Set(signals.map((s) => s.kind));
  if (kinds.has('group') && kinds.has('media')) level = Math.max(level, 3);
  else if (kinds.has('media') && kinds.has('repeat')) level = Math.max(level, 2);
  return level as Severity;
}

export function severityReasons(signals: CrisisSignal[]): string[] {
  return signals.map((s) => `危机信号（${CRISIS_LABELS[s.kind]}）：${s.words.join('、')}`);
}
