// Chinese word segmentation shared by analysis and the indexer. jieba with the project's
// dictionary: Intl.Segmenter splits 社保 and 达州 wrongly and is slow on long strings.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { readFileSync } from 'node:fs';
import { projectPath } from '../config/paths.ts';

const PROJECT_DICTIONARY = projectPath('config', 'dictionary.txt');

let jieba: Jieba | null = null;

/** The segmenter, loaded once per process (the dictionary takes ~100 ms to load). */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(PROJECT_DICTIONARY));
  }
  return jieba;
}

const WORD = /[\p{L}\p{N}]/u;

/** Words of a text, punctuation and spaces dropped. */
export function segment(text: string): string[] {
  return segmenter()
    .cut(text, true)
    .filter((w) => WORD.test(w));
}

/** Search-mode segmentation: long words also yield their parts (养老保险 → 养老, 保险, 养老保险). */
export function segmentForSearch(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .filter((w) => WORD.test(w));
}
