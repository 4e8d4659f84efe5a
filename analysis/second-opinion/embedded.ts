// The default second opinion: the embedded scorer itself, so the interface always has an
// answer offline. Its quotes are the scorer's matched words that occur in the post.
import { scoreText } from '../index.ts';
import { reasonText, reasonWords } from '../reasons.ts';
import { checkQuotes, type Judgement, type SecondOpinion, SecondOpinionError } from './second-opinion.ts';

export class EmbeddedSecondOpinion implements SecondOpinion {
  readonly name = 'embedded';

  async judge(text: string): Promise<Judgement> {
    if (text.trim() === '') throw new SecondOpinionError('帖子内容为空，无法判断');
    const score = scoreText(text);
    const { quotes } = checkQuotes(text, reasonWords(score.reasons).slice(0, 6));
    return {
      sentiment: score.sentiment,
      negative: score.negative,
      severity: score.severity,
      rationale: score.reasons.map(reasonText).join('；').slice(0, 400),
      quotes,
      inventedQuotes: 0,
      by: this.name,
    };
  }
}
