// Reproducibility of the shipped models: training on the committed examples gives byte for byte the
// weights files in the repository, so nobody ships weights that the examples cannot explain; and no
// held-out post (or a near-copy) is among those examples. Real training runs and an all-pairs
// trigram comparison (tens of seconds each on a busy 2-core machine), hence the slow tier.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readExampleFiles, readShippedExamples, serializeWeights, train } from '../../analysis/sentiment/train.ts';
import { jsonlFilesIn, TEST_DIR, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { charNgrams } from '../../analysis/sentiment/features.ts';
import { DEFAULT_WEIGHTS_FILE } from '../../analysis/sentiment/model.ts';
import { topicExamplesFrom, trainTopics } from '../../analysis/topic-model/train.ts';
import { TOPIC_WEIGHTS_FILE } from '../../analysis/topic-model/model.ts';
import { crisisExamplesFrom, trainCrisis } from '../../analysis/crisis-model/train.ts';
import { CRISIS_WEIGHTS_FILE } from '../../analysis/crisis-model/model.ts';
import { seriousExamplesFrom, SERIOUS_THRESHOLD, trainSerious } from '../../analysis/serious-model/train.ts';
import { SERIOUS_WEIGHTS_FILE } from '../../analysis/serious-model/model.ts';

describe('the shipped sentiment weights', () => {
  const trainedTexts = () => new Set(readShippedExamples().map((e) => e.text.trim()));

  it('were not trained on any post of the held-out sets, not even a near-copy', () => {
    const files = jsonlFilesIn(TEST_DIR);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const heldOut = readExampleFiles(files).map((e) => e.text.trim());
    expect(heldOut.length).toBeGreaterThanOrEqual(150);
    const trained = trainedTexts();
    expect(heldOut.filter((t) => trained.has(t))).toEqual([]);
    // A reworded copy would flatter the figures just as much: no held-out post may share most of its
    // character trigrams with a training example.
    const trigrams = (t: string) => charNgrams(t, 3);
    const byGram = new Map<string, number[]>();
    const trainedGrams = [...trained].map(trigrams);
    trainedGrams.forEach((grams, i) => {
      for (const g of grams) if (g.length === 3) (byGram.get(g) ?? byGram.set(g, []).get(g)!).push(i);
    });
    const nearCopies = heldOut.filter((t) => {
      const mine = [...trigrams(t)].filter((g) => g.length === 3);
      const shared = new Map<number, number>();
      for (const g of mine) for (const i of byGram.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
      return [...shared.entries()].some(([i, n]) => {
        const theirs = [...trainedGrams[i]!].filter((g) => g.length === 3).length;
        return n / (mine.length + theirs - n) >= 0.8;
      });
    });
    expect(nearCopies).toEqual([]);
  });

  it('are exactly what training on the committed examples produces', () => {
    const examples = readShippedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(800);
    const fresh = serializeWeights(train(examples));
    expect(fresh).toBe(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8'));
  });
});

describe('the shipped topic weights', () => {
  it('are exactly what training on the committed examples produces', () => {
    const examples = topicExamplesFrom(jsonlFilesIn(TRAIN_DIR));
    expect(examples.length).toBeGreaterThanOrEqual(2000);
    expect(JSON.stringify(trainTopics(examples)) + '\n').toBe(readFileSync(TOPIC_WEIGHTS_FILE, 'utf8'));
  });
});

describe('the shipped crisis weights', () => {
  it('are exactly what training on the committed examples produces', () => {
    const examples = crisisExamplesFrom(jsonlFilesIn(TRAIN_DIR));
    expect(examples.filter((e) => e.crisis).length).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(trainCrisis(examples)) + '\n').toBe(readFileSync(CRISIS_WEIGHTS_FILE, 'utf8'));
  });
});

describe('the shipped serious-letter weights', () => {
  it('are exactly what training on the committed examples produces, with the threshold chosen on real letters', () => {
    const examples = seriousExamplesFrom(jsonlFilesIn(TRAIN_DIR));
    expect(examples.filter((e) => e.serious).length).toBeGreaterThanOrEqual(1000);
    const fresh = trainSerious(examples);
    expect(fresh.threshold).toBe(SERIOUS_THRESHOLD);
    expect(fresh.trainedOn).toBe('written');
    expect(JSON.stringify(fresh) + '\n').toBe(readFileSync(SERIOUS_WEIGHTS_FILE, 'utf8'));
  });
});
