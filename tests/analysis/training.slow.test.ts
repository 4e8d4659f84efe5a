// Reproducibility of the shipped models: training on the committed examples gives byte for byte the
// weights files in the repository, so nobody ships weights that the examples cannot explain. Real
// training runs (tens of seconds each on a busy 2-core machine), hence the slow tier.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { jsonlFilesIn, readShippedExamples, serializeWeights, SHIPPED_EXAMPLES_DIR, train } from '../../analysis/sentiment/train.ts';
import { DEFAULT_WEIGHTS_FILE } from '../../analysis/sentiment/model.ts';
import { topicExamplesFrom, trainTopics } from '../../analysis/topic-model/train.ts';
import { TOPIC_WEIGHTS_FILE } from '../../analysis/topic-model/model.ts';
import { crisisExamplesFrom, trainCrisis } from '../../analysis/crisis-model/train.ts';
import { CRISIS_WEIGHTS_FILE } from '../../analysis/crisis-model/model.ts';

describe('the shipped sentiment weights', () => {
  it('are exactly what training on the committed examples produces', () => {
    const examples = readShippedExamples();
    expect(examples.length).toBeGreaterThanOrEqual(800);
    const fresh = serializeWeights(train(examples));
    expect(fresh).toBe(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8'));
  });
});

describe('the shipped topic weights', () => {
  it('are exactly what training on the committed examples produces', () => {
    const examples = topicExamplesFrom(jsonlFilesIn(SHIPPED_EXAMPLES_DIR));
    expect(examples.length).toBeGreaterThanOrEqual(2000);
    expect(JSON.stringify(trainTopics(examples)) + '\n').toBe(readFileSync(TOPIC_WEIGHTS_FILE, 'utf8'));
  });
});

describe('the shipped crisis weights', () => {
  it('are exactly what training on the committed examples produces', () => {
    const examples = crisisExamplesFrom(jsonlFilesIn(SHIPPED_EXAMPLES_DIR));
    expect(examples.filter((e) => e.crisis).length).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(trainCrisis(examples)) + '\n').toBe(readFileSync(CRISIS_WEIGHTS_FILE, 'utf8'));
  });
});
