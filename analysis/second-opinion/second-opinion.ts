// A second opinion on one post: the embedded scorer by default, an LLM through Ollama when
// OLLAMA_HOST is set. Either way the answer has one shape, and every quote it gives must be
// found verbatim in the post — an LLM's invented citation is dropped and counted, never shown.
import { z } from 'zod';
import { SENTIMENTS } from '../../shared/vocabulary.ts';

export const judgementSchema = z.object({
  sentiment: z.enum(SENTIMENTS),
  negative: z.number().min(0).max(1),
  severity: z.number().int().min(0).max(3),
  rationale: z.string().max(400),
  /** Phrases copied from the post that support the judgement. */
  quotes: z.array(z.string().min(1).max(80)).max(6),
});

export type Judgement = z.infer<typeof judgementSchema> & {
  /** Quotes the model gave that are not in the post (dropped from `quotes`). */
  inventedQuotes: number;
  by: string;
};

export interface SecondOpinion {
  readonly name: string;
  judge(text: string): Promise<Judgement>;
}

export class SecondOpinionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecondOpinionError';
  }
}

/** Keeps only quotes that really occur in the post (ignoring whitespace differences). */
export function checkQuotes(text: string, quotes: string[]): { quotes: string[]; invented: number } {
  const squash = (s: string) => s.replace(/\s+/g, '');
  const haystack = squash(text);
  const kept = quotes.filter((q) => squash(q) !== '' && haystack.includes(squash(q)));
  return { quotes: kept, invented: quotes.length - kept.length };
}

/** Parses a model's raw JSON answer into a Judgement, or explains in Chinese why it cannot. */
export function parseJudgement(raw: string, text: string, by: string): Judgement {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new SecondOpinionError(`${by} 的回答不是 JSON：${raw.slice(0, 80)}`);
  }
  const parsed = judgementSchema.safeParse(data);
  if (!parsed.success) {
    throw new SecondOpinionError(`${by} 的回答缺少或写错字段：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`);
  }
  const { quotes, invented } = checkQuotes(text, parsed.data.quotes);
  return { ...parsed.data, quotes, inventedQuotes: invented, by };
}
