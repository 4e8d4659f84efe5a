// scoreText: sentiment, severity and topic of one post, with reasons a duty officer can check.
// Pure, deterministic, CPU only: the lexicon and the small n-gram model ship with the project.
import type { ScoreResult, Sentiment } from '../store/types.ts';
import { extractFeatures } from './sentiment/features.ts';
import { analyzeLexicon } from './sentiment/lexicon-match.ts';
import { HOPE_CLAUSE, readLetter, titleOf } from './sentiment/letter.ts';
import { loadWeights, predict } from './sentiment/model.ts';
import { countedSignals, detectCrisisSignals, severityOf, severityReasons } from './severity.ts';
import { classifyLetterTopic, loadTopicWeights } from './topic-model/model.ts';
import { crisisProbability, crisisWords, loadCrisisWeights } from './crisis-model/model.ts';

export { detectCrisisSignals, severityOf } from './severity.ts';
export { TOPICS, TOPIC_LABELS, topicLabel, type Topic } from './topic.ts';
export { classifyTopic } from './topic-model/model.ts';

/** Identifies lexicon + weights in every stored score, so rescoring after a retrain is traceable. */
export const MODEL_VERSION = `lex-lr-${loadWeights().version}-topic-${loadTopicWeights().version}-crisis-${loadCrisisWeights().version}`;

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const uniq = (xs: string[]) => [...new Set(xs)];

/** A clause of the matter this sure of a complaint makes the letter a complaint, however polite the rest. */
const CLAUSE_NEGATIVE = 0.9;
/** Letters shorter than this are read whole: a short post is one clause. */
const LETTER_MIN_CHARS = 80;

const quote = (clause: string) => (clause.length > 28 ? `${clause.slice(0, 28)}…` : clause);

interface LetterVerdict {
  sentiment: Sentiment;
  negative: number;
  notes: string[];
}

/**
 * Sentiment of a post read as a letter: courtesy (greetings, thanks in advance, blessings) is set aside;
 * positive needs praise or thanks for something done; the worst clause of the matter, or a title that
 * names a grievance, makes it a complaint.
 */
function readSentiment(text: string, weights: ReturnType<typeof loadWeights>['weights'], whole: Record<Sentiment, number>): LetterVerdict {
  const letter = readLetter(text);
  const notes: string[] = [];
  let p = whole;
  let worst: { clause: string; negative: number } | null = null;
  const isLetter = text.length >= LETTER_MIN_CHARS && letter.matter.length >= 2;
  if (isLetter) {
    if (letter.courtesy.length) p = predict(extractFeatures(letter.matter.join('。')), weights);
    for (const clause of letter.matter) {
      if (clause.length < 6) continue;
      // Only clauses with a complaint word or a grievance in them: the model, trained on whole posts, finds
      // a bare statement ("我是宣汉县的一名果农") negative once its question sits in another clause.
      // The lexicon first (cheap); n-grams and the model only for clauses that hold a complaint word.
      const lex = analyzeLexicon(clause);
      if (!lex.grievances.length && !lex.hits.some((h) => h.polarity === 'negative' && !h.negated)) continue;
      const q = predict(extractFeatures(clause, lex), weights).negative;
      if (!worst || q > worst.negative) worst = { clause, negative: q };
    }
  }
  let sentiment = (Object.keys(p) as Sentiment[]).reduce((a, b) => (p[b] > p[a] ? b : a));
  let negative = p.negative;
  // A short post is one remark: its praise is praise ("窗口的小姐姐太耐心了👍"). In a letter, or in a post that
  // is only courtesy and requests ("请求解决，感谢！"), positive needs thanks for something done.
  const onlyAsks = letter.matter.every((c) => HOPE_CLAUSE.test(c));
  if (sentiment === 'positive' && (letter.titleComplaint || letter.titleAsks || (!letter.praise && (isLetter || onlyAsks)))) {
    sentiment = letter.titleComplaint || p.negative >= p.neutral ? 'negative' : 'neutral';
    notes.push(`礼貌与期望不算夸奖：没有对办成的事的感谢或表扬，不判正面`);
  }
  if (sentiment !== 'negative' && letter.titleComplaint) {
    sentiment = 'negative';
    negative = Math.max(negative, 0.6);
    notes.push(`标题是投诉：「${quote(letter.title)}」（${letter.titleComplaint}）`);
  } else if (sentiment === 'neutral' && letter.overdue && !letter.praise) {
    sentiment = 'negative';
    negative = Math.max(negative, 0.55);
    notes.push(`问题里有投诉：${letter.overdue}（该给的没给、被拒或被推诿）`);
  } else if (sentiment === 'neutral' && worst && worst.negative >= CLAUSE_NEGATIVE) {
    sentiment = 'negative';
    negative = Math.max(negative, worst.negative);
  }
  if (sentiment === 'negative' && worst && worst.negative >= 0.5) notes.push(`最负面的一句：「${quote(worst.clause)}」（负面概率 ${worst.negative.toFixed(2)}）`);
  if (letter.courtesy.length && isLetter) notes.push(`逐句评分：${letter.matter.length} 句正文，${letter.courtesy.length} 句客套话不计`);
  return { sentiment, negative, notes };
}

export function scoreText(text: string): ScoreResult {
  const { weights } = loadWeights();
  const features = extractFeatures(text);
  const whole = predict(features, weights);
  const verdict = readSentiment(text, weights, whole);
  const sentiment = verdict.sentiment;
  const p = { ...whole, negative: verdict.negative };

  const lex = features.analysis;
  const reasons: string[] = [...verdict.notes];
  const negWords = uniq(lex.hits.filter((h) => h.polarity === 'negative' && !h.negated).map((h) => h.word));
  const negatedPos = uniq(lex.hits.filter((h) => h.polarity === 'positive' && h.negated).map((h) => h.word));
  const posWords = uniq(lex.hits.filter((h) => h.polarity === 'positive' && !h.negated).map((h) => h.word));
  const negatedNeg = uniq(lex.hits.filter((h) => h.polarity === 'negative' && h.negated).map((h) => h.word));
  if (negWords.length || negatedPos.length) reasons.push(`负面词：${[...negWords, ...negatedPos.map((w) => `不${w}`)].join('、')}`);
  if (posWords.length) reasons.push(`正面词：${posWords.join('、')}`);
  if (lex.irony.length) reasons.push(`反讽/反问：${uniq(lex.irony).slice(0, 3).join('、')}`);
  if (lex.grievances.length) reasons.push(`投诉情形：${lex.grievances.map((g) => g.label).join('、')}`);
  if (negatedNeg.length) reasons.push(`否定：${negatedNeg.join('、')}（前有否定词，不计负面）`);
  if (lex.questions.length && sentiment === 'neutral') reasons.push(`咨询语气：${lex.questions.slice(0, 3).join('、')}`);
  if (lex.appeals.length && sentiment === 'negative') reasons.push(`诉求：${lex.appeals.slice(0, 3).join('、')}`);

  // An ordinary complaint is severity 1: negative, or a grievance stated calmly as fact. Thanks for a
  // solved problem is not a complaint even when it recalls the arrears.
  // Saying one has asked five times or waited half a year is itself a grievance, however politely put.
  const signals = detectCrisisSignals(text);
  const isComplaint = sentiment === 'negative' || (sentiment === 'neutral' && (lex.grievances.length > 0 || signals.some((s) => s.kind === 'repeat')));
  // Thanks for a solved problem recalls the crisis that did not happen ("本来都打算去县政府了，感谢监察大队"):
  // a post the model reads as clearly positive is not an escalation, whatever words it remembers.
  const thanks = sentiment === 'positive' && p.negative < 0.2;
  // A notice that says gatherings are unlawful, news of a protest settled years ago, a student asking what
  // 上访 means: crisis words in a post with no complaint in it and little negative tone are not a crisis now.
  const calm = !isComplaint && p.negative < 0.35;
  const counted = calm ? signals.filter((s) => s.kind === 'safety') : signals;
  const ruled = thanks ? 0 : severityOf(counted, isComplaint);
  // Crises put in words the rules do not list ("明早八点老地方见，人越多越好"): the crisis model, under the
  // same conditions (not thanks, not a calm notice or question).
  const crisisWeights = loadCrisisWeights().weights;
  const crisis = crisisWeights && ruled < 3 && !thanks && !calm ? crisisProbability(features.grams, crisisWeights) : 0;
  const raised = crisisWeights !== null && crisis > crisisWeights.threshold;
  const severity = raised ? 3 : ruled;
  if (thanks && signals.length) reasons.push('严重度 0：正面（感谢或好结果），其中提到的危机词不计');
  else {
    reasons.push(...severityReasons(countedSignals(counted, isComplaint)));
    if (counted.length < signals.length) reasons.push('危机词出现在通知、旧闻或提问里（无投诉、语气平静），不计');
  }
  // Same shape as the rules' reasons ("危机信号（类别）：词、词"), so the console marks the words in the post.
  if (raised) reasons.push(`危机信号（模型）：${crisisWords(features.grams, crisisWeights!).join('、') || '整体说法'}（像危机的说法，可能性 ${crisis.toFixed(2)}）`);
  if (severity === 1) reasons.push(`严重度 1：一般投诉（${sentiment === 'negative' ? '负面' : '陈述了投诉情形'}，无升级信号）`);
  const topic = classifyLetterTopic(text, titleOf(text), features.grams);
  if (topic.words.length) reasons.push(`主题词：${topic.words.slice(0, 4).join('、')}`);
  reasons.push(`模型：负面概率 ${p.negative.toFixed(2)}`);

  return {
    sentiment,
    negative: round3(p.negative),
    severity,
    topic: topic.topic,
    reasons,
  };
}
