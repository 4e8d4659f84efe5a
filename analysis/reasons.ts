// Why a post scored as it did, as data: the scorer, severity, topic, letter reading and the second
// opinion each add reasons of their own kind; they are stored as JSON and put into words only at the
// edges (console, notifications, `minsheng score`, exports) by reasonText. Code that needs the words a
// reason names (highlighting, an alert's most frequent negative words) reads the fields, never the prose.
import { CRISIS_LABELS, type CrisisKind } from './severity.ts';
import type { Sentiment } from '../shared/vocabulary.ts';

export type Reason =
  /** Negative lexicon words, and positive ones said with a negation (不满意 → negatedPositive 满意). */
  | { kind: 'negativeWords'; words: string[]; negatedPositive: string[] }
  | { kind: 'positiveWords'; words: string[] }
  | { kind: 'irony'; words: string[] }
  /** Grievances stated as fact (投诉情形), by their labels. */
  | { kind: 'grievances'; labels: string[] }
  /** Negative words after a negation, which do not count. */
  | { kind: 'negated'; words: string[] }
  | { kind: 'questions'; words: string[] }
  | { kind: 'appeals'; words: string[] }
  /** Letter reading: politeness and wishes are not praise, so the letter is not positive. */
  | { kind: 'courtesyNotPraise' }
  /** Letter reading: nothing but greetings, thanks and blessings, so neither a complaint nor praise. */
  | { kind: 'courtesyOnly' }
  | { kind: 'titleComplaint'; title: string; grievance: string }
  | { kind: 'overdue'; words: string }
  /** A letter that asks whether what was done is fair or lawful (analysis/sentiment/letter.ts CHALLENGE). */
  | { kind: 'challenge'; words: string }
  /** A short post the model leans negative on, below one half and with no grievance stated: not a complaint (analysis/index.ts SHORT_NEGATIVE). */
  | { kind: 'shortUnsure'; negative: number }
  | { kind: 'worstClause'; clause: string; negative: number }
  | { kind: 'clauseScoring'; matter: number; courtesy: number }
  | { kind: 'crisis'; crisis: CrisisKind; words: string[] }
  /** The crisis model's verdict; `words` may be empty when no single n-gram stands out. */
  | { kind: 'crisisModel'; words: string[]; probability: number }
  /**
   * The serious-letter model raised a complaint to 2; `words` may be empty when no single n-gram stands out.
   * `shipped`: the project's model (fitted on its written letters), not one retrained on the bureau's labels
   * (absent in reasons stored before the project shipped one, when only a bureau's could raise a post).
   */
  | { kind: 'seriousModel'; words: string[]; probability: number; shipped?: boolean }
  | { kind: 'thanksIgnoresCrisis' }
  | { kind: 'calmIgnoresCrisis' }
  /** Severity 1 with no escalation; `negative` false when the grievance was stated calmly. */
  | { kind: 'ordinaryComplaint'; negative: boolean }
  | { kind: 'topicWords'; words: string[] }
  | { kind: 'model'; negative: number }
  | { kind: 'review'; by: string; sentiment: Sentiment; severity: number; agreed: boolean; rationale: string; quotes: string[] }
  | { kind: 'reviewFailed'; message: string }
  /** A reason stored as a sentence before reasons were structured, in a form not recognised. */
  | { kind: 'text'; text: string };

export type ReasonKind = Reason['kind'];

/** The reason of one kind, if the score has it (the scorer gives each kind at most once, except crisis signals). */
export function findReason<K extends ReasonKind>(reasons: readonly Reason[], kind: K): Extract<Reason, { kind: K }> | undefined {
  return reasons.find((r): r is Extract<Reason, { kind: K }> => r.kind === kind);
}

const quote = (clause: string) => (clause.length > 28 ? `${clause.slice(0, 28)}…` : clause);
const list = (words: string[]) => words.join('、');

/** The negative words of a negativeWords reason as shown: negated positives read 不满意. */
export function negativeWordList(r: Extract<Reason, { kind: 'negativeWords' }>): string[] {
  return [...r.words, ...r.negatedPositive.map((w) => `不${w}`)];
}

/** The reason as a duty officer reads it (and as `minsheng score` has always printed it). */
export function reasonText(r: Reason): string {
  switch (r.kind) {
    case 'negativeWords':
      return `负面词：${list(negativeWordList(r))}`;
    case 'positiveWords':
      return `正面词：${list(r.words)}`;
    case 'irony':
      return `反讽/反问：${list(r.words)}`;
    case 'grievances':
      return `投诉情形：${list(r.labels)}`;
    case 'negated':
      return `否定：${list(r.words)}（前有否定词，不计负面）`;
    case 'questions':
      return `咨询语气：${list(r.words)}`;
    case 'appeals':
      return `诉求：${list(r.words)}`;
    case 'courtesyNotPraise':
      return '礼貌与期望不算夸奖：没有对办成的事的感谢或表扬，不判正面';
    case 'courtesyOnly':
      return '只有问好、致谢、祝福之类的客套话，没有说事：不算投诉，也不算表扬';
    case 'titleComplaint':
      return `标题是投诉：「${quote(r.title)}」（${r.grievance}）`;
    case 'overdue':
      return `问题里有投诉：${r.words}（该给的没给、被拒或被推诿）`;
    case 'challenge':
      return `问题里有质问：${r.words}（讲了自己的遭遇，再问为什么这样、是否合理合法）`;
    case 'shortUnsure':
      return `短帖：负面概率 ${r.negative.toFixed(2)}，不到一半，也没有写出投诉情形，不算投诉`;
    case 'worstClause':
      return `最负面的一句：「${quote(r.clause)}」（负面概率 ${r.negative.toFixed(2)}）`;
    case 'clauseScoring':
      return `逐句评分：${r.matter} 句正文，${r.courtesy} 句客套话不计`;
    case 'crisis':
      return `危机信号（${CRISIS_LABELS[r.crisis]}）：${list(r.words)}`;
    case 'crisisModel':
      return `危机信号（模型）：${list(r.words) || '整体说法'}（像危机的说法，可能性 ${r.probability.toFixed(2)}）`;
    case 'seriousModel':
      return r.shipped
        ? `严重信号（模型）：${list(r.words) || '整体说法'}（像人多或久拖不决的严重投诉，可能性 ${r.probability.toFixed(2)}）`
        : `严重信号（本局模型）：${list(r.words) || '整体说法'}（像本局标为严重的说法，可能性 ${r.probability.toFixed(2)}）`;
    case 'thanksIgnoresCrisis':
      return '严重度 0：正面（感谢或好结果），其中提到的危机词不计';
    case 'calmIgnoresCrisis':
      return '危机词出现在通知、旧闻或提问里（无投诉、语气平静），不计';
    case 'ordinaryComplaint':
      return `严重度 1：一般投诉（${r.negative ? '负面' : '陈述了投诉情形'}，无升级信号）`;
    case 'topicWords':
      return `主题词：${list(r.words)}`;
    case 'model':
      return `模型：负面概率 ${r.negative.toFixed(2)}`;
    case 'review': {
      const verdict = r.agreed ? '同意' : `改为 ${r.sentiment}、严重度 ${r.severity}`;
      const quotes = r.quotes.length ? `；引用：${list(r.quotes)}` : '';
      return `大模型复核（${r.by}）：${verdict}；${r.rationale}${quotes}`;
    }
    case 'reviewFailed':
      return `大模型复核失败，沿用默认评分：${r.message}`.slice(0, 200);
    case 'text':
      return r.text;
  }
}

/** The words of the post the reasons name (lexicon words, grievances, crisis and topic words), for marking them in the post. */
export function reasonWords(reasons: readonly Reason[]): string[] {
  const words = new Set<string>();
  for (const r of reasons) {
    const named =
      r.kind === 'negativeWords'
        ? negativeWordList(r)
        : r.kind === 'positiveWords' || r.kind === 'crisis' || r.kind === 'crisisModel' || r.kind === 'seriousModel' || r.kind === 'topicWords'
          ? r.words
          : r.kind === 'grievances'
            ? r.labels
            : [];
    // One character marks too much of a Chinese text to help.
    for (const w of named) if ([...w].length >= 2) words.add(w);
  }
  return [...words];
}

const CRISIS_BY_LABEL = new Map(Object.entries(CRISIS_LABELS).map(([kind, label]) => [label, kind as CrisisKind]));

/**
 * A reason stored before reasons were structured (a sentence). The word lists are recovered, so old
 * scores still mark their words and feed an alert's negative words; every other sentence is kept as text.
 */
function legacyReason(text: string): Reason {
  const m = /^(负面词|正面词|投诉情形|危机信号（([^）]*)）|主题词)：(.+)$/u.exec(text);
  if (!m) return { kind: 'text', text };
  const words = m[3]!.split('、');
  if (m[1] === '负面词') return { kind: 'negativeWords', words, negatedPositive: [] };
  if (m[1] === '正面词') return { kind: 'positiveWords', words };
  if (m[1] === '投诉情形') return { kind: 'grievances', labels: words };
  if (m[1] === '主题词') return { kind: 'topicWords', words };
  const crisis = CRISIS_BY_LABEL.get(m[2]!);
  return crisis ? { kind: 'crisis', crisis, words } : { kind: 'text', text };
}

/** Reasons as read back from storage: structured ones as they are, legacy sentences through legacyReason. */
export function readReasons(stored: unknown): Reason[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((r): Reason[] => {
    if (typeof r === 'string') return [legacyReason(r)];
    if (typeof r === 'object' && r !== null && typeof (r as { kind?: unknown }).kind === 'string') return [r as Reason];
    return [];
  });
}
