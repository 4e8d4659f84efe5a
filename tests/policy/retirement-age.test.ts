import { describe, expect, it } from 'vitest';
import { calc, inputProblems } from './helpers.ts';

type Out = { retirementDate: string; age: { years: number; months: number }; delayMonths: number; minimumContributionYears: { years: number; months: number } };

const retire = (birthDate: string, category: string) => calc<Out>('retirement-age', { birthDate, category });

function monthPlus(start: string, n: number): string {
  const [y, m] = start.split('-').map(Number);
  const idx = y! * 12 + (m! - 1) + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

// The reform's annex tables: category, original age, first birth month, months per step, steps.
const TABLES = [
  { category: 'male', age: 60, first: '1965-01', every: 4, steps: 36 },
  { category: 'female55', age: 55, first: '1970-01', every: 4, steps: 36 },
  { category: 'female50', age: 50, first: '1975-01', every: 2, steps: 60 },
] as const;

describe('retirement-age (2025 gradual reform)', () => {
  it('the published example: a man born 1965-05 retires at 60 years 2 months, in 2025-07', () => {
    const r = retire('1965-05', 'male');
    expect(r.age).toEqual({ years: 60, months: 2 });
    expect(r.retirementDate).toBe('2025-07');
    expect(r.minimumContributionYears).toEqual({ years: 15, months: 0 });
  });

  for (const t of TABLES) {
    it(`${t.category}: born the month before ${t.first} keeps the original age ${t.age}`, () => {
      const r = retire(monthPlus(t.first, -1), t.category);
      expect(r.delayMonths).toBe(0);
      expect(r.age).toEqual({ years: t.age, months: 0 });
      expect(r.retirementDate).toBe(monthPlus(monthPlus(t.first, -1), t.age * 12));
    });

    it(`${t.category}: the first and last birth month of every step delay by that step`, () => {
      for (let k = 1; k <= t.steps; k++) {
        const firstBorn = monthPlus(t.first, t.every * (k - 1));
        const lastBorn = monthPlus(t.first, t.every * k - 1);
        for (const born of k === t.steps ? [firstBorn] : [firstBorn, lastBorn]) {
          const r = retire(born, t.category);
          expect(r.delayMonths, `${t.category} born ${born}`).toBe(k);
          expect(r.retirementDate).toBe(monthPlus(born, t.age * 12 + k));
        }
      }
    });

    it(`${t.category}: later births stay at the maximum delay`, () => {
      const r = retire(monthPlus(t.first, t.every * t.steps + 30), t.category);
      expect(r.delayMonths).toBe(t.steps);
    });
  }

  it('spot checks from the annex tables', () => {
    expect(retire('1976-09', 'male')).toMatchObject({ age: { years: 63, months: 0 }, retirementDate: '2039-09' });
    expect(retire('1976-08', 'male')).toMatchObject({ age: { years: 62, months: 11 }, retirementDate: '2039-07' });
    expect(retire('1970-01', 'female55')).toMatchObject({ age: { years: 55, months: 1 }, retirementDate: '2025-02' });
    expect(retire('1984-11', 'female50')).toMatchObject({ age: { years: 55, months: 0 }, retirementDate: '2039-11' });
    expect(retire('1984-10-15', 'female50')).toMatchObject({ age: { years: 54, months: 11 }, retirementDate: '2039-09' });
  });

  it('minimum contribution years follow annex 4: 15 until 2029, +6 months a year from 2030, 20 from 2039', () => {
    // female50 born 1979-01 → 50y + 25 months = 2031-02 → 16 years
    expect(retire('1979-01', 'female50').minimumContributionYears).toEqual({ years: 16, months: 0 });
    // male born 1969-01: delay ⌊48/4⌋+1 = 13 → 61y1m → 2030-02 → 15y6m
    expect(retire('1969-01', 'male')).toMatchObject({ retirementDate: '2030-02', minimumContributionYears: { years: 15, months: 6 } });
    // male born 1969-12: delay 15 → 61y3m → 2031-03 → 16y
    expect(retire('1969-12', 'male')).toMatchObject({ retirementDate: '2031-03', minimumContributionYears: { years: 16, months: 0 } });
    // male born 1968-12: delay 12 → 61y → 2029-12 → 15y
    expect(retire('1968-12', 'male')).toMatchObject({ retirementDate: '2029-12', minimumContributionYears: { years: 15, months: 0 } });
    expect(retire('1976-09', 'male').minimumContributionYears).toEqual({ years: 20, months: 0 });
    expect(retire('1990-01', 'male').minimumContributionYears).toEqual({ years: 20, months: 0 });
  });

  it('refuses a bad birth date or category in Chinese, naming the field', () => {
    expect(inputProblems('retirement-age', { birthDate: '1965-13', category: 'man' })).toEqual([
      'birthDate（出生年月）：不是有效的年月（请检查月份和日子）',
      'category（人员类别）：应为 male（男）、female55（原55岁退休的女职工）或 female50（原50岁退休的女职工）',
    ]);
  });
});
