// Input validation shared by the CLI and the web form: zod schemas whose messages are Chinese, and
// errors that name the field (“startDate（入职日期）：应为日期，格式 2025-09-01”).
import { z } from 'zod';
import { isValidISODate } from './dates.ts';

export interface InputIssue {
  field: string;
  label?: string;
  message: string;
}

export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
  }
}

export function formatIssue(issue: InputIssue): string {
  return `${issue.field}${issue.label ? `（${issue.label}）` : ''}：${issue.message}`;
}

const missing = (input: unknown) => input === undefined || input === null || input === '';

export function dateInput() {
  const msg = '应为日期，格式 2025-09-01';
  return z
    .string({ error: (iss) => (missing(iss.input) ? '必填' : msg) })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), { error: msg, abort: true })
    .refine(isValidISODate, { error: '不是有效的日期（请检查月份和日子）' });
}

/** A birth date may be a month only ("1965-05") — the reform table works in birth months. */
export function monthOrDateInput() {
  const msg = '应为出生年月，格式 1965-05 或 1965-05-20';
  return z
    .string({ error: (iss) => (missing(iss.input) ? '必填' : msg) })
    .refine((s) => /^\d{4}-\d{2}(-\d{2})?$/.test(s), { error: msg, abort: true })
    .refine((s) => (s.length === 7 ? isValidISODate(`${s}-01`) : isValidISODate(s)), { error: '不是有效的年月（请检查月份和日子）' });
}

export function numberInput(opts: { min?: number; minExclusive?: boolean; max?: number; integer?: boolean; unit?: string } = {}) {
  const unit = opts.unit ?? '';
  let schema = z.number({ error: (iss) => (missing(iss.input) ? '必填' : opts.integer ? '应为整数' : '应为数字') });
  if (opts.integer) schema = schema.int({ error: '应为整数' });
  if (opts.min !== undefined) {
    schema = opts.minExclusive ? schema.gt(opts.min, { error: `应大于 ${opts.min}${unit}` }) : schema.gte(opts.min, { error: `不能小于 ${opts.min}${unit}` });
  }
  if (opts.max !== undefined) schema = schema.lte(opts.max, { error: `不能大于 ${opts.max}${unit}` });
  return schema;
}

/** Money: positive, at most two decimals (fen). */
export function moneyInput(opts: { allowZero?: boolean } = {}) {
  return numberInput({ min: 0, minExclusive: !opts.allowZero, unit: ' 元' }).refine(
    (n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
    {
      error: '金额最多保留两位小数（到分）',
    },
  );
}

function pathOf(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validates raw input; on failure throws InputError with one issue per field, labelled. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, labels: Record<string, string> = {}): z.infer<S> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError([{ field: '（输入）', message: '应为 JSON 对象，例如 {"date":"2025-09-01"}' }]);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const issue of result.error.issues) {
    let field = pathOf(issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      field = issue.keys.join('、');
      message = '不认识的字段';
    }
    if (!field) field = '（输入）';
    if (seen.has(field)) continue; // first problem per field is enough for a resident
    seen.add(field);
    issues.push({ field, ...(labels[field] ? { label: labels[field] } : {}), message });
  }
  throw new InputError(issues);
}
