// Where every calculator parameter stands: its latest figure, how sure we are of the one in force,
// the last day it is known to apply, and what is missing for this year and next. One module for
// `minsheng policy status`, the console page and the build warning, so they never disagree.
import { PARAMETER_FILES } from './generated/parameters.generated.ts';
import { knownThrough, type ParameterTable } from './parameters.ts';
import { CONFIDENCE_LABELS, type Confidence } from './schema.ts';
import { formatDate } from './format.ts';

/** How a parameter stands on a given day. */
export type Standing =
  | 'ok' // a figure for that day, known to apply
  | 'gap' // a recorded gap (value null): known to exist, no sourced figure
  | 'not-published' // a yearly figure with no value for that year yet
  | 'review-due' // a standing figure past the day it was last checked
  | 'none'; // nothing recorded that early

export interface YearStatus {
  year: number;
  standing: Standing;
  /** Chinese, for staff; empty when the standing is ok. */
  missing: string;
}

export interface ParameterStatus {
  id: string;
  label: string;
  unit: string;
  renewal: 'yearly' | 'standing';
  /** Effective date of the latest recorded figure (not a gap), or null. */
  latestDate: string | null;
  /** The year of that figure. */
  latestYear: number | null;
  /** The figure in force today (null for a gap), its confidence and the label residents see. */
  current: { effectiveDate: string; value: unknown; confidence: Confidence; confidenceLabel: string } | null;
  /** The last day the figure in force today is known to apply; null when it holds until replaced. */
  reviewBy: string | null;
  thisYear: YearStatus;
  nextYear: YearStatus;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** How a parameter stands on `day` (ISO date). */
export function standingOn(id: string, day: string, table: ParameterTable = PARAMETER_FILES): { standing: Standing; missing: string } {
  const file = table[id]!;
  const since = Object.keys(file.values)
    .filter((d) => d <= day)
    .sort()
    .at(-1);
  if (!since) return { standing: 'none', missing: `${formatDate(day)} 以前没有收录任何值` };
  const entry = file.values[since]!;
  if (entry.value === null) return { standing: 'gap', missing: `空缺（自 ${formatDate(since)} 起${entry.note ? '：' + entry.note : ''}）` };
  const through = knownThrough(file, since);
  if (through && day > through) {
    return file.renewal === 'yearly'
      ? { standing: 'not-published', missing: `还没有 ${yearOf(day)} 年的数（已收录到 ${yearOf(since)} 年），计算器会按 ${yearOf(since)} 年的数估算或拒算` }
      : { standing: 'review-due', missing: `现行的数只核对到 ${formatDate(through)}，请核对是否已调整` };
  }
  return { standing: 'ok', missing: '' };
}

/** A year stands as its worst day: its last day for what runs out, its first for what starts late. */
function yearStatus(id: string, year: number, fromDay: string, table: ParameterTable): YearStatus {
  const days = [fromDay, `${year}-12-31`];
  for (const day of days) {
    const s = standingOn(id, day, table);
    if (s.standing !== 'ok') return { year, ...s };
  }
  return { year, standing: 'ok', missing: '' };
}

export function parameterStatus(today: Date, table: ParameterTable = PARAMETER_FILES): ParameterStatus[] {
  const day = today.toISOString().slice(0, 10);
  const year = yearOf(day);
  return Object.entries(table)
    .map(([id, file]) => {
      const dates = Object.keys(file.values).sort();
      const latest = dates.filter((d) => file.values[d]!.value !== null).at(-1) ?? null;
      const since = dates.filter((d) => d <= day).at(-1);
      const entry = since ? file.values[since]! : undefined;
      const through = since && entry?.value !== null ? knownThrough(file, since) : undefined;
      return {
        id,
        label: file.label,
        unit: file.unit,
        renewal: file.renewal ?? 'standing',
        latestDate: latest,
        latestYear: latest ? yearOf(latest) : null,
        current:
          since && entry
            ? { effectiveDate: since, value: entry.value, confidence: entry.confidence, confidenceLabel: CONFIDENCE_LABELS[entry.confidence] }
            : null,
        reviewBy: through ?? null,
        thisYear: yearStatus(id, year, day, table),
        nextYear: yearStatus(id, year + 1, `${year + 1}-01-01`, table),
      } satisfies ParameterStatus;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Days from `today` to the next 1 January. */
export function daysToYearTurn(today: Date): number {
  const next = Date.UTC(today.getUTCFullYear() + 1, 0, 1);
  return Math.ceil((next - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000);
}

/** Within `withinDays` of a year turn: each parameter that will have no figure for the new year. */
export function yearTurnWarnings(today: Date, table: ParameterTable = PARAMETER_FILES, withinDays = 60): Array<{ id: string; label: string; message: string }> {
  const days = daysToYearTurn(today);
  if (days > withinDays) return [];
  const next = today.getUTCFullYear() + 1;
  return parameterStatus(today, table)
    .filter((s) => s.nextYear.standing !== 'ok' && s.thisYear.standing === 'ok')
    .map((s) => ({ id: s.id, label: s.label, message: `${days} 天后进入 ${next} 年：${s.label}${s.nextYear.missing}` }));
}
