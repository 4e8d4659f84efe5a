// The alert page marks, inside each post, the words its score's reasons name — escaped first.
import { describe, expect, it } from 'vitest';
import { reasonWords } from '../../site/server/reason-words.ts';
import { highlight } from '../../indexer/highlight.ts';

describe('reason words on the alert page', () => {
  it('takes the words from the word-list reasons and ignores counts and rule lines', () => {
    expect(
      reasonWords(['负面词：拖欠、没人管', '危机信号（群体性）：聚集、拉横幅', '定级橙色（重大）：9 人反映同一事件', '主题词：工资', '否定：不给（前有否定词，不计负面）']),
    ).toEqual(['拖欠', '没人管', '聚集', '拉横幅', '工资']);
  });

  it('marks them in crawled text without letting any markup through', () => {
    const html = highlight('<script>alert(1)</script>工地拖欠工资没人管', reasonWords(['负面词：拖欠、没人管']));
    expect(html).toBe('&#60;script&#62;alert(1)&#60;/script&#62;工地<mark>拖欠</mark>工资<mark>没人管</mark>');
  });
});
