// The explainer linter speaks to publicity staff: each mistake named in plain Chinese with its line.
import { describe, expect, it } from 'vitest';
import { formatLintMessage, lintExplainer, lintExplainerFolder, type LintContext } from '../../site/lib/public/lint-explainers.ts';
import { projectPath } from '../../config/paths.ts';

const ctx: LintContext = {
  glossary: [{ id: 'jiaofei-jishu', term: '缴费基数' }],
  explainerIds: ['unemployment-benefit'],
  today: new Date('2026-11-28T00:00:00Z'),
};

const good = `---
title: 失业保险金怎么领
summary: 交过失业保险的，可以按月领失业保险金。
audience: 失业的职工
benefit: 每月失业保险金
topic: 失业保险
calculators: [unemployment]
sources:
  - title: 社会保险法
    confidence: official
effectiveFrom: 2025-01-01
reviewBy: 2027-06-01
steps:
  materials: [身份证]
  where: 县人社局
  howLong: 当场办理
  online: 四川人社 App
keyPoints: [交满 1 年才能领, 每月 1,980 元, 最长领 24 个月]
---

## 领多少

按[缴费基数](/glossary/#jiaofei-jishu)算。详见[计算器](/calculators/unemployment/)。
`;

describe('explainer linter', () => {
  it('passes a complete, current, plain explainer', () => {
    expect(lintExplainer('a.md', good, ctx)).toEqual([]);
  });

  it('names a missing field as an error', () => {
    const messages = lintExplainer('a.md', good.replace('reviewBy: 2027-06-01\n', ''), ctx);
    expect(messages).toContainEqual(expect.objectContaining({ severity: 'error', message: expect.stringContaining('缺少复核日期 reviewBy') }));
  });

  it('warns when policy is past its review date or no longer in force', () => {
    const stale = good
      .replace('reviewBy: 2027-06-01', 'reviewBy: 2026-01-01')
      .replace('effectiveFrom: 2025-01-01', 'effectiveFrom: 2025-01-01\neffectiveTo: 2026-06-30');
    const messages = lintExplainer('a.md', stale, ctx).map((m) => m.message);
    expect(messages).toContain('已过复核日期 2026年1月1日：请对照最新文件核对后更新 reviewBy');
    expect(messages).toContain('政策已于 2026年6月30日 失效，请更新或下线这张明白纸');
  });

  it('warns when a figure the page quotes has a newer value than the page', () => {
    const parameters = { 'x/wage': { label: '最低工资', values: { '2025-01-01': {}, '2026-10-01': {} } } };
    const quoting = good.replace('calculators: [unemployment]', 'calculators: [unemployment]\nparameters: [x/wage, x/none]');
    const messages = lintExplainer('a.md', quoting, { ...ctx, parameters });
    expect(messages).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: '本页引用的“最低工资”自 2026年10月1日 起有新值，请核对正文里的数字后更新 effectiveFrom' }),
    );
    expect(messages).toContainEqual(expect.objectContaining({ severity: 'error', message: expect.stringContaining('x/none 不是计算器参数') }));
    expect(
      lintExplainer('a.md', quoting.replace('effectiveFrom: 2025-01-01', 'effectiveFrom: 2026-10-01'), { ...ctx, parameters }).filter((m) =>
        m.message.includes('新值'),
      ),
    ).toEqual([]);
  });

  it('flags jargon without a plain version, over-long sentences and broken links, with the line', () => {
    const body = good.replace(
      '按[缴费基数](/glossary/#jiaofei-jishu)算。详见[计算器](/calculators/unemployment/)。',
      '按计发基数算。详见[计算器](/calculators/nonexistent/)。\n这是一个特别特别长的句子，用来检查句子长度的提醒是否会在超过四十个字的时候出现在这里。',
    );
    const messages = lintExplainer('a.md', body, ctx);
    const at = (text: string) => messages.find((m) => m.message.includes(text));
    expect(at('“计发基数”是专业词')).toMatchObject({ line: 23, severity: 'warning' });
    expect(at('链接 /calculators/nonexistent/ 指向的页面不存在')).toMatchObject({ line: 23 });
    expect(at('句子太长')).toMatchObject({ line: 24 });
  });

  it('asks for one short summary sentence and short steps, pointing at their line', () => {
    const wordy = good
      .replace('summary: 交过失业保险的，可以按月领失业保险金。', 'summary: 交过失业保险的可以领。每月发一次。')
      .replace('where: 县人社局', 'where: 户籍地或者最后一个工作单位所在地的县区人力资源和社会保障局的失业保险经办窗口或乡镇便民服务中心');
    const messages = lintExplainer('a.md', wordy, ctx);
    expect(messages).toContainEqual(expect.objectContaining({ line: 3, message: '摘要 summary 请用一句话说完（现在有好几句）' }));
    expect(messages).toContainEqual(expect.objectContaining({ line: 15, message: expect.stringMatching(/^steps\.where 句子太长（\d+ 个字/) }));
  });

  it('refuses to count a term as explained when the glossary has no plain version of it', () => {
    const listed = good.replace('keyPoints:', 'glossary: [视同缴费年限]\nkeyPoints:').replace('按[缴费基数]', '含视同缴费年限，按[缴费基数]');
    const messages = lintExplainer('a.md', listed, ctx).map((m) => m.message);
    expect(messages).toContain('“视同缴费年限”写进了 glossary，但词语解释（glossary.yaml）里还没有它，请补上大白话解释');
    expect(messages.some((m) => m.includes('“视同缴费年限”是专业词'))).toBe(false);
  });

  it('accepts links to posters and search, and refuses a poster that does not exist', () => {
    const links = good.replace(
      '详见[计算器](/calculators/unemployment/)。',
      '[海报](/poster/unemployment-benefit/)，[搜索](/search/)，[旧海报](/poster/old/)。',
    );
    const messages = lintExplainer('a.md', links, ctx).map((m) => m.message);
    expect(messages).toEqual(['链接 /poster/old/ 指向的页面不存在']);
  });

  it('prints each message with the file inside the project and the line, in words staff read', () => {
    const m = { file: '/proj/site/content/explainers/a.md', line: 7, severity: 'error' as const, message: 'reviewBy：缺少复核日期 reviewBy' };
    expect(formatLintMessage(m, '/proj')).toBe('错误 site/content/explainers/a.md 第 7 行：reviewBy：缺少复核日期 reviewBy');
    expect(formatLintMessage({ ...m, severity: 'warning' }, '/elsewhere')).toBe(
      '提醒 /proj/site/content/explainers/a.md 第 7 行：reviewBy：缺少复核日期 reviewBy',
    );
  });

  it('finds nothing to fix in the bundled explainers', () => {
    const messages = lintExplainerFolder(projectPath('site', 'content', 'explainers'), projectPath('site', 'content', 'glossary.yaml'), new Date('2026-11-28'));
    expect(messages).toEqual([]);
  });
});
