// The explanation every result carries: steps laid out like Sichuan's 社会保险业务办理结果通知单
// (what, formula, the figures that went in, the amount), and every parameter used with its source.
import type { ParameterGap, ParameterUse } from './parameters.ts';
import { formatDate } from './format.ts';

export interface Figure {
  name: string;
  value: number | string;
  unit?: string;
  /** Set when the figure is a parameter (its id in `parameters`). */
  parameterId?: string;
  /** Set when the resident typed the figure in. */
  fromInput?: string;
}

export interface Step {
  id: string;
  what: string;
  formula: string;
  figures: Figure[];
  result: number | string;
  unit: string;
  /** For a total: the ids of the steps whose results add up to this one, to the fen. */
  sumOf?: string[];
}

export interface ResultBase {
  steps: Step[];
  parameters: ParameterUse[];
  /** Parts of the benefit that exist but whose figure is not known (shown as “未知”). */
  unknown: ParameterGap[];
  /** Caveats the resident must read with the answer. */
  notes: string[];
  /** True when any figure used is not the one for the date asked about but the latest known one;
   *  the answer is then an estimate and every surface says so. */
  estimated: boolean;
  /** Each estimated figure: which parameter, the year it was needed for and the year whose figure
   *  was used. */
  estimates: EstimateSummary[];
}

export interface EstimateSummary {
  id: string;
  label: string;
  forYear: number;
  usedYear: number;
  reason: string;
}

export class Trace {
  readonly steps: Step[] = [];
  readonly parameters: ParameterUse[] = [];
  readonly unknown: ParameterGap[] = [];
  readonly notes: string[] = [];

  /** Records a parameter use (once per id, row and effective date) and returns it. */
  use<P extends ParameterUse>(p: P): P {
    const seen = this.parameters.some((q) => q.id === p.id && q.key === p.key && q.effectiveDate === p.effectiveDate);
    if (!seen) this.parameters.push(p);
    return p;
  }

  gap(g: ParameterGap): void {
    if (!this.unknown.some((u) => u.id === g.id)) this.unknown.push(g);
  }

  step(step: Step): Step {
    this.steps.push(step);
    return step;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  finish<O extends object>(outputs: O): O & ResultBase {
    const estimates: EstimateSummary[] = [];
    for (const p of this.parameters) {
      if (!p.estimate || estimates.some((e) => e.id === p.id)) continue;
      estimates.push({ id: p.id, label: p.label, forYear: p.estimate.forYear, usedYear: p.estimate.usedYear, reason: p.estimate.reason });
    }
    // The estimate is said first, before any other caveat.
    const notes = estimates.length
      ? [`这是估算，不是确定的数：${estimates.map((e) => `${e.label}${e.reason}`).join('；')}。正式标准公布后以新标准为准。`, ...this.notes]
      : this.notes;
    return { ...outputs, steps: this.steps, parameters: this.parameters, unknown: this.unknown, notes, estimated: estimates.length > 0, estimates };
  }
}

/** A figure that is a parameter, named by its label (and row). */
export function paramFigure(p: ParameterUse, name?: string): Figure {
  const base = name ?? (p.key ? `${p.label}（${p.key}）` : p.label);
  // An estimated figure says so where it is used, not only in the notes.
  const label = p.estimate ? `${base}（估算：${p.estimate.forYear} 年的数未收录，用的是 ${formatDate(p.effectiveDate)} 起的数）` : base;
  return { name: label, value: p.value, unit: p.unit, parameterId: p.id };
}
