// The one list of calculators, used by the CLI (`minsheng calc <id>`), the site and the tests.
import { employeePension, employeePensionFor } from './calculators/employee-pension.ts';
import { flexibleContribution, flexibleContributionFor } from './calculators/flexible-contribution.ts';
import { residentPension, residentPensionFor } from './calculators/resident-pension.ts';
import { retirementAge, retirementAgeFor } from './calculators/retirement-age.ts';
import { severance, severanceFor } from './calculators/severance.ts';
import type { Calculator } from './calculators/types.ts';
import { unemployment, unemploymentFor } from './calculators/unemployment.ts';
import { workInjury, workInjuryFor } from './calculators/work-injury.ts';
import type { PolicyContext } from './region.ts';
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

/** The same calculators for another region (its districts, names and parameter folders), in the same order. */
export function calculatorsFor(ctx: PolicyContext): readonly Calculator[] {
  return [
    retirementAgeFor(ctx),
    employeePensionFor(ctx),
    residentPensionFor(ctx),
    flexibleContributionFor(ctx),
    unemploymentFor(ctx),
    workInjuryFor(ctx),
    severanceFor(ctx),
  ] as unknown as readonly Calculator[];
}

/** id, Chinese title and summary — what the site's index page and `calc --help` list. */
export const CALCULATOR_LIST = CALCULATORS.map(({ id, title, summary }) => ({ id, title, summary }));

export function findCalculator(id: string, calculators: readonly Calculator[] = CALCULATORS): Calculator | undefined {
  return calculators.find((c) => c.id === id);
}

export type CalculationResult = Record<string, unknown> & ResultBase;

/** Validates raw input and runs the calculator. Throws InputError (bad input, names the field) or
 *  MissingParameterError (no sourced figure for that date). */
export function runCalculator(id: string, rawInput: unknown, calculators: readonly Calculator[] = CALCULATORS): CalculationResult {
  const calculator = findCalculator(id, calculators);
  if (!calculator) throw new Error(`没有名为 “${id}” 的计算器；可用：${calculators.map((c) => c.id).join('、')}`);
  const input = parseInput(calculator.schema, rawInput, labelsOf(calculator.fields));
  return calculator.calculate(input) as CalculationResult;
}
