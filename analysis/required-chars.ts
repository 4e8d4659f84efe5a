// A cheap test that a regular expression cannot match a text: the characters one of which every match
// must contain, read from the pattern itself. Scoring runs about a hundred rule patterns over every post,
// and most of them cannot match most posts ("跳楼" in a post without 跳); checking a set of characters
// against the post's characters skips running them. Conservative: when the pattern uses anything this
// reader does not follow (a negated class, `.`, a flag that changes matching), it requires nothing and the
// pattern always runs. Pure.

/** UTF-16 codes of characters one of which every match contains; null: none known (always run the pattern). */
export type RequiredChars = readonly number[] | null;

/** Characters so common that a set holding one of them filters little: a longer set of rarer ones is preferred. */
const COMMON = new Set('了的我是一不在人有们这个也就都要没和说去到上你他');
/** A class that enumerates more characters than this is not worth checking. */
const MAX_CLASS = 64;

type Node =
  | { type: 'chars'; set: Set<string> | null }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; branches: Node[] }
  | { type: 'repeat'; min: number; node: Node }
  | { type: 'empty' };

class Unsupported extends Error {}

const DIGITS = '0123456789';

/** A small parser for the subset of RegExp syntax the rules use. */
function parse(source: string): Node {
  const chars = [...source];
  let i = 0;
  const peek = () => chars[i];

  function escape(inClass: boolean): Set<string> | null {
    const c = chars[i++];
    if (c === undefined) throw new Unsupported();
    if (c === 'd') return new Set(DIGITS);
    if (c === 'n') return new Set('\n');
    if (c === 't') return new Set('\t');
    if (c === 'r') return new Set('\r');
    if (c === 'p' || c === 'P') {
      // \p{…}: a property — skip its name, require nothing.
      if (peek() === '{') while (i < chars.length && chars[i++] !== '}');
      return null;
    }
    if (/[swSWDbBkuxc0-9]/.test(c)) {
      if (!inClass && (c === 'b' || c === 'B')) return new Set(); // zero-width: handled by caller
      throw new Unsupported();
    }
    return new Set(c); // an escaped literal: \. \? \( \\ …
  }

  function charClass(): Set<string> | null {
    // after '['
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    const set = new Set<string>();
    let unknown = false;
    let first = true;
    while (i < chars.length && (chars[i] !== ']' || first)) {
      first = false;
      let lo: Set<string> | null;
      const c = chars[i++]!;
      if (c === '\\') lo = escape(true);
      else lo = new Set(c);
      if (peek() === '-' && chars[i + 1] !== ']' && chars[i + 1] !== undefined && lo && lo.size === 1) {
        i++;
        const hiChar = chars[i++]!;
        const hi = hiChar === '\\' ? escape(true) : new Set(hiChar);
        if (!hi || hi.size !== 1) throw new Unsupported();
        const from = [...lo][0]!.codePointAt(0)!;
        const to = [...hi][0]!.codePointAt(0)!;
        if (to - from > MAX_CLASS) unknown = true;
        else for (let cp = from; cp <= to; cp++) set.add(String.fromCodePoint(cp));
        continue;
      }
      if (lo === null) unknown = true;
      else for (const x of lo) set.add(x);
    }
    if (chars[i++] !== ']') throw new Unsupported();
    if (negated || unknown || set.size > MAX_CLASS) return null;
    return set;
  }

  function atom(): Node | 'zero' {
    const c = chars[i++]!;
    if (c === '(') {
      if (peek() === '?') {
        i++;
        const k = chars[i++];
        if (k === ':') return group();
        // Lookarounds (?= (?! (?<= (?<! are zero-width: parsed, then ignored.
        if (k === '=' || k === '!') {
          group();
          return 'zero';
        }
        if (k === '<' && (peek() === '=' || peek() === '!')) {
          i++;
          group();
          return 'zero';
        }
        if (k === '<') {
          while (i < chars.length && chars[i++] !== '>'); // named group
          return group();
        }
        throw new Unsupported();
      }
      return group();
    }
    if (c === '[') return { type: 'chars', set: charClass() };
    if (c === '.') return { type: 'chars', set: null };
    if (c === '^' || c === '$') return 'zero';
    if (c === '\\') {
      const set = escape(false);
      if (set && set.size === 0) return 'zero';
      return { type: 'chars', set };
    }
    if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported();
    return { type: 'chars', set: new Set(c) };
  }

  function quantified(node: Node | 'zero'): Node | 'zero' {
    const q = peek();
    let min: number | null = null;
    if (q === '*' || q === '?') {
      i++;
      min = 0;
    } else if (q === '+') {
      i++;
      min = 1;
    } else if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(chars.slice(i).join(''));
      if (m) {
        i += m[0].length;
        min = Number(m[1]);
      }
    }
    if (min === null) return node;
    if (peek() === '?') i++; // lazy
    if (node === 'zero') return 'zero';
    return { type: 'repeat', min, node };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < chars.length && peek() !== '|' && peek() !== ')') {
      const node = quantified(atom());
      if (node !== 'zero') items.push(node);
    }
    return { type: 'seq', items };
  }

  function alternation(): Node {
    const branches = [sequence()];
    while (peek() === '|') {
      i++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : { type: 'alt', branches };
  }

  function group(): Node {
    const node = alternation();
    if (chars[i++] !== ')') throw new Unsupported();
    return node;
  }

  const node = alternation();
  if (i !== chars.length) throw new Unsupported();
  return node;
}

/** Fewer characters is a tighter filter; among equal sizes, a set without very common characters. */
function better(a: Set<string>, b: Set<string>): boolean {
  const common = (s: Set<string>) => [...s].some((c) => COMMON.has(c));
  if (common(a) !== common(b)) return !common(a);
  return a.size < b.size;
}

function required(node: Node): Set<string> | null {
  switch (node.type) {
    case 'chars':
      return node.set;
    case 'empty':
      return null;
    case 'repeat':
      return node.min >= 1 ? required(node.node) : null;
    case 'seq': {
      let best: Set<string> | null = null;
      for (const item of node.items) {
        const r = required(item);
        if (r && (!best || better(r, best))) best = r;
      }
      return best;
    }
    case 'alt': {
      const union = new Set<string>();
      for (const b of node.branches) {
        const r = required(b);
        if (!r) return null;
        for (const c of r) union.add(c);
      }
      return union;
    }
  }
}

/** The characters one of which every match of `re` contains, or null when none are known. */
export function requiredChars(re: RegExp): RequiredChars {
  // Case folding, dot-all or the v flag's set syntax change what a character matches: not followed here.
  if (/[ivs]/.test(re.flags)) return null;
  try {
    const set = required(parse(re.source));
    // Characters outside the basic plane are two code units: not followed (the pattern always runs).
    if (!set || [...set].some((c) => c.length !== 1)) return null;
    return [...set].map((c) => c.charCodeAt(0));
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/**
 * Which characters a text holds, for many quick look-ups: a stamp per UTF-16 code, so marking a text
 * costs one pass over it and clears nothing. One instance per caller (marking a text forgets the last).
 */
export class TextChars {
  private readonly stamps = new Uint32Array(0x10000);
  private generation = 0;

  /** Marks the text's characters; `first` is called once for each distinct code, in order of appearance. */
  mark(text: string, first?: (code: number) => void): void {
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    const g = this.generation;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.stamps[c] === g) continue;
      this.stamps[c] = g;
      first?.(c);
    }
  }

  has(code: number): boolean {
    return this.stamps[code] === this.generation;
  }

  /** False when the marked text holds none of the required characters, so the pattern cannot match it. */
  mayMatch(required: RequiredChars): boolean {
    if (!required) return true;
    for (let i = 0; i < required.length; i++) if (this.stamps[required[i]!] === this.generation) return true;
    return false;
  }
}
