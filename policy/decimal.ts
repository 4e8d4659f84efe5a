// Exact decimal arithmetic for money. Figures are kept as bigint fractions, so 8321 × 1.935 ÷ 2 ×
// 31.83% is exact until we round — and we round only where an official notice rounds (to the fen,
// half up), so the line items printed in the explanation add up to the printed total.

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Dec {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  private static make(num: bigint, den: bigint): Dec {
    if (den === 0n) throw new RangeError('除数不能为 0');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den) || 1n;
    return new Dec(num / g, den / g);
  }

  /** From a JS number or a decimal string ("8321", "0.935", "1e-3"), taken at its shortest decimal form. */
  static of(value: number | string | bigint | Dec): Dec {
    if (value instanceof Dec) return value;
    if (typeof value === 'bigint') return new Dec(value, 1n);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`不是有限数：${value}`);
    const text = String(value).trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`不是数字：${text}`);
    const [, sign, intPart = '', fracPart = '', expPart] = m;
    let num = BigInt((intPart || '0') + fracPart);
    let den = 10n ** BigInt(fracPart.length);
    const exp = expPart ? Number(expPart) : 0;
    if (exp > 0) num *= 10n ** BigInt(exp);
    if (exp < 0) den *= 10n ** BigInt(-exp);
    return Dec.make(sign === '-' ? -num : num, den);
  }

  plus(other: number | string | Dec): Dec {
    const o = Dec.of(other);
    return Dec.make(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  minus(other: number | string | Dec): Dec {
    const o = Dec.of(other);
    return Dec.make(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  times(other: number | string | Dec): Dec {
    const o = Dec.of(other);
    return Dec.make(this.num * o.num, this.den * o.den);
  }
  div(other: number | string | Dec): Dec {
    const o = Dec.of(other);
    return Dec.make(this.num * o.den, this.den * o.num);
  }

  cmp(other: number | string | Dec): -1 | 0 | 1 {
    const o = Dec.of(other);
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  lt(o: number | string | Dec): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: number | string | Dec): boolean {
    return this.cmp(o) > 0;
  }
  min(o: number | string | Dec): Dec {
    return this.cmp(o) <= 0 ? this : Dec.of(o);
  }
  max(o: number | string | Dec): Dec {
    return this.cmp(o) >= 0 ? this : Dec.of(o);
  }

  /** Largest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Rounds to `places` decimals, halves away from zero (四舍五入, as notices print). */
  round(places: number): Dec {
    const scale = 10n ** BigInt(places);
    const scaled = this.num * scale;
    const abs = scaled < 0n ? -scaled : scaled;
    let q = abs / this.den;
    if ((abs % this.den) * 2n >= this.den) q += 1n;
    return Dec.make(scaled < 0n ? -q : q, scale);
  }

  /** Rounded to the fen (0.01 元). */
  fen(): Dec {
    return this.round(2);
  }

  /** Integer number of fen; the value must already be a whole number of fen. */
  toFen(): bigint {
    const f = this.times(100);
    if (f.den !== 1n) throw new RangeError('金额不是整分');
    return f.num;
  }

  toNumber(): number {
    return Number(this.toFixed(12));
  }

  toFixed(places: number): string {
    const r = this.round(places);
    const scale = 10n ** BigInt(places);
    const scaled = (r.num * scale) / r.den;
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
    const int = digits.slice(0, digits.length - places);
    const frac = places > 0 ? '.' + digits.slice(-places) : '';
    return (neg ? '-' : '') + int + frac;
  }
}

/** Sum of already-rounded amounts, exact. */
export function sum(values: Array<number | string | Dec>): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(v), Dec.of(0));
}
