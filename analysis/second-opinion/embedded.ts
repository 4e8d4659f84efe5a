// The default second opinion: the embedded scorer itself, so the interface always has an
// answer offline. Its quotes are the scorer's matched words that occur in the post.
import { scoreText } from '../index.ts';
import { checkQuotes, type Judgement, type SecondOpinion, SecondOpinionError } from './second-opinion.ts';

const QUOTED_WORDS = /[：:]\s*(.+)$/;

export class EmbeddedSecondOpinion implements SecondOpinion {
  readonly name = 'embedded';

  async judge(text: string): Promise<Judgement> {
    if (text.trim() === '') throw new SecondOpinionError('帖子内容为空，无法判断');
    const score = scoreText(text);
    const words = score.reasons.flatMap((r) => QUOTED_WORDS.exec(r)?.[1]?.split(/[、,，\s]+/) ?? []);
    const { quotes } = checkQuotes(text, [...new Set(words)].slice(0, 6));
    return {
      sentiment: score.sentiment,
      negative: score.negative,
      severity: score.severity,
      rationale: score.reasons.join('；').slice(0, 400),
      quotes,
      inventedQuotes: 0,
      by: this.name,
    };
  }
}
