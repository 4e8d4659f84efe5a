// The region file: which city this deployment serves. Everything city-specific is configuration.
import { z } from 'zod';
import type { PolicyRegion } from '../policy/region.ts';
import { ConfigError, loadConfigFile } from './load.ts';
import { projectPath } from './paths.ts';

const FOLDER = /^[a-z0-9][a-z0-9-]*$/;

/** An IANA time-zone name the platform knows (Intl decides), for every config file that names a clock. */
export const timeZoneName = () =>
  z.string({ error: '应为时区名称，例如 Asia/Shanghai' }).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, '不是有效的时区名称，例如 Asia/Shanghai');

export const regionSchema = z
  .object({
    city: z.string({ error: '应为城市名称（文字）' }).min(1, '城市名称不能为空'),
    province: z.string({ error: '应为省份名称（文字）' }).min(1, '省份名称不能为空'),
    bureau: z.string({ error: '应为单位名称，例如 达州市人力资源和社会保障局' }).min(1, '单位名称不能为空'),
    districts: z
      .array(
        z.object({
          name: z.string({ error: '应为区县名称（文字）' }).min(1, '区县名称不能为空'),
          /** Other ways posts name the place (万源 for 万源市). */
          aliases: z.array(z.string()).default([]),
        }),
        { error: '应为区县列表' },
      )
      .min(1, '至少要有一个区县'),
    /** Where the calculators' province and city figures are: folders under `dir` (default
     *  policy/parameters; a relative dir is read from the region file's folder). National figures
     *  always come from policy/parameters/national. */
    parameters: z
      .object(
        {
          dir: z.string({ error: '应为参数目录（相对本文件的路径）' }).min(1, '参数目录不能为空').optional(),
          province: z.string({ error: '应为省级参数文件夹名，例如 sichuan' }).regex(FOLDER, '应为文件夹名（小写字母、数字和连字符），例如 sichuan'),
          city: z.string({ error: '应为市级参数文件夹名，例如 dazhou' }).regex(FOLDER, '应为文件夹名（小写字母、数字和连字符），例如 dazhou'),
        },
        { error: '应写明计算器参数的文件夹：parameters: { province: 省级文件夹, city: 市级文件夹 }' },
      )
      .strict()
      .optional(),
    /** Days crawled personal data is kept (个人信息保护法); 0 keeps it forever. */
    retentionDays: z.number({ error: '应为天数（数字）' }).int('应为整数').min(0, '不能为负数').default(180),
    /** The city's clock (IANA name): dates people type and see, days in charts, cron schedules. */
    timeZone: timeZoneName().default('Asia/Shanghai'),
  })
  .strict();

export type Region = z.infer<typeof regionSchema>;

export const DEFAULT_REGION_FILE = projectPath('config', 'region.yaml');

export function loadRegion(file = DEFAULT_REGION_FILE): Region {
  return loadConfigFile(regionSchema, file);
}

/** The residents' site name, e.g. 民声 · 达州人社政策明白纸 (the city without its 市). */
export function siteName(region: Region): string {
  return `民声 · ${region.city.replace(/市$/, '')}人社政策明白纸`;
}

/** The district a text mentions first, by name or alias; null when it names none. */
export function findDistrict(region: Region, text: string): string | null {
  let best: { name: string; at: number } | null = null;
  for (const d of region.districts) {
    for (const name of [d.name, ...d.aliases]) {
      const at = text.indexOf(name);
      if (at >= 0 && (!best || at < best.at)) best = { name: d.name, at };
    }
  }
  return best?.name ?? null;
}

/** What the calculators need from a region file; a region without `parameters` cannot run them. */
export function policyRegionOf(region: Region, file = DEFAULT_REGION_FILE): PolicyRegion {
  if (!region.parameters) {
    throw new ConfigError(file, ['parameters：缺少计算器参数的文件夹，应写成 parameters: { province: 省级文件夹, city: 市级文件夹 }']);
  }
  return {
    city: region.city,
    province: region.province,
    districts: region.districts.map((d) => d.name),
    parameters: { province: region.parameters.province, city: region.parameters.city },
  };
}
