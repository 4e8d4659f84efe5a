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
  /** Set when the figure is not the one for `forDate` but the latest known one, used as an
   *  estimate: every surface (headline, steps, JSON) must say so. */
  estimate?: Estimate;
}

/** Why a figure was used as an estimate: the date it was needed for, the year it belongs to, and
 *  a sentence for residents. */
export interface Estimate {
  forDate: string;
  forYear: number;
  usedYear: number;
  reason: string;
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

/** Options for reading a parameter. `estimate`: when the date has no figure of its own (a later year
 *  of a yearly figure, a date past a standing figure's review date, or a recorded gap such as a
 *  计发基数 not yet published), use the latest known figure and mark it as an estimate instead of
 *  refusing. Calculators choose this only where the bureau itself works that way (预发 on last
 *  year's base) or where the answer says plainly that it is an estimate. */
export interface LookupOptions {
  estimate?: boolean;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** The last day a value is known to apply: the end of its year for a yearly figure, the review date
 *  for a standing figure that has one; undefined when it holds until replaced. */
export function knownThrough(file: ParameterFile, effectiveDate: string): string | undefined {
  if (file.renewal === 'yearly') return `${yearOf(effectiveDate)}-12-31`;
  return file.reviewBy;
}

function applicable(id: string, date: string, table: ParameterTable, options: LookupOptions = {}): Applicable & { estimate?: Estimate } {
  const file = parameterFile(id, table);
  const dates = Object.keys(file.values).sort();
  const effectiveDate = dates.filter((d) => d <= date).at(-1);
  if (!effectiveDate) {
    throw new MissingParameterError(id, date, `参数“${file.label}”在 ${formatDate(date)} 没有可用的值：已收录的值最早从 ${formatDate(dates[0]!)} 起生效。`);
  }
  const entry = file.values[effectiveDate]!;
  const through = knownThrough(file, effectiveDate);
  const stale = entry.value !== null && through !== undefined && date > through;
  if (entry.value !== null && !stale) return { file, effectiveDate, ...entry };

  // No figure of its own for this date: say why, then refuse or estimate from the latest known one.
  const why =
    entry.value === null
      ? `自 ${formatDate(effectiveDate)} 起${entry.note ? '：' + entry.note : '未收录'}`
      : file.renewal === 'yearly'
        ? `这个数每年公布一次，已收录到 ${yearOf(effectiveDate)} 年，还没有 ${yearOf(date)} 年的数`
        : `现行的数（${formatDate(effectiveDate)} 起）只核对到 ${formatDate(through!)}，之后是否调整未核实`;
  if (!options.estimate) {
    throw new MissingParameterError(id, date, `参数“${file.label}”在 ${formatDate(date)} 没有可用的值（${why}）。`);
  }
  const latest = dates.filter((d) => d <= date && file.values[d]!.value !== null).at(-1);
  if (!latest) throw new MissingParameterError(id, date, `参数“${file.label}”在 ${formatDate(date)} 没有可用的值（${why}），也没有更早的数可供估算。`);
  const used = file.values[latest]!;
  return {
    file,
    effectiveDate: latest,
    ...used,
    estimate: {
      forDate: date,
      forYear: yearOf(date),
      usedYear: yearOf(latest),
      reason: `${why}；这里按 ${formatDate(latest)} 起的数估算`,
    },
  };
}

function use(id: string, a: Applicable & { estimate?: Estimate }, value: number | string, key?: string): ParameterUse {
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
    ...(a.estimate ? { estimate: a.estimate } : {}),
  };
}

/** A single-figure parameter as of `date`. */
export function numberAsOf(id: string, date: string, table: ParameterTable = PARAMETER_FILES, options: LookupOptions = {}): ParameterUse & { value: number } {
  const a = applicable(id, date, table, options);
  if (typeof a.value !== 'number') throw new TypeError(`参数 ${id} 是表格，应按行读取`);
  return use(id, a, a.value) as ParameterUse & { value: number };
}

/** numberAsOf that estimates from the latest known figure rather than refusing (see LookupOptions). */
export function numberOrEstimateAsOf(id: string, date: string, table: ParameterTable = PARAMETER_FILES): ParameterUse & { value: number } {
  return numberAsOf(id, date, table, { estimate: true });
}

/** One row of a table parameter as of `date`; a missing row is an error naming the row. */
export function rowAsOf(id: string, date: string, key: string, table: ParameterTable = PARAMETER_FILES, options: LookupOptions = {}): ParameterUse {
  const a = applicable(id, date, table, options);
  if (typeof a.value !== 'object' || a.value === null) throw new TypeError(`参数 ${id} 不是表格`);
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
export function tableAsOf(
  id: string,
  date: string,
  table: ParameterTable = PARAMETER_FILES,
  options: LookupOptions = {},
): { rows: Record<string, number | string>; at: (key: string) => ParameterUse } {
  const a = applicable(id, date, table, options);
  if (typeof a.value !== 'object' || a.value === null) throw new TypeError(`参数 ${id} 不是表格`);
  const rows = a.value;
  return { rows, at: (key) => rowAsOf(id, date, key, table, options) };
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
  const dates = Object.keys(file.values).sort();
  const since = dates.filter((d) => d <= date).at(-1);
  if (!since) return { id, label: file.label, effectiveDate: null, reason: '没有收录任何值', source: null };
  const entry = file.values[since]!;
  if (entry.value === null) return { id, label: file.label, effectiveDate: since, reason: entry.note ?? '未收录', source: entry.source };
  let a: Applicable;
  try {
    a = applicable(id, date, table);
  } catch (err) {
    return { id, label: file.label, effectiveDate: since, reason: (err as Error).message, source: entry.source };
  }
  if (typeof a.value !== 'number') throw new TypeError(`参数 ${id} 是表格`);
  return use(id, a, a.value);
}

export function isGap(p: ParameterUse | ParameterGap): p is ParameterGap {
  return !('value' in p);
}
