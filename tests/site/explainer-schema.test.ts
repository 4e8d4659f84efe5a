// The explainer front matter schema is what stops a half-written 政策明白纸 reaching residents:
// every field a staff member can get wrong is refused with a Chinese message naming that field.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { explainerSchema } from '../../site/lib/public/explainer-schema.ts';
import { CONFIDENCE_LEVELS as CONFIDENCE, CONFIDENCE_LABELS as CONFIDENCE_LABEL } from '../../policy/schema.ts';
import { glossarySchema } from '../../site/lib/public/glossary-schema.ts';
import { projectPath } from '../../config/paths.ts';

const complete = {
  title: '失业保险金怎么领',
  summary: '交过失业保险、不是自己辞职的，可以按月领失业保险金。',
  audience: '非本人意愿失业的职工',
  benefit: '每月失业保险金',
  topic: '失业保险',
  calculators: ['unemployment'],
  sources: [{ title: '失业保险条例', docNumber: '国务院令第258号', confidence: 'official' }],
  effectiveFrom: '2025-01-01',
  reviewBy: '2027-01-01',
  steps: { materials: ['身份证'], where: '县（区）人社局', howLong: '当场受理', online: '四川人社 App' },
  keyPoints: ['交满 1 年才能领', '达州每月 1,980 元', '最长领 24 个月'],
};

/** The Chinese messages zod gives for this front matter, keyed by field path. */
function messagesFor(frontMatter: Record<string, unknown>): Record<string, string> {
  const result = explainerSchema.safeParse(frontMatter);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const without = (key: string) => Object.fromEntries(Object.entries(complete).filter(([k]) => k !== key));

describe('explainer front matter', () => {
  it('accepts a complete explainer and reads its dates as dates, in either YAML style', () => {
    const parsed = explainerSchema.parse({ ...complete, effectiveFrom: new Date('2025-01-01'), reviewBy: '2027-01-01' });
    expect(parsed.effectiveFrom).toBeInstanceOf(Date);
    expect(parsed.reviewBy.toISOString().slice(0, 10)).toBe('2027-01-01');
    expect(parsed.glossary).toEqual([]);
  });

  it.each([
    ['title', '缺少标题 title'],
    ['summary', '缺少一句话摘要 summary'],
    ['sources', '缺少出处 sources'],
    ['reviewBy', '缺少复核日期 reviewBy'],
    ['effectiveFrom', '缺少生效日期 effectiveFrom'],
  ])('refuses an explainer without %s, saying so in Chinese', (field, message) => {
    expect(messagesFor(without(field))[field]).toBe(message);
  });

  it('refuses steps without where to go, naming the step', () => {
    const steps = { materials: ['身份证'], howLong: '当场受理', online: '四川人社 App' };
    expect(messagesFor({ ...complete, steps })['steps.where']).toContain('去哪里办');
  });

  it('refuses a date written the wrong way, showing the right format', () => {
    expect(messagesFor({ ...complete, reviewBy: '明年一月' }).reviewBy).toContain('格式 2025-09-01');
  });

  it('refuses an unknown calculator and lists the ones that exist', () => {
    const message = messagesFor({ ...complete, calculators: ['pension'] })['calculators.0'];
    expect(message).toContain('应为计算器编号');
    expect(message).toContain('unemployment');
    expect(message).toContain('retirement-age');
  });

  it('refuses a source without a known confidence, and a link that is not a web address', () => {
    const messages = messagesFor({ ...complete, sources: [{ title: '某通知', confidence: 'sure', href: 'rst.sc.gov.cn' }] });
    expect(messages['sources.0.confidence']).toContain('可信度应为');
    expect(messages['sources.0.href']).toBe('出处链接应为网址');
  });

  it('refuses a field it does not know (a typo would otherwise be silently ignored)', () => {
    expect(explainerSchema.safeParse({ ...complete, reveiwBy: '2027-01-01' }).success).toBe(false);
  });

  it('keeps the poster to a handful of short key points', () => {
    expect(messagesFor({ ...complete, keyPoints: ['只有一条'] }).keyPoints).toMatch(/^至少 \d 条要点（用于海报）$/);
    expect(messagesFor({ ...complete, keyPoints: ['一', '二', '三', '四', '五', '六'] }).keyPoints).toBe('要点最多 5 条');
    expect(messagesFor({ ...complete, keyPoints: ['短', '短', '这'.repeat(41)] })['keyPoints.2']).toBe('海报要点每条不超过 40 个字');
  });

  it('labels every confidence level, and every level but official says it is not the original text', () => {
    for (const level of CONFIDENCE) expect(CONFIDENCE_LABEL[level]).toMatch(/\S/);
    expect(CONFIDENCE_LABEL.unverified).toBe('未核实，以经办机构答复为准');
    expect(CONFIDENCE.filter((c) => c !== 'official').every((c) => CONFIDENCE_LABEL[c] !== CONFIDENCE_LABEL.official)).toBe(true);
  });
});

describe('bundled content', () => {
  const dir = projectPath('site', 'content', 'explainers');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  const glossary = (parseYaml(readFileSync(projectPath('site', 'content', 'glossary.yaml'), 'utf8')) as unknown[]).map((e) => glossarySchema.parse(e));

  it('has the six explainers residents ask about most, each valid', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(`${dir}/${f}`, 'utf8'))![1]!;
      const result = explainerSchema.safeParse(parseYaml(front));
      expect(result.success ? [] : result.error.issues.map((i) => `${f} ${i.path.join('.')}: ${i.message}`)).toEqual([]);
    }
  });

  it('explains in the glossary every term an explainer lists, and gives each term its own anchor', () => {
    const terms = new Set(glossary.map((g) => g.term));
    const ids = glossary.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of files) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(`${dir}/${f}`, 'utf8'))![1]!;
      const listed = explainerSchema.parse(parseYaml(front)).glossary;
      expect(
        listed.filter((t) => !terms.has(t)),
        f,
      ).toEqual([]);
    }
  });
});
