// What a calculator is: an id (the CLI name and the page address), Chinese title and summary, the
// form fields (which also label validation messages), an example input, an input schema and a pure
// calculate().
import type { z } from 'zod';
import type { ResultBase } from '../trace.ts';

export interface FieldSpec {
  /** Path in the input object, dotted for nested fields ("retirementAge.years"). */
  name: string;
  label: string;
  kind: 'date' | 'month-or-date' | 'number' | 'integer' | 'select';
  unit?: string;
  hint?: string;
  optional?: boolean;
  options?: Array<{ value: string; label: string }>;
  /** For a select whose values are numbers in the input (伤残等级 1–10). */
  numeric?: boolean;
  /** Shown only when this variant of the form is chosen (e.g. 伤残 / 工亡). */
  variant?: string;
}

export interface Calculator<S extends z.ZodType = z.ZodType, O extends object = object> {
  id: string;
  title: string;
  summary: string;
  variants?: Array<{ id: string; label: string }>;
  fields: FieldSpec[];
  /** A worked example (also the page's pre-rendered answer and the CLI help example). */
  example: z.input<S>;
  schema: S;
  calculate(input: z.infer<S>): O & ResultBase;
}

export function labelsOf(fields: FieldSpec[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.name, f.label]));
}
