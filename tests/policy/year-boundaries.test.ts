// Properties over every calculator at every parameter boundary (each effective date, the day before,
// the last day a figure is known to apply and the day after) and at random dates up to 2040:
//  - a result uses the figure of the date asked about, or says it is an estimate (JSON and headline);
//  - a headline resting on an unverified figure carries the badge in the line itself;
//  - nothing eligible-looking is shown below a legal minimum.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CALCULATORS, runCalculator, type CalculationResult } from '../../policy/calculators.ts';
import { MissingParameterError, knownThrough, parameterFile } from '../../policy/parameters.ts';
import { PARAMETER_FILES } from '../../policy/generated/parameters.generated.ts';
import { InputError } from '../../policy/input.ts';
import { addDays, parseISODate, toISO } from '../../policy/dates.ts';
import { headlines, renderResultHtml } from '../../site/components/calculator/render.ts';

const shift = (iso: string, days: number) => toISO(addDays(parseISODate(iso), days));

/** Every date at which some parameter changes meaning, and its neighbours. */
const BOUNDARIES = [
  ...new Set(
    Object.values(PARAMETER_FILES).flatMap((file) =>
      Object.keys(file.values).flatMap((d) => {
        const through = knownThrough(file, d);
        return [shift(d, -1), d, ...(through ? [through, shift(through, 1)] : [])];
      }),
    ),
  ),
].filter((d) => d >= '2015-01-01' && d <= '2045-12-31');

const randomDate = fc.integer({ min: 0, max: 365 * 19 }).map((n) => shift('2022-01-01', n));
const aDate = fc.oneof(fc.constantFrom(...BOUNDARIES), randomDate);

/** An input for each calculator with its date(s) set to `date`. */
function inputFor(id: string, date: string, n: number): Record<string, unknown> {
  const year = Number(date.slice(0, 4));
  switch (id) {
    case 'retirement-age':
      return { birthDate: `${year - 60}-${date.slice(5, 7)}`, category: ['male', 'female55', 'female50'][n % 3] };
    case 'employee-pension':
      return {
        retirementDate: date,
        retirementAge: { years: 60, months: n % 12 },
        averageIndex: 0.6 + (n % 10) / 10,
        contributionYears: 5 + (n % 35),
        preAccountYears: 0,
        accountBalance: 1000 * (n % 200),
      };
    case 'resident-pension':
      return { accountBalance: 100 * (n % 300), contributionYears: 5 + (n % 20), date };
    case 'flexible-contribution':
      return { year, basePercent: 60 + (n % 241) };
    case 'unemployment':
      return { contributionMonths: n % 200, date };
    case 'work-injury':
      return n % 4 === 0
        ? { deathDate: date }
        : { grade: 1 + (n % 10), ownMonthlyWage: 500 + 37 * (n % 400), regionAverageMonthlyWage: 2500 + 50 * (n % 100), date };
    case 'severance':
      return { startDate: shift(date, -(30 + 97 * (n % 120))), endDate: date, averageMonthlyWage: 500 + 41 * (n % 500), cityAverageMonthlyWage: 7000 };
    default:
      throw new Error(`no generator for ${id}`);
  }
}

/** The date a calculator's parameters are read at, as the calculator reads them. */
function asOf(id: string, input: Record<string, unknown>): string | undefined {
  if (id === 'flexible-contribution') return `${input.year as number}-01-01`;
  if (id === 'retirement-age') return undefined; // read at the computed retirement date
  return (input.date ?? input.retirementDate ?? input.endDate ?? input.deathDate) as string;
}

function run(id: string, input: unknown): CalculationResult | 'refused' {
  try {
    return runCalculator(id, input);
  } catch (err) {
    // Refusing, with a message, is an honest answer; nothing else may be thrown.
    if (err instanceof MissingParameterError || err instanceof InputError) return 'refused';
    throw err;
  }
}

describe('every calculator at every parameter boundary', () => {
  it(`covers ${BOUNDARIES.length} boundary dates and all ${CALCULATORS.length} calculators`, () => {
    expect(BOUNDARIES).toContain('2026-12-31');
    expect(BOUNDARIES).toContain('2027-01-01');
    expect(CALCULATORS.map((c) => c.id).every((id) => inputFor(id, '2025-06-01', 1))).toBe(true);
  });

  it('property: each figure is the one for the date asked about, or the result says it is an estimate', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALCULATORS.map((c) => c.id)), aDate, fc.nat(10_000), (id, date, n) => {
        const input = inputFor(id, date, n);
        const r = run(id, input);
        if (r === 'refused') return;
        const at = asOf(id, input);
        for (const p of r.parameters) {
          if (p.estimate) {
            expect(r.estimated).toBe(true);
            expect(r.estimates.some((e) => e.id === p.id && e.usedYear === Number(p.effectiveDate.slice(0, 4)))).toBe(true);
            continue;
          }
          if (at === undefined) continue;
          const file = parameterFile(p.id);
          // the value in force on that date, and known to apply on it
          const inForce = Object.keys(file.values)
            .filter((d) => d <= at)
            .sort()
            .at(-1);
          expect(p.effectiveDate).toBe(inForce);
          const through = knownThrough(file, p.effectiveDate);
          if (through) expect(at <= through).toBe(true);
        }
        expect(r.estimated).toBe(r.parameters.some((p) => p.estimate));
      }),
      { numRuns: 1500 },
    );
  });

  it('property: a headline resting on an unverified or estimated figure carries the badge in the line itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALCULATORS.map((c) => c.id)), aDate, fc.nat(10_000), (id, date, n) => {
        const r = run(id, inputFor(id, date, n));
        if (r === 'refused') return;
        const html = renderResultHtml(id, r);
        const rows = [...html.matchAll(/<div class="calc-answer-row[^"]*"><dt>(.*?)<\/dt><dd>(.*?)<\/dd><\/div>/g)];
        const heads = headlines(id, r as CalculationResult & Record<string, unknown>);
        expect(rows.length).toBe(heads.length);
        heads.forEach((h, i) => {
          // a line with no list of figures rests on every figure the answer used
          const under = r.parameters.filter((p) => h.rests === undefined || h.rests.includes(p.id));
          const line = rows[i]![2]!;
          expect(line.includes('calc-badge--unverified')).toBe(under.some((p) => p.confidence === 'unverified'));
          expect(line.includes('calc-badge--estimated')).toBe(under.some((p) => p.estimate !== undefined));
        });
        // and the answer as a whole says which figure is an estimate, above the lines
        if (r.estimated) expect(html.indexOf('这是估算。')).toBeLessThan(html.indexOf('calc-answer-row'));
      }),
      { numRuns: 800 },
    );
  });

  it('property: nothing eligible-looking below a legal minimum', () => {
    fc.assert(
      fc.property(fc.constantFrom('employee-pension', 'resident-pension', 'severance', 'work-injury', 'unemployment'), aDate, fc.nat(10_000), (id, date, n) => {
        const input = inputFor(id, date, n);
        const r = run(id, input) as CalculationResult & Record<string, unknown>;
        if (r === ('refused' as unknown)) return;
        const used = (pid: string) => r.parameters.find((p) => p.id === pid);
        const minWage = () => {
          // the standard the calculator would have used, whether or not it changed the answer
          const file = PARAMETER_FILES['dazhou/minimum-wage-monthly']!;
          const since = Object.keys(file.values)
            .filter((d) => d <= date)
            .sort()
            .at(-1);
          const v = since ? file.values[since]!.value : null;
          return v && typeof v === 'object' ? Math.min(...Object.values(v).map(Number)) : undefined;
        };
        if (id === 'employee-pension' || id === 'resident-pension') {
          const min = Number(used(id === 'employee-pension' ? 'national/minimum-contribution-years' : 'national/resident-pension-minimum-years')!.value);
          if ((input.contributionYears as number) < min) {
            expect(r.eligible).toBe(false);
            expect(r.total).toBeNull();
            expect(renderResultHtml(id, r)).not.toMatch(/<dd>[\d,]+\.\d\d 元/);
          } else {
            expect(r.eligible).toBe(true);
            expect(typeof r.total).toBe('number');
          }
        }
        const floor = minWage();
        if (id === 'severance' && floor !== undefined) expect(r.monthlyBase as number).toBeGreaterThanOrEqual(floor);
        if (id === 'work-injury' && r.monthlyAllowance !== undefined && floor !== undefined) expect(r.monthlyAllowance as number).toBeGreaterThanOrEqual(floor);
        if (id === 'severance' && floor === undefined && (input.averageMonthlyWage as number) < 2200) {
          expect(r.unknown.some((u) => u.id === 'dazhou/minimum-wage-monthly')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
