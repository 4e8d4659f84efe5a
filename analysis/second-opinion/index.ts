// Which second opinion this deployment uses: Ollama when OLLAMA_HOST is set (model from
// MINSHENG_LLM_MODEL, default qwen2.5:3b, small enough for CPU), the embedded scorer otherwise.
import { EmbeddedSecondOpinion } from './embedded.ts';
import { OllamaSecondOpinion } from './ollama.ts';
import type { SecondOpinion } from './second-opinion.ts';

export * from './second-opinion.ts';
export * from './review.ts';
export { EmbeddedSecondOpinion, OllamaSecondOpinion };

export const DEFAULT_LLM_MODEL = 'qwen2.5:3b';

export function openSecondOpinion(env: NodeJS.ProcessEnv = process.env): SecondOpinion {
  const host = env.OLLAMA_HOST?.trim();
  if (!host) return new EmbeddedSecondOpinion();
  return new OllamaSecondOpinion(host, env.MINSHENG_LLM_MODEL?.trim() || DEFAULT_LLM_MODEL);
}
