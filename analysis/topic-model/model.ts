// The topic model: which 人社 business line a post is about, from character n-grams plus the keyword
// rules' evidence (analysis/topic.ts) as features, so the model learns how far to trust each rule and
// the rule words still explain the result. Weights live in weights.json, produced by train.ts.
import { projectPath } from '../../config/paths.ts';
import { linearLogits, softmax, weightsSlot } from '../linear-model.ts';
import { charNgrams } from '../sentiment/features.ts';
import { titleOf } from '../sentiment/letter.ts';
import {
  bureauLineIn,
  bureauNamesOtherDepartment,
  KEYWORD_WEIGHT,
  keywordScores,
  keywordTopic,
  OTHER_DEPARTMENT_CUES,
  OTHER_TOPIC,
  SPECIFIC_WEIGHT,
  TOPICS,
  type KeywordScore,
  type Topic,
  type TopicResult,
} from '../topic.ts';

const LINES = TOPICS.filter((t) => t !== OTHER_TOPIC) as Exclude<Topic, 'other'>[];

/** Dense features: each line's keyword score (log-scaled), then which line the rules alone would pick. */
export const TOPIC_DENSE_FEATURES: readonly string[] = [...LINES.map((t) => `kw:${t}`), ...TOPICS.map((t) => `rule:${t}`)];

export interface TopicWeights {
  format: 'minsheng-topic-lr/1';
  classes: Topic[];
  bias: number[];
  dense: Record<string, number[]>;
  grams: Record<string, number[]>;
  training: { examples: number; examplesSha256: string; epochs: number; l2: number; minDocFreq: number };
}

export interface TopicFeatures {
  grams: string[];
  dense: number[];
  keyword: KeywordScore[];
  rule: TopicResult;
}

function topicDense(keyword: KeywordScore[], rule: TopicResult): number[] {
  return [...LINES.map((t) => Math.log1p(keyword.find((k) => k.topic === t)?.score ?? 0)), ...TOPICS.map((t) => (rule.topic === t ? 1 : 0))];
}

/** `grams` may be passed when the caller already has the text's character n-grams (scoreText does). */
export function topicFeatures(text: string, grams?: string[]): TopicFeatures {
  const keyword = keywordScores(text);
  const rule = keywordTopic(text, keyword);
  return { grams: grams ?? [...charNgrams(text)], dense: topicDense(keyword, rule), keyword, rule };
}

/** Each weights object's dense rows in feature order, looked up once rather than per post. */
const denseRowsOf = new WeakMap<Record<string, number[]>, (number[] | undefined)[]>();

export function topicLogits(f: Pick<TopicFeatures, 'grams' | 'dense'>, w: Pick<TopicWeights, 'bias' | 'dense' | 'grams'>): number[] {
  let rows = denseRowsOf.get(w.dense);
  if (!rows) denseRowsOf.set(w.dense, (rows = TOPIC_DENSE_FEATURES.map((name) => w.dense[name])));
  return linearLogits(f.grams, f.dense, w.bias, rows, w.grams);
}

export const TOPIC_WEIGHTS_FILE = projectPath('analysis', 'topic-model', 'weights.json');

/** The shipped topic weights, or a bureau's retrained ones (data directory, topic-weights.json); without either the keyword rules decide alone. */
export const topicWeightsSlot = weightsSlot<TopicWeights>({
  format: 'minsheng-topic-lr/1',
  what: '主题模型',
  shipped: TOPIC_WEIGHTS_FILE,
  retrainedName: 'topic-weights.json',
  absentVersion: 'rules',
});

/** The chosen topic weights, once per process. */
export function loadTopicWeights(): { weights: TopicWeights | null; version: string } {
  return topicWeightsSlot.load();
}

export interface ClassifiedTopic extends TopicResult {
  /** The model's probability of the chosen topic (1 when the rules decided alone). */
  probability: number;
}

/**
 * The business line of a post; `words` are the keywords of that line found in it, for the reasons.
 * Whether a post is 人社 business at all stays with the keyword rules (they know that a teacher's pay
 * or a bank's window belongs to another department); the model chooses among the 人社 lines.
 */
export function classifyTopic(text: string, weights: TopicWeights | null = loadTopicWeights().weights, grams?: string[]): ClassifiedTopic {
  const keyword = keywordScores(text);
  const rule = keywordTopic(text, keyword);
  if (!weights || rule.topic === OTHER_TOPIC) return { ...rule, probability: 1 };
  const p = softmax(topicLogits({ grams: grams ?? [...charNgrams(text)], dense: topicDense(keyword, rule) }, weights));
  let best = -1;
  p.forEach((q, c) => {
    if (weights.classes[c] !== OTHER_TOPIC && (best < 0 || q > p[best]!)) best = c;
  });
  const topic = weights.classes[best]!;
  const evidence = keyword.find((k) => k.topic === topic);
  return { topic, words: evidence?.words ?? [], score: evidence?.score ?? 0, probability: p[best]! };
}

/**
 * Pay named in a letter's title (教师的收入待遇, 奖金, 绩效, 同工不同酬): the bureau's wages line, whoever the
 * employer is — unless the money is a house buyer's deposit or a refund.
 */
const TITLE_PAY = /工资|薪|待遇|奖金|绩效|津贴|同工不同酬|文明奖|车补|伙食补助|生活补助/u;
const TITLE_NOT_PAY = /购房|房款|首付|诚意金|退款|车位|押金|学费|资金不退|低保|独生子女/u;
/** A refund or a deposit is a consumer's matter, however 拖欠 and 血汗钱 it is worded. */
const TITLE_REFUND = /不退|退还|退款|诚意金|押金|首付|购房资金|奖助学金/u;
/** Recruitment, exams and titles in a letter's title are the employment/exams line, a school's included. */
const TITLE_EMPLOYMENT = /招聘|招考|选调|遴选|职称|评上|人才新政|人才.{0,6}补贴|高级技师|事业单位|公务员|人事考试|面试|编制|考编|特岗|招录|进岗|员额/u;
/** Exams that are other departments' business: driving tests, teacher certificates, school exams. */
const TITLE_OTHER_EXAM = /驾|科目[一二三四]|科[一二三四]|教师资格|普通话|期末|中考|高考|学生|资质/u;
/** Money owed between businesses or by a landlord is not pay: 工程款, 租金, 货款. */
const TITLE_NOT_WAGES = /工程款|租金|货款|房款|集资|投资|理财|借款/u;
/** A workforce's conditions named in the title: 剥夺职工节假日, 员工没有得到妥善安排. */
const TITLE_LABOUR = /(?:职工|员工|工人|劳务工|临时工|合同工)[^，。！？]{0,12}(?:休息|节假日|假期|加班|辞退|开除|安置|安排|合同|调岗|降薪|罚款|克扣|福利)/u;
/** A body must hold this much 人社 keyword evidence to outweigh a title that names no 人社 matter. */
const BODY_OVER_TITLE = 5;
/** Another department's matter named in the title (on top of the body-level cues in topic.ts). */
const TITLE_OTHER = new RegExp(
  [
    ...OTHER_DEPARTMENT_CUES,
    '购房',
    '房屋',
    '车位',
    '交房',
    '烂尾',
    '驾校',
    '驾考',
    '驾照',
    'KTV',
    '公积金',
    '契税',
    '户口',
    '集资',
    '诈骗',
    '贷款',
    '门面',
    '商铺',
    '土地',
    '林',
    '足球',
    '食堂',
    '业委会',
    '养老院',
    '低保',
    '安置房',
    '安置',
    '退役',
    '扰民',
    '粪',
    '茶座',
    '汽配',
    '征收',
    '网贷',
    '金融',
    '法院',
    '派出所',
    '公安',
    '工商',
    '电力',
    '高压线',
    '液化气',
    '游戏',
  ].join('|'),
  'u',
);

/**
 * The matter asked about decides: a letter to a leader names its matter in the title (留言主题, the first
 * line). Specific 人社 words in the title decide the line; pay in the title is wages; another department's
 * matter in the title with no specific 人社 word is other, whatever 退休/工资/拖欠 the body's history holds.
 * Without a title (or a title that names nothing), the whole post decides.
 */
export function classifyLetterTopic(text: string, title: string, grams?: string[]): ClassifiedTopic {
  if (title) {
    // The bureau's own words (config/topics.yaml) set its boundary: they decide before the project's title rules.
    const own = bureauLineIn(title);
    if (own) return { topic: own.topic, words: own.words, score: SPECIFIC_WEIGHT, probability: 1 };
    if ((TITLE_REFUND.test(title) && !/医保|新农合|社保|养老保险|合作医疗/u.test(title)) || (TITLE_NOT_WAGES.test(title) && !/工资|民工|工人/u.test(title))) {
      return { topic: OTHER_TOPIC, words: [], score: 0, probability: 1 };
    }
    const scores = keywordScores(title);
    const specific = scores.filter((k) => k.words.some((w) => (KEYWORD_WEIGHT.get(w) ?? 0) >= SPECIFIC_WEIGHT));
    if (specific.length) {
      const best = specific.reduce((a, b) => (b.score > a.score ? b : a));
      return { topic: best.topic, words: best.words, score: best.score, probability: 1 };
    }
    const pay = title.match(TITLE_PAY);
    if (pay && !TITLE_NOT_PAY.test(title)) return { topic: 'wages', words: [pay[0]], score: SPECIFIC_WEIGHT, probability: 1 };
    const exam = title.match(TITLE_EMPLOYMENT);
    if (exam && !TITLE_OTHER_EXAM.test(title)) return { topic: 'employment_training', words: [exam[0]], score: SPECIFIC_WEIGHT, probability: 1 };
    if (TITLE_OTHER_EXAM.test(title) && /考|资格|培训/u.test(title)) return { topic: OTHER_TOPIC, words: [], score: 0, probability: 1 };
    const labour = title.match(TITLE_LABOUR);
    if (labour) return { topic: 'labor_dispute', words: [labour[0]], score: SPECIFIC_WEIGHT, probability: 1 };
    if (TITLE_OTHER.test(title) || bureauNamesOtherDepartment(title)) return { topic: OTHER_TOPIC, words: [], score: 0, probability: 1 };
    if (!scores.length) {
      const body = classifyTopic(text, undefined, grams);
      return body.score >= BODY_OVER_TITLE ? body : { topic: OTHER_TOPIC, words: [], score: body.score, probability: 1 };
    }
  }
  return classifyTopic(text, undefined, grams);
}

/** A labelled post the rules put on the other side of the 人社 boundary: its title (or opening), labelled and read topics. */
export interface CrossingPost {
  title: string;
  labelled: Topic;
  read: Topic;
}

/** How many crossing posts of each kind `acrossBoundary` keeps to show: enough to see what words to write. */
export const CROSSING_EXAMPLES = 5;
const OPENING_CHARS = 30;

/**
 * How many of a bureau's topic labels fall on the other side of the 人社 boundary from the rules: labelled a
 * 人社 line but read as 其他, and the reverse, with the first few of each. Retraining cannot move these (the
 * rules decide the boundary); `minsheng train` shows them and points the bureau at config/topics.yaml, where the
 * words it reads in these titles can be written down (finding the words by count was tried: it picks one
 * incident's names and everyday words, sentiment README 第十六轮).
 */
export function acrossBoundary(labels: readonly { text: string; topic: Topic }[]): {
  ownNotRules: number;
  rulesNotOwn: number;
  examples: { ownNotRules: CrossingPost[]; rulesNotOwn: CrossingPost[] };
} {
  const counts = { ownNotRules: 0, rulesNotOwn: 0 };
  const examples: { ownNotRules: CrossingPost[]; rulesNotOwn: CrossingPost[] } = { ownNotRules: [], rulesNotOwn: [] };
  for (const { text, topic } of labels) {
    const title = titleOf(text);
    const read = classifyLetterTopic(text, title).topic;
    if ((topic === OTHER_TOPIC) === (read === OTHER_TOPIC)) continue;
    const side = topic === OTHER_TOPIC ? 'rulesNotOwn' : 'ownNotRules';
    counts[side]++;
    if (examples[side].length < CROSSING_EXAMPLES)
      examples[side].push({ title: title || [...text.replace(/\s+/gu, ' ').trim()].slice(0, OPENING_CHARS).join(''), labelled: topic, read });
  }
  return { ...counts, examples };
}
