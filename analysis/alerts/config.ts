// Alert thresholds: config/alerts.yaml, validated with zod; every field has a default so a bureau
// only writes what it changes.
import { z } from 'zod';
import { regionTimeZone } from '../../shared/time.ts';
import { ALERT_LEVELS } from '../../shared/vocabulary.ts';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { loadConfigFile } from '../../config/load.ts';
import { timeZoneName } from '../../config/region.ts';

const count = (what: string) =>
  z
    .number({ error: `应为${what}（整数）` })
    .int('应为整数')
    .min(1, '至少为 1');
const severity = z.number({ error: '应为严重度 0–3' }).int('应为整数').min(0, '应为 0–3').max(3, '应为 0–3');
// A burst is a count of posts, not proof of how many people or places are involved: by itself at most
// yellow, with crisis words at most orange; red comes only from the red conditions (people and sources).
const burstLevel = z.enum(['blue', 'yellow'], { error: '应为 blue 或 yellow（激增本身最高黄色）' });
/** Phrases the duty office always wants to see (config/alerts.yaml repeats them so they can be edited). */
const DEFAULT_WATCH_WORDS: { level: 'blue' | 'yellow' | 'orange' | 'red'; words: string[] }[] = [
  { level: 'orange', words: ['跳楼', '自杀', '以死相逼', '群体性事件', '堵路', '堵桥', '围堵政府'] },
  { level: 'yellow', words: ['拉横幅', '集体上访', '静坐'] },
];
const alertLevel = z.enum(ALERT_LEVELS, { error: '应为 blue、yellow、orange 或 red' });
const burstCrisisLevel = z.enum(['blue', 'yellow', 'orange'], { error: '应为 blue、yellow 或 orange（红色只由人数和来源条件决定）' });

export const alertConfigSchema = z
  .object({
    lookbackDays: count('天数').default(14),
    negativeThreshold: z.number({ error: '应为 0–1 之间的小数' }).min(0, '应为 0–1').max(1, '应为 0–1').default(0.5),
    levels: z
      .object({
        // Severity 1 is any ordinary complaint (issue 6): one complaint alone is not an alert; two people
        // about one incident go into the daily digest.
        blue: z
          .object({ minPeople: count('人数').default(2), minSeverity: severity.default(2) })
          .strict()
          .default({ minPeople: 2, minSeverity: 2 }),
        yellow: z
          .object({ minPeople: count('人数').default(3), minSeverity: severity.default(3) })
          .strict()
          .default({ minPeople: 3, minSeverity: 3 }),
        orange: z
          .object({ minPeople: count('人数').default(5), minSeverityWithPeople: severity.default(2), minSeverity: severity.default(3) })
          .strict()
          .default({ minPeople: 5, minSeverityWithPeople: 2, minSeverity: 3 }),
        red: z
          .object({ minPeople: count('人数').default(10), minSources: count('来源数').default(2), minSeverity: severity.default(3) })
          .strict()
          .default({ minPeople: 10, minSources: 2, minSeverity: 3 }),
      })
      .strict()
      .default({
        blue: { minPeople: 2, minSeverity: 2 },
        yellow: { minPeople: 3, minSeverity: 3 },
        orange: { minPeople: 5, minSeverityWithPeople: 2, minSeverity: 3 },
        red: { minPeople: 10, minSources: 2, minSeverity: 3 },
      }),
    burst: z
      .object({
        windowHours: count('小时数').default(24),
        baselineWindows: count('时段数').default(7),
        minCount: count('条数').default(5),
        ratio: z.number({ error: '应为倍数（数字）' }).min(1, '至少为 1').default(3),
        floorMean: z.number({ error: '应为数字' }).min(0, '不能为负数').default(1),
        level: burstLevel.default('yellow'),
        crisisLevel: burstCrisisLevel.default('orange'),
        mergeShare: z.number({ error: '应为 0–1 之间的小数' }).min(0, '应为 0–1').max(1, '应为 0–1').default(0.6),
        // A source is under-collected in a window when it fetched fewer than this share of its usual
        // number of posts (median over the compared windows) — only judged when that median is at least
        // outageMinExpected, so a quiet source is not mistaken for a broken one.
        outageShare: z.number({ error: '应为 0–1 之间的小数' }).min(0, '应为 0–1').max(1, '应为 0–1').default(0.3),
        outageMinExpected: count('条数').default(3),
      })
      .strict()
      .default({
        windowHours: 24,
        baselineWindows: 7,
        minCount: 5,
        ratio: 3,
        floorMean: 1,
        level: 'yellow',
        crisisLevel: 'orange',
        mergeShare: 0.6,
        outageShare: 0.3,
        outageMinExpected: 3,
      }),
    cluster: z
      .object({
        growthPosts: count('条数').default(5),
        windowHours: count('小时数').default(6),
        level: alertLevel.default('yellow'),
      })
      .strict()
      .default({ growthPosts: 5, windowHours: 6, level: 'yellow' }),
    watchWords: z
      .array(
        z
          .object({
            level: alertLevel,
            words: z.array(z.string({ error: '应为词语（文字）' }).trim().min(1, '词语不能为空'), { error: '应为词语列表' }).min(1, '至少写一个词'),
          })
          .strict(),
        { error: '应为列表，每项写 level 和 words' },
      )
      .default(DEFAULT_WATCH_WORDS),
    timezone: timeZoneName()
      // The region's clock (config/region.yaml) unless this file names another.
      .default(() => regionTimeZone()),
  })
  .strict();

export type AlertConfig = z.infer<typeof alertConfigSchema>;

export const DEFAULT_ALERTS_FILE = fileURLToPath(new URL('../../config/alerts.yaml', import.meta.url));

/** The built-in defaults (what an empty file means). */
export function defaultAlertConfig(): AlertConfig {
  return alertConfigSchema.parse({});
}

/** Loads the alerts file; a missing default file means the defaults, a named missing file is an error. */
export function loadAlertConfig(file?: string): AlertConfig {
  if (!file && !existsSync(DEFAULT_ALERTS_FILE)) return defaultAlertConfig();
  return loadConfigFile(alertConfigSchema, file ?? DEFAULT_ALERTS_FILE);
}
