// The pre-check that lets scoring skip rule patterns a post cannot match: it must never skip a pattern
// that matches (that would silently change a score), and it should skip most that cannot.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GRIEVANCE_PATTERNS } from '../../analysis/lexicon.ts';
import { requiredChars, TextChars } from '../../analysis/required-chars.ts';
import { jsonlFilesIn, TEST_DIR } from '../../analysis/corpus/index.ts';

const chars = (re: RegExp) => {
  const need = requiredChars(re);
  return need && String.fromCharCode(...need);
};

describe('requiredChars', () => {
  it('reads literals, alternations, classes and quantifiers', () => {
    expect(chars(/跳楼|自杀/u)).toBe('跳自');
    expect(chars(/被[^。！？]{0,10}打(?:了|伤)/u)).toBe('被'); // 被 and 打 both required: the first is kept
    expect(chars(/[1-3]名/u)).toBe('名');
    expect(chars(/(?:[1-3]|几)个?工/u)).toBe('工');
    expect(chars(/(?:甲|乙)+丙?/u)).toBe('甲乙');
    expect(chars(/工资.{0,8}没发/u)).toBe('工');
  });

  it('prefers rarer characters over the most common ones', () => {
    expect(chars(/了不起/u)).toBe('起');
  });

  it('requires nothing when a branch, a lookaround or an optional part is all a match must hold', () => {
    expect(chars(/(?:甲|)乙?/u)).toBeNull();
    expect(chars(/(?<=甲)乙?/u)).toBeNull();
    expect(chars(/[^甲]/u)).toBeNull();
    expect(chars(/./u)).toBeNull();
    expect(chars(/\p{P}/u)).toBeNull();
    expect(chars(/abc/i)).toBeNull(); // case folding is not followed
    expect(chars(/\u8dF3/u)).toBeNull(); // escapes it does not read
  });

  it('never rules out a text that a rule pattern matches (every grievance pattern over the written held-out posts)', () => {
    const texts = jsonlFilesIn(TEST_DIR).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
    const marks = new TextChars();
    let matched = 0;
    let skipped = 0;
    for (const g of GRIEVANCE_PATTERNS) {
      for (const re of g.patterns) {
        const need = requiredChars(re);
        for (const text of texts) {
          marks.mark(text);
          const may = marks.mayMatch(need);
          if (re.test(text)) {
            matched++;
            expect(may, `${re.source} / ${text}`).toBe(true);
          } else if (!may) skipped++;
        }
      }
    }
    expect(matched).toBeGreaterThan(50);
    // Most (pattern, post) pairs that cannot match are skipped without running the pattern.
    expect(skipped).toBeGreaterThan(0.5 * GRIEVANCE_PATTERNS.reduce((n, g) => n + g.patterns.length, 0) * texts.length);
  });
});

describe('TextChars', () => {
  it('forgets the previous text when it marks the next one and reports each distinct character once', () => {
    const marks = new TextChars();
    const seen: string[] = [];
    marks.mark('欠薪欠薪', (c) => seen.push(String.fromCharCode(c)));
    expect(seen).toEqual(['欠', '薪']);
    expect(marks.has('欠'.charCodeAt(0))).toBe(true);
    marks.mark('社保');
    expect(marks.has('欠'.charCodeAt(0))).toBe(false);
    expect(marks.mayMatch(requiredChars(/欠薪|社保/u))).toBe(true);
    expect(marks.mayMatch(requiredChars(/跳楼/u))).toBe(false);
  });
});
