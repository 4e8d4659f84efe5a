// Every result explains itself: its totals are the sum of the line items printed above them, to
// the fen, and every figure taken from a parameter is listed with its source.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CALCULATORS, CALCULATOR_LIST, runCalculator, type CalculationResult } from '../../policy/calculators.ts';
import { fen } from './helpers.ts';

function checkSums(r: CalculationResult): number {
  let checked = 0;
  for (const step of r.steps) {
    if (!step.sumOf) continue;
    const parts = step.sumOf.map((id) => r.steps.find((s) => s.id === id));
    expect(parts.every(Boolean), `${step.id} sums steps that exist`).toBe(true);
    const total = parts.reduce((acc, s) => acc + fen(Number(s!.result)), 0);
    expect(total, `${step.id}`).toBe(fen(Number(step.result)));
    // the figures printed on the total line are the same line items
    expect(step.figures.reduce((acc, f) => acc + fen(Number(f.value)), 0)).toBe(fen(Number(step.result)));
    checked++;
  }
  return checked;
}

function checkParameters(r: CalculationResult): void {
  for (const step of r.steps) {
    for (const f of step.figures) {
      if (f.parameterId)
        expect(
          r.parameters.some((p) => p.id === f.parameterId),
          `${f.parameterId} listed`,
        ).toBe(true);
    }
  }
  for (const p of r.parameters) {
    expect(p.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.source.title).toBeTruthy();
  }
}

describe('explanations', () => {
  it('one list of calculators with Chinese titles, ids as issued', () => {
    expect(CALCULATOR_LIST.map((c) => c.id).sort()).toEqual(
      ['employee-pension', 'flexible-contribution', 'resident-pension', 'retirement-age', 'severance', 'unemployment', 'work-injury'].sort(),
    );
    for (const c of CALCULATOR_LIST) expect(c.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every calculator’s example runs and lists the parameters its steps use', () => {
    for (const c of CALCULATORS) {
      const r = runCalculator(c.id, c.example);
      expect(r.steps.length).toBeGreaterThan(0);
      checkParameters(r);
      checkSums(r);
    }
  });

  // From 15 years, the minimum for a 2025 retirement; below it there is no amount (see eligibility tests).
  it('property: employee pension line items add up to the total, to the fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1500, max: 4500 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 0, max: 80_000_000 }),
        fc.integer({ min: 50, max: 64 }),
        fc.integer({ min: 0, max: 11 }),
        fc.option(fc.integer({ min: 300_000, max: 1_500_000 }), { nil: undefined }),
        (years, preShare, index, balance, ageYears, ageMonths, baseFen) => {
          const r = runCalculator('employee-pension', {
            retirementDate: '2025-10-01',
            retirementAge: { years: ageYears, months: ageMonths },
            averageIndex: index / 100,
            contributionYears: years / 100,
            preAccountYears: Math.floor((years * preShare) / 100) / 100,
            accountBalance: balance / 100,
            ...(baseFen !== undefined ? { baseWage: baseFen / 100 } : {}),
          });
          expect(checkSums(r)).toBe(1);
          expect(fen(r.total as number)).toBe(['basic', 'personalAccount', 'transitional', 'extra'].reduce((acc, k) => acc + fen(r[k] as number), 0));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: flexible contribution parts add up to the monthly payment, to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 458_800, max: 2_293_800 }), (baseFen) => {
        const r = runCalculator('flexible-contribution', { year: 2025, base: baseFen / 100 });
        const step = (id: string) => fen(Number(r.steps.find((s) => s.id === id)!.result));
        expect(step('toPersonalAccount') + step('toPooledFund')).toBe(step('monthly'));
        expect(step('monthly')).toBe(fen(r.monthly as number));
      }),
      { numRuns: 200 },
    );
  });

  it('unverified figures are marked so the site can badge them', () => {
    const r = runCalculator('employee-pension', CALCULATORS.find((c) => c.id === 'employee-pension')!.example);
    const confidences = Object.fromEntries(r.parameters.map((p) => [p.id, p.confidence]));
    expect(confidences['sichuan/transitional-pension-rate']).toBe('unverified');
    expect(confidences['national/annuity-months']).toBe('official-secondhand');
    expect(r.notes.join('\n')).toMatch(/增发养老金的比例.*未核实/);
  });
});
