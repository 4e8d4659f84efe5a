/// <reference path="../.astro/types.d.ts" />
// Content collections: the 政策明白纸 (explainers) and the glossary, both validated with zod.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { explainerSchema } from './lib/public/explainer-schema.ts';
import { glossarySchema } from './lib/public/glossary-schema.ts';
import { explainersDir } from './lib/content-dir.ts';

const explainers = defineCollection({
  loader: glob({ pattern: '*.md', base: explainersDir() }),
  schema: explainerSchema,
});

const glossary = defineCollection({
  loader: file('./site/content/glossary.yaml'),
  schema: glossarySchema,
});

export const collections = { explainers, glossary };
