// Which weights the four models score with, and the bureau's topic words. The edge chooses once (cli/main.ts):
// the bureau's retrained files in the data directory where `minsheng train` wrote them, else the shipped ones,
// the sentiment model's file overridable by MINSHENG_SENTIMENT_WEIGHTS; config/topics.yaml or MINSHENG_TOPICS.
// A long-running process (`minsheng watch`, a worker) looks again before each analysis run (analysis/pipeline.ts),
// so a retraining or an edited word list takes effect on the next posts without a restart, and the model
// version stored with each score says which weights and words gave it.
import { ConfigError } from '../config/load.ts';
import { crisisWeightsSlot } from './crisis-model/model.ts';
import { fileStamp } from './linear-model.ts';
import { seriousWeightsSlot } from './serious-model/model.ts';
import { sentimentWeightsSlot } from './sentiment/model.ts';
import { topicWeightsSlot } from './topic-model/model.ts';
import { useTopicWords } from './topic.ts';
import { DEFAULT_TOPIC_WORDS_FILE, loadTopicWords } from './topic-words.ts';

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

/** How a refresh names the topic words among the models it reloaded. */
export const TOPIC_WORDS_NAME = '主题词表';

/**
 * The topic words in use: the file named (MINSHENG_TOPICS) or the default one, and what it was when read;
 * `rejected`: what it was when it last failed to parse, so one bad edit is reported once.
 */
let topicWords: { named: string | undefined; stamp: string | null; rejected: { stamp: string | null } | null } | null = null;
const topicWordsFile = (named: string | undefined) => named ?? DEFAULT_TOPIC_WORDS_FILE;

/**
 * Everything the analysis scores with that a bureau chooses: the weights (chooseWeights) and its topic words
 * (`topicsFile`, else config/topics.yaml). The command line, the console's built-in second opinion and
 * `npm run eval -- FILE` choose through this one call, so they score alike. A word list with mistakes is an
 * error here: the edge stops and names them.
 */
export function chooseModels(o: { dataDir?: string | undefined; sentimentWeights?: string | undefined; topicsFile?: string | undefined }): void {
  chooseWeights(o);
  // stamped before reading: an edit during the read is seen by the next refresh
  const stamp = fileStamp(topicWordsFile(o.topicsFile));
  useTopicWords(loadTopicWords(o.topicsFile));
  topicWords = { named: o.topicsFile, stamp, rejected: null };
}

export interface Refreshed {
  /** What the next score reads anew: models whose weights were retrained, replaced or removed, and TOPIC_WORDS_NAME when the words changed. */
  reloaded: string[];
  /**
   * A word list edited with mistakes (Chinese, naming them), reported once per edit: the words read before stay
   * in use, so a typo stops no analysis and changes no score.
   */
  topicWordsError: string | null;
}

/** Looks at the weights files and the topic words file again (a long-running process, before each analysis run). */
export function refreshModels(): Refreshed {
  const reloaded: string[] = SLOTS.filter(({ slot }) => slot.refresh()).map(({ name }) => name);
  let topicWordsError: string | null = null;
  if (topicWords) {
    const stamp = fileStamp(topicWordsFile(topicWords.named));
    if (stamp !== topicWords.stamp && (!topicWords.rejected || stamp !== topicWords.rejected.stamp)) {
      try {
        useTopicWords(loadTopicWords(topicWords.named));
        topicWords = { ...topicWords, stamp, rejected: null };
        reloaded.push(TOPIC_WORDS_NAME);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        topicWords = { ...topicWords, rejected: { stamp } };
        topicWordsError = `${err.message}\n（仍按改之前的主题词表判主题；改好保存后下一轮分析自动换用）`;
      }
    }
  }
  return { reloaded, topicWordsError };
}
