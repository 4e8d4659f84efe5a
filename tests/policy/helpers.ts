import { runCalculator, type CalculationResult } from '../../policy/calculators.ts';
import { InputError } from '../../policy/input.ts';

export function calc<T extends Record<string, unknown>>(id: string, input: unknown): CalculationResult & T {
  return runCalculator(id, input) as CalculationResult & T;
}

/** The input problems a resident would be shown, as "field：message" lines. */
export function inputProblems(id: string, input: unknown): string[] {
  try {
    runCalculator(id, input);
  } catch (err) {
    if (err instanceof InputError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected an InputError');
}

export const fen = (n: number) => Math.round(n * 100);
