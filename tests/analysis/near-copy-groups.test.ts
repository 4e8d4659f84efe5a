import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jaccard, nearCopyGroups, splitAfterBatch, trigrams } from '../../analysis/corpus/real/groups.ts';

// The rule as it reads: each text joins the earliest group whose first text it is close enough to.
// nearCopyGroups answers through an index; it must give exactly this.
function allPairs(texts: readonly string[], threshold: number): number[][] {
  const out: { head: Set<string>; members: number[] }[] = [];
  texts.forEach((t, i) => {
    const g = trigrams(t);
    const hit = out.find((o) => jaccard(o.head, g) >= threshold);
    if (hit) hit.members.push(i);
    else out.push({ head: g, members: [i] });
  });
  return out.map((o) => o.members);
}

// Few characters, so that many texts share 3-grams and near-copies are common; empty and one-character
// texts (no 3-grams at all) come up too.
const text = fc.string({ unit: fc.constantFrom('工', '资', '拖', '欠', '社', '保', '我', '们', '。'), maxLength: 14 });
const texts = fc
  .tuple(fc.array(text, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 25 }))
  // then near-copies: a text with a character appended, or two texts run together (close to both)
  .map(([base, picks]) =>
    base.length === 0
      ? base
      : [
          ...base,
          ...picks.map((p, i) => (i % 3 === 2 ? base[(p >> 1) % base.length]! + base[p % base.length]! : base[p % base.length]! + '工资'.charAt(i % 2))),
        ],
  );

describe('near-copy groups', () => {
  it('groups exactly as comparing every text with every group’s first text', () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(0.4, 0.2, 0.8, 1, 0, -1), (ts, threshold) => {
        expect(nearCopyGroups(ts, threshold)).toEqual(allPairs(ts, threshold));
      }),
      { numRuns: 400 },
    );
  });

  it('joins the earliest close group, not the one it meets first', () => {
    const wages = '我们八十多名工人的工资拖了半年';
    const card = '社保卡丢了在哪里补办手续';
    // the third letter is close to both: it starts with the second group's words but joins the first group
    expect(nearCopyGroups([wages, card, card + wages])).toEqual([[0, 2], [1]]);
  });

  it('keeps texts without 3-grams apart unless every text is one group', () => {
    expect(nearCopyGroups(['', '好', '好的'])).toEqual([[0], [1], [2]]);
    expect(nearCopyGroups(['', '好', '好的'], 0)).toEqual([[0, 1, 2]]);
  });
});

describe('splitAfterBatch', () => {
  it('keeps a later near-copy of an earlier letter off the measured side, and earlier letters all on the labelled side', () => {
    const wages = { text: '我们八十多名工人的工资拖了半年，多次反映没有结果', batch: 1 };
    const again = { text: '我们八十多名工人的工资拖了半年，多次反映都没有结果', batch: 2 };
    const card = { text: '社保卡丢了在哪里补办手续', batch: 2 };
    const early = { text: '养老金认证每年都要刷脸吗', batch: 1 };
    const { first, next } = splitAfterBatch([wages, again, card, early], 1);
    expect(first).toEqual([wages, early]);
    expect(next).toEqual([card]);
  });
});
