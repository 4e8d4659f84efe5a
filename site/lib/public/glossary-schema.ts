// A glossary entry: a term residents meet in policy texts and its plain explanation.
// Astro's bundled zod (v3), as the content layer requires.
import { z } from 'astro/zod';

export const glossarySchema = z
  .object({
    id: z.string(),
    term: z.string({ required_error: '缺少词语 term' }),
    plain: z.string({ required_error: '缺少通俗解释 plain' }).max(120, '解释不超过 120 个字'),
    example: z.string().optional(),
  })
  .strict();

export type GlossaryEntry = z.infer<typeof glossarySchema>;
