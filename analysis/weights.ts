// Which weights the four models score with. The edge chooses once (cli/main.ts): the bureau's retrained
// files in the data directory where `minsheng train` wrote them, else the shipped ones, the sentiment
// model's file overridable by MINSHENG_SENTIMENT_WEIGHTS. A long-running process (`minsheng watch`, a worker)
// looks again before each analysis run (analysis/pipeline.ts), so a retraining takes effect on the next
// posts without a restart, and the model version stored with each score says which weights gave it.
import { crisisWeightsSlot } from './crisis-model/model.ts';
import { seriousWeightsSlot } from './serious-model/model.ts';
import { sentimentWeightsSlot } from './sentiment/model.ts';
import { topicWeightsSlot } from './topic-model/model.ts';
import { useTopicWords } from './topic.ts';
import { loadTopicWords } from './topic-words.ts';

const SLOTS = [
  { name: '情感模型', slot: sentimentWeightsSlot },
  { name: '主题模型', slot: topicWeightsSlot },
  { name: '危机模型', slot: crisisWeightsSlot },
  { name: '严重信号模型', slot: seriousWeightsSlot },
] as const;

/** The data directory defaults to ./data, as everywhere else. */
export function chooseWeights(o: { dataDir?: string | undefined; sentimentWeights?: string | undefined }): void {
  const dataDir = o.dataDir ?? 'data';
  if (o.sentimentWeights) sentimentWeightsSlot.use(o.sentimentWeights);
  else sentimentWeightsSlot.useDataDir(dataDir);
  for (const { slot } of SLOTS.slice(1)) slot.useDataDir(dataDir);
}

/**
 * Everything the analysis scores with that a bureau chooses: the weights (chooseWeights) and its topic words
 * (`topicsFile`, else config/topics.yaml). The command line, the console's built-in second opinion and
 * `npm run eval -- FILE` choose through this one call, so they score alike.
 */
export function chooseModels(o: { dataDir?: string | undefined; sentimentWeights?: string | undefined; topicsFile?: string | undefined }): void {
  chooseWeights(o);
  useTopicWords(loadTopicWords(o.topicsFile));
}

/** Looks at the weights files again; the models whose weights the next score reads anew (retrained, replaced or removed). */
export function refreshWeights(): string[] {
  return SLOTS.filter(({ slot }) => slot.refresh()).map(({ name }) => name);
}
