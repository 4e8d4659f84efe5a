// The alert page marks, inside each post, the words its score's reasons name — escaped first.
import { describe, expect, it } from 'vitest';
import { reasonText, reasonWords, type Reason } from '../../analysis/reasons.ts';
import { scoreText } from '../../analysis/index.ts';
import { highlight } from '../../indexer/highlight.ts';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { QUXIAN_POSTS, ZHENGWU_POSTS } from '../../demo/board/sections.ts';

/**
 * How the page found the words while reasons were sentences: the word lists after six prefixes (and the
 * serious-letter model's, which came after). Kept here only as the reference the structured reasons must agree with.
 */
function wordsParsedFromSentences(sentences: string[]): string[] {
  const words = new Set<string>();
  for (const s of sentences) {
    const m = /^(负面词|正面词|投诉情形|危机信号[^：]*|严重信号[^：]*|主题词|关注词[^：]*)：(.+)$/.exec(s);
    if (!m) continue;
    // asides in brackets go first: the models' reasons end with one that holds commas ("（像危机的说法，可能性 0.61）")
    for (const w of m[2]!.replace(/（.*?）|\(.*?\)/g, '').split(/[、，,]/)) {
      const word = w.trim();
      if ([...word].length >= 2) words.add(word);
    }
  }
  return [...words];
}

describe('reason words on the alert page', () => {
  it('takes the words from the word-list reasons and ignores counts, rule lines and negated words', () => {
    const reasons: Reason[] = [
      { kind: 'negativeWords', words: ['拖欠', '没人管'], negatedPositive: [] },
      { kind: 'crisis', crisis: 'group', words: ['聚集', '拉横幅'] },
      { kind: 'ordinaryComplaint', negative: true },
      { kind: 'topicWords', words: ['工资'] },
      { kind: 'negated', words: ['不给'] },
      { kind: 'model', negative: 0.93 },
      { kind: 'text', text: '负面词：旧句子不再解析' },
    ];
    expect(reasonWords(reasons)).toEqual(['拖欠', '没人管', '聚集', '拉横幅', '工资']);
  });

  it('marks the same words as before in every demo post', () => {
    const texts = [...BOARD_POSTS.map((p) => `${p.title}\n${p.body.join('\n')}`), ...[...ZHENGWU_POSTS, ...QUXIAN_POSTS].map((p) => `${p.title}\n${p.body}`)];
    let marked = 0;
    for (const text of texts) {
      const { reasons } = scoreText(text);
      const words = reasonWords(reasons);
      expect(words, text.slice(0, 20)).toEqual(wordsParsedFromSentences(reasons.map(reasonText)));
      marked += words.length;
    }
    expect(marked).toBeGreaterThan(50);
  });

  it('marks them in crawled text without letting any markup through', () => {
    const html = highlight(
      '<script>alert(1)</script>工地拖欠工资没人管',
      reasonWords([{ kind: 'negativeWords', words: ['拖欠', '没人管'], negatedPositive: [] }]),
    );
    expect(html).toBe('&#60;script&#62;alert(1)&#60;/script&#62;工地<mark>拖欠</mark>工资<mark>没人管</mark>');
  });
});
