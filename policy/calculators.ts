// The one list of calculators, used by the CLI (`minsheng calc <id>`), the site and the tests.
import { employeePension } from './calculators/employee-pension.ts';
import { flexibleContribution } from './calculators/flexible-contribution.ts';
import { residentPension } from './calculators/resident-pension.ts';
import { retirementAge } from './calculators/retirement-age.ts';
import { severance } from './calculators/severance.ts';
import type { Calculator } from './calculators/types.ts';
import { unemployment } from './calculators/unemployment.ts';
import { workInjury } from './calculators/work-injury.ts';
import { labelsOf } from './calculators/types.ts';
import { parseInput } from './input.ts';
import type { ResultBase } from './trace.ts';

export type { Calculator, FieldSpec } from './calculators/types.ts';

export const CALCULATORS: readonly Calculator[] = [
  retirementAge,
  employeePension,
  residentPension,
  flexibleContribution,
  unemployment,
  workInjury,
  severance,
] as unknown as readonly Calculator[];

/** id, Chinese title and summary — what the site's index page and `calc --help` list. */
export const CALCULATOR_LIST = CALCULATORS.map(({ id, title, summary }) => ({ id, title, summary }));

export function findCalculator(id: string): Calculator | undefined {
  return CALCULATORS.find((c) => c.id === id);
}

export type CalculationResult = Record<string, unknown> & ResultBase;

/** Validates raw input and runs the calculator. Throws InputError (bad input, names the field) or
 *  MissingParameterError (no sourced figure for that date). */
export function runCalculator(id: string, rawInput: unknown): CalculationResult {
  const calculator = findCalculator(id);
  if (!calculator) throw new Error(`没有名为 “${id}” 的计算器；可用：${CALCULATORS.map((c) => c.id).join('、')}`);
  const input = parseInput(calculator.schema, rawInput, labelsOf(calculator.fields));
  return calculator.calculate(input) as CalculationResult;
}
