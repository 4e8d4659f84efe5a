// Reading a YAML or JSON config file and validating it with zod. An invalid file is refused with
// the file, the field and what was expected, in Chinese, because staff edit these files.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`配置文件 ${file} 有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function fieldPath(path: PropertyKey[]): string {
  if (path.length === 0) return '（文件顶层）';
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Turns zod issues into lines such as `sources[0].start：应为网址（http:// 或 https:// 开头）`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    // zod's own words for a misspelt key are English; staff read these.
    issue.code === 'unrecognized_keys' && issue.message.startsWith('Unrecognized')
      ? `${fieldPath(issue.path)}：不认识的字段 ${issue.keys.join('、')}（是不是拼错了？）`
      : `${fieldPath(issue.path)}：${issue.message}`,
  );
}

export function parseConfigText<S extends z.ZodType>(schema: S, text: string, file: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `第 ${err.linePos[0].line} 行` : '';
    throw new ConfigError(file, [`无法解析${where}：${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(file, describeIssues(result.error));
  return result.data;
}

export function loadConfigFile<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? '文件不存在' : `无法读取：${(err as Error).message}`]);
  }
  return parseConfigText(schema, text, file);
}
