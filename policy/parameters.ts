// Reading a parameter "as of" a date. The latest value whose effective date is on or before the
// date applies; if there is none, or the applicable entry is a recorded gap (value null), it is an
// error that says so — a calculator never silently falls back to another year's figure.
import { PARAMETER_FILES } from './generated/parameters.generated.ts';
import type { Confidence, ParameterFile, ParameterValue, Source } from './schema.ts';
import { formatDate } from './format.ts';

/** One parameter as a calculation used it: the figure, when it took effect, where it comes from. */
export interface ParameterUse {
  id: string;
  label: string;
  /** For table parameters: which row was used (grade "5", age "60", district "通川区"). */
  key?: string;
  value: number | string;
  unit: string;
  effectiveDate: string;
  source: Source;
  confidence: Confidence;
  note?: string;
}

export class MissingParameterError extends Error {
  constructor(
    readonly parameterId: string,
    readonly date: string,
    message: string,
  ) {
    super(message);
    this.name = 'MissingParameterError';
  }
}

export type ParameterTable = Record<string, ParameterFile>;

export function parameterFile(id: string, table: ParameterTable = PARAMETER_FILES): ParameterFile {
  const file = table[id];
  if (!file) throw new MissingParameterError(id, '', `参数 ${id} 不存在（policy/parameters/${id}.yaml）`);
  return file;
}

interface Applicable {
  file: ParameterFile;
  effectiveDate: string;
  value: ParameterValue;
  confidence: Confidence;
  source: Source;
  note?: string;
}

function applicable(id: string, date: string, table: ParameterTable): Applicable {
  const file = parameterFile(id, table);
  const dates = Object.keys(file.values).sort();
  const effectiveDate = dates.filter((d) => d <= date).at(-1);
  if (!effectiveDate) {
    throw new MissingParameterError(
      id,
      date,
      `参数“${file.label}”在 ${formatDate(date)} 没有可用的值：已收录的值最早从 ${formatDate(dates[0]!)} 起生效。`,
    );
  }
  const entry = file.values[effectiveDate]!;
  return { file, effectiveDate, ...entry };
}

function use(id: string, a: Applicable, value: number | string, key?: string): ParameterUse {
  return {
    id,
    label: a.file.label,
    ...(key !== undefined ? { key } : {}),
    value,
    unit: a.file.unit,
    effectiveDate: a.effectiveDate,
    source: a.source,
    confidence: a.confidence,
    ...(a.note ? { note: a.note } : {}),
  };
}

function gapError(id: string, date: string, a: Applicable): MissingParameterError {
  return new MissingParameterError(
    id,
    date,
    `参数“${a.file.label}”在 ${formatDate(date)} 没有可用的值（自 ${formatDate(a.effectiveDate)} 起${a.note ? '：' + a.note : '未收录'}）。`,
  );
}

/** A single-figure parameter as of `date`. */
export function numberAsOf(id: string, date: string, table: ParameterTable = PARAMETER_FILES): ParameterUse & { value: number } {
  const a = applicable(id, date, table);
  if (a.value === null) throw gapError(id, date, a);
  if (typeof a.value !== 'number') throw new TypeError(`参数 ${id} 是表格，应按行读取`);
  return use(id, a, a.value) as ParameterUse & { value: number };
}

/** One row of a table parameter as of `date`; a missing row is an error naming the row. */
export function rowAsOf(id: string, date: string, key: string, table: ParameterTable = PARAMETER_FILES): ParameterUse {
  const a = applicable(id, date, table);
  if (a.value === null) throw gapError(id, date, a);
  if (typeof a.value !== 'object') throw new TypeError(`参数 ${id} 不是表格`);
  const row = a.value[key];
  if (row === undefined) {
    throw new MissingParameterError(
      id,
      date,
      `参数“${a.file.label}”（${formatDate(a.effectiveDate)} 起）没有“${key}”这一项；已收录：${Object.keys(a.value).join('、')}。`,
    );
  }
  return use(id, a, row, key);
}

/** The whole table as of `date` (for lookups that need neighbouring rows, e.g. interpolation). */
export function tableAsOf(id: string, date: string, table: ParameterTable = PARAMETER_FILES): { rows: Record<string, number | string>; at: (key: string) => ParameterUse } {
  const a = applicable(id, date, table);
  if (a.value === null) throw gapError(id, date, a);
  if (typeof a.value !== 'object') throw new TypeError(`参数 ${id} 不是表格`);
  const rows = a.value;
  return { rows, at: (key) => rowAsOf(id, date, key, table) };
}

/** A recorded gap: what we know we do not know, shown to the resident as “未知”. */
export interface ParameterGap {
  id: string;
  label: string;
  effectiveDate: string | null;
  reason: string;
  source: Source | null;
}

/** Like numberAsOf, but a recorded gap (or no value at all) comes back as a ParameterGap instead of an
 *  error — for parts of a benefit that are known to exist but whose local figure we could not source. */
export function numberOrGapAsOf(id: string, date: string, table: ParameterTable = PARAMETER_FILES): ParameterUse | ParameterGap {
  const file = parameterFile(id, table);
  let a: Applicable;
  try {
    a = applicable(id, date, table);
  } catch {
    return { id, label: file.label, effectiveDate: null, reason: '没有收录任何值', source: null };
  }
  if (a.value === null) return { id, label: file.label, effectiveDate: a.effectiveDate, reason: a.note ?? '未收录', source: a.source };
  if (typeof a.value !== 'number') throw new TypeError(`参数 ${id} 是表格`);
  return use(id, a, a.value);
}

export function isGap(p: ParameterUse | ParameterGap): p is ParameterGap {
  return !('value' in p);
}
