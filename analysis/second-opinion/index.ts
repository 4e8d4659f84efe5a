// Which second opinion this deployment uses: Ollama when OLLAMA_HOST is set (model from
// MINSHENG_LLM_MODEL, default qwen2.5:3b, small enough for CPU), the embedded scorer otherwise.
import { EmbeddedSecondOpinion } from './embedded.ts';
import { OllamaSecondOpinion } from './ollama.ts';
import type { SecondOpinion } from './second-opinion.ts';
import type { Env } from '../../config/env.ts';

export * from './second-opinion.ts';
export * from './review.ts';
export { EmbeddedSecondOpinion, OllamaSecondOpinion };

export const DEFAULT_LLM_MODEL = 'qwen2.5:3b';

/** `llm`: the parsed environment's OLLAMA_HOST and MINSHENG_LLM_MODEL; absent, the embedded scorer. */
export function openSecondOpinion(llm?: Env['llm']): SecondOpinion {
  if (!llm) return new EmbeddedSecondOpinion();
  return new OllamaSecondOpinion(llm.host, llm.model ?? DEFAULT_LLM_MODEL);
}
