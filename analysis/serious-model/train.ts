// Fits the serious-letter model (severity 2 or 3 = serious) on labelled examples. Deterministic like the
// other models. Nothing ships: `minsheng train` calls this with a bureau's severity labels.
import { readFileSync } from 'node:fs';
import { fitSeverityModel } from '../crisis-model/train.ts';
import { parseLabelledLines } from '../sentiment/evaluate.ts';
import type { SeriousWeights } from './model.ts';

/** Until a threshold is chosen on the bureau's own posts (analysis/labelling/training-sets.ts). */
export const SERIOUS_THRESHOLD = 0.5;

export interface SeriousExample {
  text: string;
  serious: boolean;
}

export function seriousExamplesFrom(files: string[]): SeriousExample[] {
  return files.flatMap((f) =>
    parseLabelledLines(readFileSync(f, 'utf8'), f)
      .filter((l) => l.severity !== undefined)
      .map((l) => ({ text: l.text, serious: l.severity! >= 2 })),
  );
}

export function trainSerious(examples: SeriousExample[], threshold = SERIOUS_THRESHOLD): SeriousWeights {
  const { bias, grams, positives, examplesSha256, epochs, l2, minDocFreq } = fitSeverityModel(examples, (e) => e.serious, 2);
  return {
    format: 'minsheng-serious-lr/1',
    bias,
    grams,
    threshold,
    training: { examples: examples.length, serious: positives, examplesSha256, epochs, l2, minDocFreq },
  };
}
