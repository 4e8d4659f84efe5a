// Posters (key points) and the glossary are read alone, without the page's caveats: an amount that
// rests on an unverified figure must say 未核实 in the same line, or the build stops.
import { describe, expect, it } from 'vitest';
import { lintExplainer, lintExplainerFolder, lintGlossary, unverifiedFigures, type LintContext } from '../../site/lib/public/lint-explainers.ts';
import { explainerSchema } from '../../site/lib/public/explainer-schema.ts';
import { projectPath } from '../../config/paths.ts';

const today = new Date('2026-12-05T00:00:00Z');
const ctx: LintContext = { glossary: [], explainerIds: [], today };

const page = (keyPoint: string, sourceTitle = '达州失业保险金每月约 1,980 元（2,200 元 × 90%）') => `---
title: 失业保险金怎么领
summary: 交过失业保险的，可以按月领失业保险金。
audience: 失业的职工
benefit: 每月失业保险金
topic: 失业保险
sources:
  - title: 社会保险法
    confidence: official
  - title: ${sourceTitle}
    confidence: unverified
effectiveFrom: 2025-01-01
reviewBy: 2027-06-01
steps:
  materials: [身份证]
  where: 县人社局
  howLong: 当场办理
  online: 四川人社 App
keyPoints: [交满 1 年才能领, "${keyPoint}", 最长领 24 个月]
---

正文。
`;

describe('unverified figures on posters and in the glossary', () => {
  it('the figures of unverified parameters in force are known: 达州 2,200, 计发基数 8,462, 163', () => {
    const f = unverifiedFigures(today);
    for (const n of ['2200', '8462', '163']) expect(f.has(n)).toBe(true);
    expect(f.has('139')).toBe(false); // official-secondhand, not unverified
  });

  it('a poster line “达州每月 1,980 元” stated as fact is an error; with 未核实 it passes', () => {
    const bad = lintExplainer('u.md', page('达州每月 1,980 元（最低工资 2,200 元 × 90%）'), ctx);
    expect(bad).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/未核实的数（1980、2200）当作确定的数/) })]);
    expect(lintExplainer('u.md', page('达州每月约 1,980 元（未核实）'), ctx)).toEqual([]);
    // an amount only an unverified source of this page gives is caught too
    expect(lintExplainer('u.md', page('每月 1,980 元'), ctx)[0]!.severity).toBe('error');
    expect(lintExplainer('u.md', page('每月 1,980 元', '另一份文件'), ctx)).toEqual([]);
  });

  it('a glossary entry “达州…每月 2,200 元” stated as fact is an error', () => {
    const glossary = `- id: zuidi-gongzi\n  term: 最低工资标准\n  plain: 达州从 2025 年 1 月 1 日起是每月 2,200 元。\n`;
    expect(lintGlossary('g.yaml', glossary, today)).toEqual([
      expect.objectContaining({ line: 1, severity: 'error', message: expect.stringContaining('2200') }),
    ]);
    expect(lintGlossary('g.yaml', glossary.replace('元。', '元（未核实）。'), today)).toEqual([]);
  });

  it('the shipped explainers and glossary pass: no errors', () => {
    const messages = lintExplainerFolder(projectPath('site', 'content', 'explainers'), projectPath('site', 'content', 'glossary.yaml'), today);
    expect(messages.filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('a source link that is a site’s home page is refused', () => {
    const r = explainerSchema.safeParse({
      title: '标题标题',
      summary: '一句话的摘要。',
      audience: 'a',
      benefit: 'b',
      topic: 't',
      sources: [{ title: 't', href: 'https://www.stats.gov.cn/sj/zxfb/', confidence: 'unverified' }],
      effectiveFrom: '2025-01-01',
      reviewBy: '2027-01-01',
      steps: { materials: ['身份证'], where: 'w', howLong: 'h', online: 'o' },
      keyPoints: ['a', 'b', 'c'],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/应指向文件本身/);
  });
});
