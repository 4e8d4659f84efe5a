// LLM review of the default scores: only posts whose default score is uncertain (negative
// probability near the middle) or severe (2–3) are sent, at most `concurrency` at a time, each
// answer cached by the text's hash. When the LLM is down, slow or answers badly, the default score
// stands and its reasons say so — a review can only add information, never lose a score.
import { createHash } from 'node:crypto';
import type { ScoreResult } from '../../store/types.ts';
import type { Judgement, SecondOpinion } from './second-opinion.ts';

export interface ReviewOptions {
  /** Posts sent at the same time (default 2: the machine is small and Ollama queues anyway). */
  concurrency?: number;
  /** Negative probability in [low, high] counts as uncertain (default 0.35–0.65). */
  uncertain?: [number, number];
  /** Severity at or above this is reviewed whatever the probability (default 2). */
  severeFrom?: number;
  cache?: ReviewCache;
}

/** Answers by text hash; a Map is enough for one run, a caller may persist `entries()`. */
export class ReviewCache {
  private readonly answers = new Map<string, Judgement>();
  static key(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }
  get(text: string): Judgement | undefined {
    return this.answers.get(ReviewCache.key(text));
  }
  set(text: string, j: Judgement): void {
    this.answers.set(ReviewCache.key(text), j);
  }
  get size(): number {
    return this.answers.size;
  }
}

export function needsReview(score: ScoreResult, options: ReviewOptions = {}): boolean {
  const [low, high] = options.uncertain ?? [0.35, 0.65];
  return score.severity >= (options.severeFrom ?? 2) || (score.negative >= low && score.negative <= high);
}

export type ReviewOutcome = 'kept' | 'reviewed' | 'cached' | 'failed';

export interface Reviewed {
  score: ScoreResult;
  outcome: ReviewOutcome;
}

/**
 * The reviewed score: the LLM's sentiment and probability; severity never drops below a crisis (3)
 * the rules found, since a missed crisis costs more than a second look.
 */
export function mergeJudgement(score: ScoreResult, j: Judgement): ScoreResult {
  const severity = (score.severity === 3 ? 3 : j.severity) as ScoreResult['severity'];
  return {
    ...score,
    sentiment: j.sentiment,
    negative: Math.round(j.negative * 1000) / 1000,
    severity,
    reasons: [
      ...score.reasons,
      {
        kind: 'review',
        by: j.by,
        sentiment: j.sentiment,
        severity,
        agreed: j.sentiment === score.sentiment && severity === score.severity,
        rationale: j.rationale,
        quotes: j.quotes,
      },
    ],
  };
}

/** Reviews the posts that need it; the result is in input order, one per item. */
export async function reviewScores(items: { text: string; score: ScoreResult }[], opinion: SecondOpinion, options: ReviewOptions = {}): Promise<Reviewed[]> {
  const cache = options.cache ?? new ReviewCache();
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const out: Reviewed[] = items.map((it) => ({ score: it.score, outcome: 'kept' }));
  const queue = items.map((_, i) => i).filter((i) => needsReview(items[i]!.score, options));
  // Identical texts in one batch are asked once: the second waits for the first's answer.
  const inFlight = new Map<string, Promise<Judgement>>();

  async function reviewOne(i: number): Promise<void> {
    const { text, score } = items[i]!;
    const cached = cache.get(text);
    if (cached) {
      out[i] = { score: mergeJudgement(score, cached), outcome: 'cached' };
      return;
    }
    const key = ReviewCache.key(text);
    let pending = inFlight.get(key);
    const first = !pending;
    if (!pending) {
      pending = opinion.judge(text);
      inFlight.set(key, pending);
    }
    try {
      const j = await pending;
      if (first) cache.set(text, j);
      out[i] = { score: mergeJudgement(score, j), outcome: first ? 'reviewed' : 'cached' };
    } catch (err) {
      out[i] = { score: { ...score, reasons: [...score.reasons, { kind: 'reviewFailed', message: (err as Error).message }] }, outcome: 'failed' };
    }
  }

  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    while (next < queue.length) await reviewOne(queue[next++]!);
  });
  await Promise.all(workers);
  return out;
}
