// The editor's fields change one front-matter entry and leave the rest as written.
import { describe, expect, it } from 'vitest';
import { readFrontMatter, setField, toField, valueAt } from '../../publicity/front-matter.ts';
import { lintExplainer } from '../../site/lib/public/lint-explainers.ts';

const source = [
  '---',
  '# 模板说明：保留',
  'title: 旧标题',
  'summary: 一句话。',
  'steps:',
  '  where: 窗口',
  '  materials:',
  '    - 身份证',
  'sources:',
  '  - title: 条例',
  '    confidence: official',
  '---',
  '',
  '正文不动。',
  '',
].join('\n');

describe('front-matter fields', () => {
  it('sets a nested entry and keeps comments, other entries and the body', () => {
    const out = setField(source, 'steps.where', 'text', '区政务服务中心 3 号窗口')!;
    expect(out).toContain('# 模板说明：保留');
    expect(readFrontMatter(out)).toMatchObject({ title: '旧标题', steps: { where: '区政务服务中心 3 号窗口', materials: ['身份证'] } });
    expect(out.endsWith('\n正文不动。\n')).toBe(true);
  });

  it('reads and writes lists, lines, dates and sources the way staff type them', () => {
    let out = setField(source, 'glossary', 'list', '经济补偿、 工伤认定')!;
    out = setField(out, 'keyPoints', 'lines', '第一条\n\n第二条\n第三条')!;
    out = setField(out, 'reviewBy', 'text', '2027-06-30')!;
    out = setField(out, 'sources', 'sources', '劳动合同法 | | https://flk.npc.gov.cn/ | official\n达州通知 | 达人社发〔2025〕1号 | | unverified')!;
    expect(out).toContain('glossary: [ 经济补偿, 工伤认定 ]');
    const data = readFrontMatter(out)!;
    expect(data).toMatchObject({ keyPoints: ['第一条', '第二条', '第三条'], reviewBy: '2027-06-30' });
    expect(data.sources).toEqual([
      { title: '劳动合同法', href: 'https://flk.npc.gov.cn/', confidence: 'official' },
      { title: '达州通知', docNumber: '达人社发〔2025〕1号', confidence: 'unverified' },
    ]);
    expect(toField('sources', data.sources)).toBe('劳动合同法 |  | https://flk.npc.gov.cn/ | official\n达州通知 | 达人社发〔2025〕1号 |  | unverified');
    expect(toField('list', valueAt(data, 'glossary'))).toBe('经济补偿、工伤认定');
    // An emptied optional field removes the entry.
    expect(readFrontMatter(setField(out, 'summary', 'text', '  ')!)).not.toHaveProperty('summary');
  });

  it('leaves a half-typed front matter alone, and the lint reads what the fields wrote', () => {
    expect(setField('---\ntitle: [oops\n---\n', 'title', 'text', 'x')).toBeNull();
    expect(readFrontMatter('---\ntitle: [oops\n---\n')).toBeNull();
    const written = setField(source, 'effectiveFrom', 'text', '2025-01-01')!;
    const messages = lintExplainer('x.md', written, { glossary: [], explainerIds: [], today: new Date('2026-01-01') });
    expect(messages.some((m) => m.message.includes('生效日期'))).toBe(false);
  });
});
