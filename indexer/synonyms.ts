// Search synonyms from config/synonyms.yaml: groups of words that mean the same to a resident
// (社保 = 社会保险). The embedded engine expands them at query time; Meilisearch gets them as
// index settings.
import { z } from 'zod';
import { loadConfigFile } from '../config/load.ts';
import { projectPath } from '../config/paths.ts';

export const DEFAULT_SYNONYMS_FILE = projectPath('config', 'synonyms.yaml');

export const synonymsSchema = z
  .object({
    groups: z.array(
      z
        .array(
          // YAML reads 12333 as a number; a hotline number is a word here.
          z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ error: '应为词语（文字）' }).trim().min(1, '词语不能为空')),
          { error: '应为一组词语，例如 [社保, 社会保险]' },
        )
        .min(2, '每组至少要有两个词'),
      { error: '应为同义词组的列表' },
    ),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Map<string, number>();
    value.groups.forEach((group, g) => {
      group.forEach((word, w) => {
        const other = seen.get(word);
        if (other !== undefined && other !== g) {
          ctx.addIssue({ code: 'custom', path: ['groups', g, w], message: `“${word}”已在第 ${other + 1} 组出现，同一个词只能在一组里` });
        }
        seen.set(word, g);
      });
    });
  });

export type Synonyms = z.infer<typeof synonymsSchema>;

export function loadSynonyms(file = DEFAULT_SYNONYMS_FILE): Synonyms {
  return loadConfigFile(synonymsSchema, file);
}

/** word → every word of its group (itself included). */
export function synonymIndex(synonyms: Synonyms): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const group of synonyms.groups) {
    const words = [...new Set(group)];
    for (const w of words) index.set(w, words);
  }
  return index;
}

/** Meilisearch's form: each word maps to the others of its group. */
export function meilisearchSynonyms(synonyms: Synonyms): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [word, group] of synonymIndex(synonyms)) out[word] = group.filter((w) => w !== word);
  return out;
}
