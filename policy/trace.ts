// The explanation every result carries: steps laid out like Sichuan's 社会保险业务办理结果通知单
// (what, formula, the figures that went in, the amount), and every parameter used with its source.
import type { ParameterGap, ParameterUse } from './parameters.ts';

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
    return { ...outputs, steps: this.steps, parameters: this.parameters, unknown: this.unknown, notes: this.notes };
  }
}

/** A figure that is a parameter, named by its label (and row). */
export function paramFigure(p: ParameterUse, name?: string): Figure {
  return { name: name ?? (p.key ? `${p.label}（${p.key}）` : p.label), value: p.value, unit: p.unit, parameterId: p.id };
}
