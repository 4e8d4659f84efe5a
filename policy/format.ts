// How residents expect figures written: 2025年9月1日, 1,980.00 元, 60岁2个月.
import { Dec } from './decimal.ts';

export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return d ? `${y}年${Number(mo)}月${Number(d)}日` : `${y}年${Number(mo)}月`;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1980 → "1,980.00"; always two decimals. */
export function formatMoneyNumber(value: number | string | Dec): string {
  const fixed = Dec.of(value).toFixed(2);
  const neg = fixed.startsWith('-');
  const [int, frac] = (neg ? fixed.slice(1) : fixed).split('.');
  return `${neg ? '-' : ''}${groupThousands(int!)}.${frac}`;
}

export function formatMoney(value: number | string | Dec): string {
  return `${formatMoneyNumber(value)} 元`;
}

/** Plain number with thousands separators, keeping the decimals it has. */
export function formatNumber(value: number | string): string {
  const text =
    typeof value === 'number'
      ? Dec.of(value)
          .toFixed(12)
          .replace(/\.?0+$/, '')
      : value;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return String(value);
  return `${m[1]}${groupThousands(m[2]!)}${m[3] ?? ''}`;
}

export function formatAge(age: { years: number; months: number }): string {
  return age.months ? `${age.years}岁${age.months}个月` : `${age.years}岁`;
}

export function formatYearsMonths(ym: { years: number; months: number }): string {
  return ym.months ? `${ym.years}年${ym.months}个月` : `${ym.years}年`;
}

/** 0.9 → "90%"; 0.013 → "1.3%". */
export function formatPercent(ratio: number | string | Dec): string {
  return `${Dec.of(ratio)
    .times(100)
    .toFixed(6)
    .replace(/\.?0+$/, '')}%`;
}
