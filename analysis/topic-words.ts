// A bureau's topic boundary: config/topics.yaml, validated with zod. Read by the command line at start
// (cli/main.ts), and again by a long-running process when the file was saved since (analysis/weights.ts), and
// handed to the keyword rules (useTopicWords); nothing else reads the file.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../config/paths.ts';
import { loadConfigFile, parseConfigText } from '../config/load.ts';
import { OTHER_TOPIC, TOPICS, type Topic } from '../shared/vocabulary.ts';
import type { TopicWords } from './topic.ts';

export const DEFAULT_TOPIC_WORDS_FILE = projectPath('config', 'topics.yaml');

const LINES = TOPICS.filter((t) => t !== OTHER_TOPIC) as Exclude<Topic, 'other'>[];

// Two characters at least: one character (工, 保) is in too many posts to name a business line.
const word = z.string({ error: '应为词语（文字）' }).trim().min(2, '每个词至少两个字');
const words = z.array(word, { error: '应为词语列表，例如 [教师绩效工资, 临聘教师工资]' }).default([]);

export const topicWordsSchema = z
  .object({
    lines: z
      .object(Object.fromEntries(LINES.map((t) => [t, words])) as Record<Exclude<Topic, 'other'>, typeof words>, {
        error: (issue) => (issue.code === 'invalid_type' ? '应为各业务线的词表，例如 wages: [教师绩效工资]' : undefined),
      })
      .strict()
      .partial()
      .default({}),
    otherDepartments: words,
  })
  .strict()
  .superRefine((value, ctx) => {
    // One word names one line: a word under two lines, or under a line and otherDepartments, is a typo.
    const owner = new Map<string, string>();
    const claim = (w: string, where: string, path: (string | number)[]) => {
      const key = w.toLowerCase();
      const before = owner.get(key);
      if (before && before !== where) ctx.addIssue({ code: 'custom', path, message: `“${w}”已写在 ${before} 下，一个词只能归一处` });
      else owner.set(key, where);
    };
    for (const [topic, ws] of Object.entries(value.lines)) ws?.forEach((w, i) => claim(w, `lines.${topic}`, ['lines', topic, i]));
    value.otherDepartments.forEach((w, i) => claim(w, 'otherDepartments', ['otherDepartments', i]));
  });

/** Parses the file's text; errors name the file, the field and what to write, in Chinese. */
export function parseTopicWords(text: string, file: string): TopicWords {
  return parseConfigText(topicWordsSchema, text, file);
}

/**
 * The bureau's topic words from `file` (MINSHENG_TOPICS), else config/topics.yaml; null when the default file
 * is absent (the project's rules alone). A file named explicitly must exist.
 */
export function loadTopicWords(file?: string): TopicWords | null {
  if (!file && !existsSync(DEFAULT_TOPIC_WORDS_FILE)) return null;
  return loadConfigFile(topicWordsSchema, file ?? DEFAULT_TOPIC_WORDS_FILE);
}
