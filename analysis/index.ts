// scoreText: sentiment, severity and topic of one post, with reasons a duty officer can check.
// Pure, deterministic, CPU only: the lexicon and the small n-gram model ship with the project.
import type { ScoreResult, Sentiment, Severity } from '../store/types.ts';
import { extractFeatures, type FeatureVector } from './sentiment/features.ts';
import { analyzeLexicon } from './sentiment/lexicon-match.ts';
import { HOPE_CLAUSE, LETTER_MIN_CHARS, readLetter, titleOf, type LetterReading } from './sentiment/letter.ts';
import { loadWeights, predict } from './sentiment/model.ts';
import { countedSignals, detectCrisisSignals, severityOf, severityReasons } from './severity.ts';
import { classifyLetterTopic, loadTopicWeights } from './topic-model/model.ts';
import { crisisGramsOf, crisisProbability, crisisWords, loadCrisisWeights } from './crisis-model/model.ts';
import { loadSeriousWeights, seriousGramsOf, seriousProbability, seriousReads, seriousWords } from './serious-model/model.ts';
import type { Reason } from './reasons.ts';
import { topicWordsVersion } from './topic.ts';

export { detectCrisisSignals, severityOf } from './severity.ts';
export { TOPICS, TOPIC_LABELS, topicLabel, type Topic } from './topic.ts';
export { classifyTopic } from './topic-model/model.ts';

/**
 * Identifies lexicon + weights in every stored score, so rescoring after a retrain is traceable. A
 * function, not a constant: the edge chooses the weights file (useWeightsFile) after this module loads.
 */
export const modelVersion = () => {
  const serious = loadSeriousWeights().version;
  const words = topicWordsVersion();
  // 'none' only when the serious-letter weights file is missing (they ship since the seventh round).
  return `lex-lr-${loadWeights().version}-topic-${loadTopicWeights().version}${words ? `-words-${words}` : ''}-crisis-${loadCrisisWeights().version}${serious === 'none' ? '' : `-serious-${serious}`}`;
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const uniq = (xs: string[]) => [...new Set(xs)];

/** A clause of the matter this sure of a complaint makes the letter a complaint, however polite the rest. */
const CLAUSE_NEGATIVE = 0.9;
/** Below this negative probability of its matter, a polite post with no complaint in it is calm (chosen on the development batches). */
const COURTESY_CALM = 0.1;
/**
 * Below this negative probability a short post (under LETTER_MIN_CHARS) that states no grievance is not a complaint, even when
 * negative is the likeliest of the three: one half, "more likely than not" itself (seventeenth round: SMP2020 Weibo development
 * part 68.6% → 71.0% right, the written held-out sets' negative F1 87.7% → 88.6%, the real development batches 92.88% → 92.85%).
 */
const SHORT_NEGATIVE = 0.5;

interface LetterVerdict {
  sentiment: Sentiment;
  negative: number;
  notes: Reason[];
}

/**
 * Sentiment of a post read as a letter: courtesy (greetings, thanks in advance, blessings) is set aside;
 * positive needs praise or thanks for something done; the worst clause of the matter, or a title that
 * names a grievance, makes it a complaint.
 */
function readSentiment(
  text: string,
  weights: ReturnType<typeof loadWeights>['weights'],
  whole: Record<Sentiment, number>,
  lex: FeatureVector['analysis'],
): LetterVerdict {
  const letter = readLetter(text);
  const notes: Reason[] = [];
  // Courtesy alone ("谢谢你们！", "您好", "辛苦了") complains of nothing and thanks no one for anything done: neutral,
  // and no likelier a complaint than not, whatever a model makes of two characters.
  if (!letter.matter.length && !letter.titleComplaint) {
    return { sentiment: 'neutral', negative: Math.min(whole.negative, 1 - whole.negative), notes: [{ kind: 'courtesyOnly' }] };
  }
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
  // A short post is a complaint only if the model finds it more likely than not, or it states a grievance: the written
  // posts the model learns from are mostly complaints, so a remark with little to go on ("他年轻时在县城读过两年师范。") leans negative.
  if (sentiment === 'negative' && text.length < LETTER_MIN_CHARS && p.negative < SHORT_NEGATIVE && !lex.grievances.length) {
    sentiment = 'neutral';
    notes.push({ kind: 'shortUnsure', negative: p.negative });
  }
  // A short post is one remark: its praise is praise ("窗口的小姐姐太耐心了👍"). In a letter, or in a post that
  // is only courtesy and requests ("请求解决，感谢！"), positive needs thanks for something done.
  const onlyAsks = letter.matter.every((c) => HOPE_CLAUSE.test(c));
  if (sentiment === 'positive' && (letter.titleComplaint || letter.titleAsks || (!letter.praise && (isLetter || onlyAsks)))) {
    sentiment = politeWithoutPraise(letter, lex, p);
    notes.push({ kind: 'courtesyNotPraise' });
  }
  if (sentiment !== 'negative' && letter.titleComplaint) {
    sentiment = 'negative';
    negative = Math.max(negative, 0.6);
    notes.push({ kind: 'titleComplaint', title: letter.title, grievance: letter.titleComplaint });
  } else if (sentiment === 'neutral' && letter.overdue && !letter.praise) {
    sentiment = 'negative';
    negative = Math.max(negative, 0.55);
    notes.push({ kind: 'overdue', words: letter.overdue });
  } else if (sentiment === 'neutral' && letter.challenge && !letter.praise && p.negative >= COURTESY_CALM) {
    // A letter asking whether what it recounts is fair complains through the question, unless its matter is plainly
    // calm: "请问该规定是否合理" closing a calm account of a rule is still a consultation.
    sentiment = 'negative';
    negative = Math.max(negative, 0.55);
    notes.push({ kind: 'challenge', words: letter.challenge });
  } else if (sentiment === 'neutral' && worst && worst.negative >= CLAUSE_NEGATIVE) {
    sentiment = 'negative';
    negative = Math.max(negative, worst.negative);
  }
  if (sentiment === 'negative' && worst && worst.negative >= 0.5) notes.push({ kind: 'worstClause', clause: worst.clause, negative: worst.negative });
  if (letter.courtesy.length && isLetter) notes.push({ kind: 'clauseScoring', matter: letter.matter.length, courtesy: letter.courtesy.length });
  return { sentiment, negative, notes };
}

/**
 * The sentiment of a post the model reads as positive whose politeness is no praise. It is a complaint when the title
 * complains, or when the model leans negative and the matter holds a complaint word, a grievance or something overdue,
 * or is not plainly calm; otherwise neutral. A polite suggestion (a bus stop moved, a night market opened) the model
 * barely finds negative is neutral (development batches: posts not complaints read as complaints 568 → 555,
 * complaints read neutral 4.2% → 4.3%).
 */
export function politeWithoutPraise(
  letter: Pick<LetterReading, 'titleComplaint' | 'overdue'>,
  lex: Pick<FeatureVector['analysis'], 'grievances' | 'hits'>,
  p: Record<Sentiment, number>,
): Sentiment {
  if (letter.titleComplaint) return 'negative';
  const complains = letter.overdue !== null || lex.grievances.length > 0 || lex.hits.some((h) => h.polarity === 'negative' && !h.negated);
  return (complains || p.negative >= COURTESY_CALM) && p.negative >= p.neutral ? 'negative' : 'neutral';
}

export function scoreText(text: string): ScoreResult {
  const { weights } = loadWeights();
  const features = extractFeatures(text);
  const whole = predict(features, weights);
  const verdict = readSentiment(text, weights, whole, features.analysis);
  const sentiment = verdict.sentiment;
  const p = { ...whole, negative: verdict.negative };

  const lex = features.analysis;
  const reasons: Reason[] = [...verdict.notes];
  const negWords = uniq(lex.hits.filter((h) => h.polarity === 'negative' && !h.negated).map((h) => h.word));
  const negatedPos = uniq(lex.hits.filter((h) => h.polarity === 'positive' && h.negated).map((h) => h.word));
  const posWords = uniq(lex.hits.filter((h) => h.polarity === 'positive' && !h.negated).map((h) => h.word));
  const negatedNeg = uniq(lex.hits.filter((h) => h.polarity === 'negative' && h.negated).map((h) => h.word));
  if (negWords.length || negatedPos.length) reasons.push({ kind: 'negativeWords', words: negWords, negatedPositive: negatedPos });
  if (posWords.length) reasons.push({ kind: 'positiveWords', words: posWords });
  if (lex.irony.length) reasons.push({ kind: 'irony', words: uniq(lex.irony).slice(0, 3) });
  if (lex.grievances.length) reasons.push({ kind: 'grievances', labels: lex.grievances.map((g) => g.label) });
  if (negatedNeg.length) reasons.push({ kind: 'negated', words: negatedNeg });
  if (lex.questions.length && sentiment === 'neutral') reasons.push({ kind: 'questions', words: lex.questions.slice(0, 3) });
  if (lex.appeals.length && sentiment === 'negative') reasons.push({ kind: 'appeals', words: lex.appeals.slice(0, 3) });

  const { signals, isComplaint, thanks, counted, ruled, asks } = ruleSeverity(text, sentiment, p.negative, lex.grievances.length > 0);
  // Crises put in words the rules do not list ("明早八点老地方见，人越多越好"): the crisis model.
  const crisisWeights = loadCrisisWeights().weights;
  const crisisGrams = crisisGramsOf(text, features.grams);
  const { probability: crisis, raised } = crisisModelRaise(asks, crisisGrams);
  // A complaint the rules leave at 1 whose wording is serious in ways the rules do not list (many affected, long
  // unresolved, asked again and again): the serious-letter model raises it to 2.
  const seriousWeights = loadSeriousWeights().weights;
  const seriousGrams = seriousWeights && !raised && asks.serious && seriousReads(text, seriousWeights) ? seriousGramsOf(text) : null;
  const serious = seriousGrams ? seriousProbability(seriousGrams, seriousWeights!) : 0;
  const raisedTwo = seriousWeights !== null && serious > seriousWeights.threshold;
  const severity = raised ? 3 : raisedTwo ? 2 : ruled;
  if (thanks && signals.length) reasons.push({ kind: 'thanksIgnoresCrisis' });
  else {
    reasons.push(...severityReasons(countedSignals(counted, isComplaint)));
    if (counted.length < signals.length) reasons.push({ kind: 'calmIgnoresCrisis' });
  }
  // Its words are marked in the post like the rules' crisis words.
  if (raised) reasons.push({ kind: 'crisisModel', words: crisisWords(text, crisisGrams, crisisWeights!), probability: crisis });
  if (raisedTwo)
    reasons.push({
      kind: 'seriousModel',
      words: seriousWords(text, seriousGrams!, seriousWeights!),
      probability: serious,
      shipped: seriousWeights!.trainedOn === 'written',
    });
  if (severity === 1) reasons.push({ kind: 'ordinaryComplaint', negative: sentiment === 'negative' });
  const topic = classifyLetterTopic(text, titleOf(text), features.grams);
  if (topic.words.length) reasons.push({ kind: 'topicWords', words: topic.words.slice(0, 4) });
  reasons.push({ kind: 'model', negative: p.negative });

  return {
    sentiment,
    negative: round3(p.negative),
    severity,
    topic: topic.topic,
    reasons,
  };
}

/**
 * The crisis model's probability for a post and whether it raises the post to 3 (only a post the rules let it
 * ask about, `asks.crisis`). scoreText decides with it; choosing a serious-letter threshold (labelling/training-sets.ts
 * seriousThresholdCase, for `minsheng train` and the threshold bench) counts the same raises.
 */
export function crisisModelRaise(asks: { crisis: boolean }, grams: string[]): { probability: number; raised: boolean } {
  const weights = loadCrisisWeights().weights;
  const probability = weights && asks.crisis ? crisisProbability(grams, weights) : 0;
  return { probability, raised: weights !== null && probability > weights.threshold };
}

/** The rules' severity of a post, and which severity model may raise it. */
function ruleSeverity(text: string, sentiment: Sentiment, negative: number, grievance: boolean) {
  // An ordinary complaint is severity 1: negative, or a grievance stated calmly as fact. Thanks for a
  // solved problem is not a complaint even when it recalls the arrears.
  // Saying one has asked five times or waited half a year is itself a grievance, however politely put.
  const signals = detectCrisisSignals(text);
  const isComplaint = sentiment === 'negative' || (sentiment === 'neutral' && (grievance || signals.some((s) => s.kind === 'repeat')));
  // Thanks for a solved problem recalls the crisis that did not happen ("本来都打算去县政府了，感谢监察大队"):
  // a post the model reads as clearly positive is not an escalation, whatever words it remembers.
  const thanks = sentiment === 'positive' && negative < 0.2;
  // A notice that says gatherings are unlawful, news of a protest settled years ago, a student asking what
  // 上访 means: crisis words in a post with no complaint in it and little negative tone are not a crisis now.
  const calm = !isComplaint && negative < 0.35;
  const counted = calm ? signals.filter((s) => s.kind === 'safety') : signals;
  const ruled = thanks ? 0 : severityOf(counted, isComplaint);
  // Which model may raise the post: the crisis model unless the rules already say 3 or it is thanks or a calm
  // notice or question; the serious-letter model only a plain complaint the rules leave at 1 (and the shipped
  // one only a letter: seriousReads).
  const asks = { crisis: ruled < 3 && !thanks && !calm, serious: ruled === 1 };
  return { signals, isComplaint, thanks, counted, ruled, asks };
}

/**
 * What the crisis and serious-letter models decide on for one post, as scoreText sees it: the rules' severity,
 * which model may raise it, and its n-grams as the crisis model reads them. `minsheng train` uses it to choose a retrained model's threshold
 * on the bureau's own posts.
 */
export function severityModelInput(text: string): { ruled: Severity; asks: { crisis: boolean; serious: boolean }; crisisGrams: string[] } {
  const { weights } = loadWeights();
  const features = extractFeatures(text);
  const verdict = readSentiment(text, weights, predict(features, weights), features.analysis);
  const { ruled, asks } = ruleSeverity(text, verdict.sentiment, verdict.negative, features.analysis.grievances.length > 0);
  return { ruled, asks, crisisGrams: crisisGramsOf(text, features.grams) };
}
