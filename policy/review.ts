// What staff must know before publishing: which calculator figures in force today are gaps
// (not yet published or not found), and which are not confirmed against an official text.
// The site build prints these, so stale or unverified policy never goes out unnoticed.
import { PARAMETER_FILES } from './generated/parameters.generated.ts';
import type { ParameterTable } from './parameters.ts';
import { yearTurnWarnings } from './status.ts';

export interface ParameterNotice {
  id: string;
  label: string;
  kind: 'gap' | 'unverified' | 'old' | 'year-turn';
  message: string;
}

const ymd = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The value in force on `today` for each parameter, judged. `oldAfterDays`: a figure older than
 *  this (money amounts are mostly re-published yearly) is flagged for a check. In the 60 days before
 *  1 January, each parameter that has a figure now but none for the new year is named too, so the
 *  year turn never changes what a calculator means without staff hearing of it. */
export function reviewParameters(today: Date, table: ParameterTable = PARAMETER_FILES, oldAfterDays = 400): ParameterNotice[] {
  const day = today.toISOString().slice(0, 10);
  const notices: ParameterNotice[] = [];
  for (const [id, file] of Object.entries(table)) {
    const dates = Object.keys(file.values)
      .filter((d) => d <= day)
      .sort();
    const since = dates.at(-1);
    if (!since) continue;
    const current = file.values[since]!;
    if (current.value === null) {
      notices.push({
        id,
        label: file.label,
        kind: 'gap',
        message: `${file.label}：自 ${ymd(since)} 起没有可用的数${current.note ? `（${current.note}）` : ''}`,
      });
    } else if (current.confidence === 'unverified') {
      notices.push({ id, label: file.label, kind: 'unverified', message: `${file.label}：现行的数未核对到官方原文，网站上标为“未核实”` });
    }
    const ageDays = (today.getTime() - Date.parse(`${since}T00:00:00Z`)) / 86_400_000;
    if (current.value !== null && ageDays > oldAfterDays && file.unit.includes('元')) {
      notices.push({ id, label: file.label, kind: 'old', message: `${file.label}：现行的数自 ${ymd(since)} 起未更新，请核对是否已公布新标准` });
    }
  }
  for (const w of yearTurnWarnings(today, table)) notices.push({ id: w.id, label: w.label, kind: 'year-turn', message: w.message });
  return notices;
}
