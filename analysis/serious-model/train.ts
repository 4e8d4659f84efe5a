// Fits the serious-letter model (severity 2 or 3 = serious) on labelled examples. Deterministic like the
// other models. Nothing ships: `minsheng train` calls this with a bureau's severity labels.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fitLinear } from '../linear-model.ts';
import { extractFeatures } from '../sentiment/features.ts';
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
  // The crisis model's settings: the same kind of model over the same n-grams.
  const epochs = 60;
  const l2 = 3e-5;
  const minDocFreq = 3;
  const rows = examples.map((e) => ({ grams: extractFeatures(e.text).grams, dense: [], y: e.serious ? 1 : 0 }));
  const fitted = fitLinear(rows, { classes: 2, epochs, l2, learningRate: 0.5, minDocFreq });
  const sha = createHash('sha256')
    .update(examples.map((e) => `${e.serious ? 2 : 0}\t${e.text}`).join('\n'))
    .digest('hex');
  return {
    format: 'minsheng-serious-lr/1',
    bias: fitted.bias,
    grams: fitted.grams,
    threshold,
    training: { examples: examples.length, serious: examples.filter((e) => e.serious).length, examplesSha256: sha, epochs, l2, minDocFreq },
  };
}
