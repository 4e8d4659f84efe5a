// Query parsing, segmentation with the project dictionary, synonyms file validation and the
// highlighter, without a store.
import { describe, expect, it } from 'vitest';
import { segment } from '../../analysis/segment.ts';
import { ftsMatch, highlightTerms, parseQuery, requiredTokens } from '../../indexer/query.ts';
import { highlight, highlightForTerminal, snippet } from '../../indexer/highlight.ts';
import { loadSynonyms, synonymIndex, synonymsSchema } from '../../indexer/synonyms.ts';
import { parseConfigText, ConfigError } from '../../config/load.ts';
import { queryBound } from '../../indexer/dates.ts';

const synonyms = synonymIndex(loadSynonyms());

describe('segmentation with the project dictionary', () => {
  it('keeps 人社 terms and place names whole', () => {
    const words = segment('宣汉县人社局说灵活就业人员的失业金和社保卡都在通川区办');
    for (const w of ['宣汉县', '人社局', '灵活就业', '失业金', '社保卡', '通川区']) expect(words).toContain(w);
  });
});

describe('parseQuery', () => {
  it('recognises synonym phrases before segmenting and expands them', () => {
    const words = parseQuery('宣汉 拖欠工资', synonyms);
    expect(words.map((w) => w.word)).toEqual(['宣汉', '拖欠工资']);
    expect(words[1]!.alternatives).toEqual(expect.arrayContaining(['欠薪', '讨薪', '拖欠工资']));
  });

  it('folds full-width and case, and drops repeated words', () => {
    expect(parseQuery('ＡＢＣ abc', synonyms).map((w) => w.word)).toEqual(['abc']);
  });

  it('quotes every token so query syntax typed by a user is only text', () => {
    const match = ftsMatch(parseQuery('社保 OR "NEAR" *', synonyms));
    expect(match).toContain('"社保"');
    expect(match).toContain('"or"');
    expect(match).not.toMatch(/(^|\s)OR\s"near"/);
  });

  it('requires the parts of a compound so looser wording matches', () => {
    expect(requiredTokens('拖欠工资')).toEqual(['拖欠', '工资']);
    expect(highlightTerms(parseQuery('欠薪', synonyms))).toContain('拖欠工资');
  });

  it('keeps a word whole when its parts would be too loose or never occur in context', () => {
    // 社保 alone would find every post about 社保; 老金 is no word a post about 养老金 yields.
    expect(requiredTokens('社保卡')).toEqual(['社保卡']);
    expect(requiredTokens('养老金')).toEqual(['养老金']);
    expect(requiredTokens('劳动争议仲裁')).toEqual(['劳动', '争议', '仲裁']);
  });

  it('does not mark lone characters of a split synonym', () => {
    const terms = highlightTerms(parseQuery('社保卡', synonyms));
    expect(terms).toEqual(expect.arrayContaining(['社保卡', '社会保险卡', '保险']));
    expect(terms).not.toContain('卡');
  });

  it('drops synonym alternatives that only add required words to another alternative', () => {
    const match = ftsMatch(parseQuery('欠薪', synonyms));
    // 拖欠农民工工资 needs 拖欠, 农民工 and 工资: every such post already matches 拖欠 + 工资.
    expect(match).not.toContain('农民工');
    expect(match).toContain('"拖欠"');
  });
});

describe('synonyms file', () => {
  it('accepts hotline numbers written as YAML numbers', () => {
    const s = parseConfigText(synonymsSchema, 'groups:\n  - [12333, 人社服务热线]\n', 'x.yaml');
    expect(s.groups[0]).toEqual(['12333', '人社服务热线']);
  });

  it('refuses a one-word group and a word in two groups, naming the field in Chinese', () => {
    expect(() => parseConfigText(synonymsSchema, 'groups:\n  - [社保]\n', 'x.yaml')).toThrow(/groups\[0\].*至少要有两个词/);
    try {
      parseConfigText(synonymsSchema, 'groups:\n  - [社保, 社会保险]\n  - [医保, 社保]\n', 'x.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/groups\[1\]\[1\].*社保.*第 1 组/);
    }
  });
});

describe('highlighting', () => {
  it('escapes everything and adds only <mark>', () => {
    const html = highlight('<img src=x onerror="alert(1)">社保卡 & 社保', ['社保卡', '社保']);
    expect(html).toBe('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;<mark>社保卡</mark> &#38; <mark>社保</mark>');
  });

  it('marks full-width text for a half-width query', () => {
    expect(highlight('打ＡＢＣ热线', ['abc'])).toBe('打<mark>ＡＢＣ</mark>热线');
  });

  it('cuts a long body around the first match with ellipses', () => {
    const body = `${'前面的话'.repeat(40)}这里说到欠薪的事${'后面的话'.repeat(40)}`;
    const s = snippet(body, ['欠薪'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>欠薪</mark>');
  });

  it('shows matches in 【】 on a terminal and unescapes the rest', () => {
    expect(highlightForTerminal(highlight('a<b 欠薪', ['欠薪']))).toBe('a<b 【欠薪】');
  });
});

describe('date bounds', () => {
  it('reads a date as a Beijing day, until inclusive of that day', () => {
    expect(queryBound('2025-06-01', 'since')).toBe('2025-05-31T16:00:00.000Z');
    expect(queryBound('2025-06-01', 'until')).toBe('2025-06-01T16:00:00.000Z');
    expect(() => queryBound('昨天', 'since')).toThrow(/起始时间（since）应为日期/);
  });
});
