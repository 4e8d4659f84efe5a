// Severity 0..3, by the bureau's definitions (issue 6). Severity is not negativity: a calm report
// that 80 workers are unpaid is 2, a furious one-person complaint is 1.
//   1 an ordinary complaint (negative, or a grievance stated as fact);
//   2 strong or urgent: repeated or long unresolved, many people affected, threats of media exposure,
//     serious injury or death at work, retaliation after complaining;
//   3 crisis: self-harm threats, violence (a wage claimant beaten), gatherings, blocking roads or gates,
//     banners, collective petitions, conditional threats ("再不给钱就只能去县政府了").
// Pure; each signal names the words that triggered it, for the duty officer.
import { NOT_CRISIS } from './lexicon.ts';
import type { Severity } from '../store/types.ts';

export type CrisisKind =
  | 'extreme'
  | 'violence'
  | 'group'
  | 'threat'
  | 'safety'
  | 'crowd'
  | 'media'
  | 'repeat'
  | 'retaliation';

export const CRISIS_LABELS: Record<CrisisKind, string> = {
  extreme: '极端',
  violence: '暴力',
  group: '群体性',
  threat: '扬言',
  safety: '伤亡',
  crowd: '涉及人多',
  media: '媒体',
  repeat: '重复投诉/久拖未决',
  retaliation: '打击报复',
};

interface SignalRule {
  kind: CrisisKind;
  level: Severity;
  words: readonly string[];
  patterns?: readonly RegExp[];
}

/** Up to the end of a sentence: a condition and its threat sit in one sentence. */
const S = '[^。！？!?\\n]';

const RULES: readonly SignalRule[] = [
  {
    kind: 'extreme',
    level: 3,
    words: ['跳楼', '跳河', '自杀', '轻生', '以死相逼', '寻短见', '喝农药', '喝药', '自焚', '不想活了', '活不下去', '爬上塔吊', '爬塔吊', '同归于尽', '一死了之', '死给你们看'],
  },
  {
    kind: 'violence',
    level: 3,
    words: ['打人', '殴打', '被打', '挨打', '动手打', '拳打脚踢', '打伤', '打成重伤', '持刀', '砍人', '围殴', '推倒在地'],
    // "被老板找人打了", "被保安打得住院"
    patterns: [new RegExp(`被${S}{0,10}打(?:了|伤|成|得|断|一顿)`, 'u')],
  },
  {
    kind: 'group',
    level: 3,
    words: [
      '聚集', '堵路', '堵门', '堵大门', '堵厂门', '堵住大门', '围堵', '堵塞交通', '拦路', '拦车', '封路',
      '拉横幅', '举横幅', '打横幅', '挂横幅', '横幅', '上访', '集体上访', '联名信', '联名上书', '联名举报', '请愿',
      '静坐', '罢工', '停工讨薪', '集体讨薪', '集体维权', '群体性', '冲突', '闹事', '围住', '围攻',
    ],
    // "堵住了公司大门", "围在人社局门口"
    patterns: [
      new RegExp(`(?:堵|围)(?:住|了|在|着)?${S}{0,6}(?:大门|门口|路口|马路|公路|厂门)`, 'u'),
      new RegExp(`把${S}{0,6}(?:大门|门口|路口|马路|公路|厂门)(?:给)?(?:堵|围)`, 'u'),
    ],
  },
  {
    kind: 'threat',
    level: 3,
    words: [],
    // "再不给钱就只能去县政府了", "如果还不解决我们就去市里上访", "不给钱的话就堵路".
    patterns: [
      new RegExp(`(?:再不|还不|再拖|要是不|如果不|不给${S}{0,6}的话)${S}{0,16}(?:就|只能|只好|只有|只得)${S}{0,10}(?:政府|市里|县里|省里|北京|信访|上访|堵|横幅|讨个说法|闹|人社局门口|劳动局门口|跳|拼命)`, 'u'),
      new RegExp(`(?:大家|我们|工友们|全体)${S}{0,4}(?:一起|都|集体|组织)${S}{0,6}去${S}{0,8}(?:政府|市委|县委|人社局|劳动局)(?:门口|大门)?`, 'u'),
    ],
  },
  {
    kind: 'safety',
    level: 2,
    words: ['死亡', '身亡', '伤亡', '遇难', '丧命', '致死', '出人命', '摔死', '砸死', '重伤', '截肢', '瘫痪', '植物人', '昏迷不醒', '安全事故', '坍塌', '砸伤', '烧伤'],
  },
  {
    kind: 'crowd',
    level: 2,
    words: [
      '全厂', '整个厂', '全公司', '整个公司', '全村', '整个村', '全体员工', '全体职工', '全体工人', '所有工人', '所有员工',
      '所有农民工', '整个工地', '全工地', '整个车间', '全车间', '整个项目', '一个村的', '几十户', '上百户',
    ],
    // "80名工人", "几十个农民工", "上百人", "30多位员工": how many are affected is itself a signal.
    patterns: [
      /(?:[1-9]\d{1,3}|几十|数十|好几十|上百|几百|好几百|上千|[一二两三四五六七八九]?百|[二三四五六七八九]十)[多余几来]?[个名号位户]?(?:人|工人|农民工|工友|员工|职工|家属|群众|村民|老人|退休人员|师傅|保安|司机|教师)/u,
    ],
  },
  {
    kind: 'media',
    level: 2,
    words: ['曝光', '记者', '找媒体', '联系媒体', '媒体报道', '热搜', '发抖音', '发到抖音', '微博上', '发网上', '发到网上', '网上曝光', '电视台', '舆论', '上新闻'],
  },
  {
    kind: 'repeat',
    level: 2,
    words: [
      '多次反映', '反映多次', '多次投诉', '反复反映', '屡次', '一直没人管', '一直没解决', '一直拖着', '投诉无门', '讨薪无门',
      '反映了好几次', '投诉了好几次', '找了好几次', '跑了好几趟', '石沉大海', '至今未', '至今没', '至今还没', '无数次',
    ],
    // Long unresolved: "拖了半年", "等了一年多还没解决" (three months of arrears alone is an ordinary complaint).
    patterns: [
      new RegExp(`(?:拖了|等了|欠了|跑了|反映了|投诉了|找了|催了)${S}{0,2}(?:半年|一年|两年|三年|好几年|几年|多年|[六七八九十]个月|十[一二]个月|(?:[6-9]|1\\d)个月|好几次|多次|[三四五六七八九十]次|[3-9]次)`, 'u'),
      new RegExp(`(?:半年|一年|两年|三年|几年|多年)多?了?${S}{0,4}(?:还|都|也)?(?:没有?|未|不)(?:解决|处理|发|给|到账|回复|结果|结论|下文|人管|消息|动静|批)`, 'u'),
    ],
  },
  {
    kind: 'retaliation',
    level: 2,
    words: ['打击报复', '报复我', '被报复', '穿小鞋'],
    // "投诉之后就被辞退了", "申请仲裁后公司把我调岗降薪".
    patterns: [
      new RegExp(`(?:投诉|举报|反映|仲裁|维权|讨薪|告了)${S}{0,10}(?:被|就被|把我|将我|给我)${S}{0,6}(?:辞退|开除|解雇|炒了|调岗|调去|调到|降|扣|威胁|赶走|拉黑|停工)`, 'u'),
    ],
  },
];

export interface CrisisSignal {
  kind: CrisisKind;
  level: Severity;
  words: string[];
}

/** Phrases that contain a signal word but are ordinary business: a death benefit claim, a sale. */
const NOT_SIGNAL: readonly string[] = [...NOT_CRISIS, '因病死亡'];

function maskNonCrisis(text: string): string {
  let out = text;
  for (const w of NOT_SIGNAL) out = out.split(w).join('＿'.repeat(w.length));
  return out;
}

/** "我们不想闹事", "没有上访": a crisis word right after one of these is a denial, not a signal. */
const DENIED_BEFORE = /(不想|不会|不愿|不愿意|不要|不打算|不准备|不敢|没有|没|不是|并非|并没有|避免|防止|绝不|禁止|严禁)$/;

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
    // A longer word that holds a shorter one ("集体上访" / "上访") is reported once.
    const found = rule.words.filter((w) => occursAffirmed(t, w));
    const words = found.filter((w) => !found.some((o) => o !== w && o.includes(w)));
    for (const p of rule.patterns ?? []) {
      const m = t.match(p);
      if (m && !DENIED_BEFORE.test(t.slice(Math.max(0, m.index! - 4), m.index))) words.push(m[0]);
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
 * The strongest signal's level; with no signal, an ordinary complaint (negative, or a grievance
 * stated as fact) is 1 and anything else 0.
 */
export function severityOf(signals: CrisisSignal[], isComplaint = false): Severity {
  let level = isComplaint ? 1 : 0;
  for (const s of signals) {
    // "我们公司80个员工，社保怎么交？" is a question, not 80 people harmed: crowd, media, repeat and
    // retaliation need a complaint to attach to; crisis signals and injuries stand on their own.
    if (!countsWithoutComplaint(s) && !isComplaint) continue;
    level = Math.max(level, s.level);
  }
  return level as Severity;
}

/** Crisis signals, and a serious injury or death at work, matter even in a calm report. */
function countsWithoutComplaint(s: CrisisSignal): boolean {
  return s.level >= 3 || s.kind === 'safety';
}

/** Signals that counted towards the level (see severityOf), for the reasons. */
export function countedSignals(signals: CrisisSignal[], isComplaint: boolean): CrisisSignal[] {
  return signals.filter((s) => isComplaint || countsWithoutComplaint(s));
}

export function severityReasons(signals: CrisisSignal[]): string[] {
  return signals.map((s) => `危机信号（${CRISIS_LABELS[s.kind]}）：${s.words.join('、')}`);
}
