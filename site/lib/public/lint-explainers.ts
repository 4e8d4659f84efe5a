// Checks a publicity staff member's explainers before they go out, in plain Chinese: missing or
// wrong fields, jargon used without a plain version, sentences too long to read on a phone,
// links to pages that do not exist, and — above all — policy that is out of date.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { explainerSchema } from './explainer-schema.ts';
import { CALCULATOR_LIST } from '../../../policy/calculators.ts';
import { PARAMETER_FILES } from '../../../policy/generated/parameters.generated.ts';

export interface LintMessage {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface LintContext {
  /** Glossary terms with their anchor ids. */
  glossary: { id: string; term: string }[];
  /** Explainer ids that exist (file names without .md). */
  explainerIds: string[];
  today: Date;
  /** Calculator parameters (default: the generated table) — for the “newer value” check. */
  parameters?: Record<string, { label: string; values: Record<string, unknown> }>;
  /** Warn this many days before reviewBy / effectiveTo. */
  warnDays?: number;
}

/** Terms that must be explained (linked to the glossary or listed in `glossary`) where they appear. */
export const JARGON = [
  '缴费基数',
  '计发基数',
  '平均缴费指数',
  '视同缴费年限',
  '个人账户',
  '计发月数',
  '本人工资',
  '伤残等级',
  '工伤认定',
  '经济补偿',
  '基础养老金',
  '最低缴费年限',
  '灵活就业',
];

export const MAX_SENTENCE = 40;

/** Figures residents would read as fact but that rest on an unverified parameter in force on `today`
 *  (2,200, 8,462, 163 …), as plain digits. Small numbers (years, months, percentages) are left out:
 *  they are rules, not amounts. */
export function unverifiedFigures(today: Date, parameters: LintContext['parameters'] = PARAMETER_FILES): Set<string> {
  const day = today.toISOString().slice(0, 10);
  const out = new Set<string>();
  for (const file of Object.values(parameters ?? {})) {
    const values = file.values as Record<string, { value: unknown; confidence?: string }>;
    // The latest figure on or before today; past a gap (计发基数 not yet published) that is the one
    // the calculators estimate with, so it counts too.
    const since = Object.keys(values)
      .filter((d) => d <= day && values[d]!.value !== null)
      .sort()
      .at(-1);
    const entry = since ? values[since] : undefined;
    if (!entry || entry.confidence !== 'unverified') continue;
    const numbers = typeof entry.value === 'object' ? Object.values(entry.value as Record<string, unknown>) : [entry.value];
    for (const n of numbers) if (typeof n === 'number' && n >= 100) out.add(String(n));
  }
  return out;
}

/** The amounts in a text, as plain digits ("1,980 元" → "1980"). */
function amountsIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, '').replace(/\.0+$/, '')).filter((n) => Number(n) >= 100);
}

/** A text that states an unverified figure must say 未核实 in the same text: a poster line or a
 *  glossary entry is read alone, without the page's caveats. Returns the figures stated as fact. */
export function unverifiedStatedAsFact(text: string, figures: Set<string>): string[] {
  if (text.includes('未核实')) return [];
  return amountsIn(text).filter((n) => figures.has(n));
}

function splitFrontMatter(source: string): { frontMatter: string; body: string; bodyStartLine: number } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) return null;
  return { frontMatter: m[1]!, body: source.slice(m[0].length), bodyStartLine: m[0].split('\n').length };
}

const DAY = 86_400_000;
const ymd = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;

/** Lints one explainer's source text. Pure: the caller reads the files. */
export function lintExplainer(file: string, source: string, ctx: LintContext): LintMessage[] {
  const out: LintMessage[] = [];
  const add = (line: number, severity: LintMessage['severity'], message: string) => out.push({ file, line, severity, message });
  const parts = splitFrontMatter(source);
  if (!parts) {
    add(1, 'error', '文件开头缺少 --- 包起来的信息区（标题、出处、日期等）');
    return out;
  }
  const lineOfKey = (key: string) => {
    const i = parts.frontMatter.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return i >= 0 ? i + 2 : 1;
  };
  let raw: unknown;
  try {
    raw = parseYaml(parts.frontMatter);
  } catch (err) {
    add(1, 'error', `信息区写法有误：${(err as Error).message.split('\n')[0]}`);
    return out;
  }
  const parsed = explainerSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(lineOfKey(String(issue.path[0] ?? '')), 'error', `${issue.path.join('.') || '信息区'}：${issue.message}`);
  }
  const data = parsed.success ? parsed.data : null;

  // Front-matter text residents read (summary, steps): one plain sentence each, short enough for a phone.
  if (data) {
    const lineOfText = (text: string) => {
      const probe = text.slice(0, 12);
      const i = parts.frontMatter.split('\n').findIndex((l) => l.includes(probe));
      return i >= 0 ? i + 2 : 1;
    };
    const summarySentences = data.summary.split(/[。！？；]/).filter((x) => x.trim());
    if (summarySentences.length > 1) add(lineOfKey('summary'), 'warning', '摘要 summary 请用一句话说完（现在有好几句）');
    const fields: [string, string][] = [
      ['summary', data.summary],
      ['steps.where', data.steps.where],
      ['steps.howLong', data.steps.howLong],
      ['steps.online', data.steps.online],
      ...data.steps.materials.map((m): [string, string] => ['steps.materials', m]),
    ];
    for (const [field, text] of fields) {
      for (const sentence of text.split(/[。！？；]/)) {
        const length = [...sentence.trim()].length;
        if (length > MAX_SENTENCE)
          add(lineOfText(text), 'warning', `${field} 句子太长（${length} 个字，建议不超过 ${MAX_SENTENCE} 个）：“${sentence.trim().slice(0, 15)}……”`);
      }
    }
    // Key points go on the poster alone: an unverified amount there carries 未核实 in the line itself —
    // the figures of unverified parameters, and those in this page's unverified sources (1,980 …).
    const figures = unverifiedFigures(ctx.today, ctx.parameters);
    for (const src of data.sources) if (src.confidence === 'unverified') for (const n of amountsIn(src.title)) figures.add(n);
    for (const point of data.keyPoints) {
      const stated = unverifiedStatedAsFact(point, figures);
      if (stated.length)
        add(lineOfText(point), 'error', `海报要点“${point}”把未核实的数（${stated.join('、')}）当作确定的数写出：请在这一条里写明“未核实”，或去掉这个数`);
    }
    // A term listed as explained must really have a plain version in the glossary.
    const known = new Set(ctx.glossary.map((g) => g.term));
    for (const term of data.glossary) {
      if (!known.has(term)) add(lineOfKey('glossary'), 'warning', `“${term}”写进了 glossary，但词语解释（glossary.yaml）里还没有它，请补上大白话解释`);
    }
  }

  // Stale policy: the most important check — an outdated answer is worse than none.
  if (data) {
    const warnMs = (ctx.warnDays ?? 30) * DAY;
    if (data.effectiveTo && data.effectiveTo.getTime() < ctx.today.getTime()) {
      add(lineOfKey('effectiveTo'), 'warning', `政策已于 ${ymd(data.effectiveTo)} 失效，请更新或下线这张明白纸`);
    }
    if (data.reviewBy.getTime() < ctx.today.getTime()) {
      add(lineOfKey('reviewBy'), 'warning', `已过复核日期 ${ymd(data.reviewBy)}：请对照最新文件核对后更新 reviewBy`);
    } else if (data.reviewBy.getTime() - ctx.today.getTime() < warnMs) {
      add(lineOfKey('reviewBy'), 'warning', `快到复核日期 ${ymd(data.reviewBy)} 了，请安排核对`);
    }
    // A figure the page quotes that has changed since the page was written.
    const written = data.effectiveFrom.toISOString().slice(0, 10);
    const today = ctx.today.toISOString().slice(0, 10);
    for (const id of data.parameters) {
      const file = (ctx.parameters ?? PARAMETER_FILES)[id];
      if (!file) {
        add(lineOfKey('parameters'), 'error', `parameters 里的 ${id} 不是计算器参数（见 policy/parameters/）`);
        continue;
      }
      const newer = Object.keys(file.values)
        .filter((d) => d > written && d <= today)
        .sort()
        .at(-1);
      if (newer) {
        add(lineOfKey('parameters'), 'warning', `本页引用的“${file.label}”自 ${ymd(new Date(newer))} 起有新值，请核对正文里的数字后更新 effectiveFrom`);
      }
    }
  }

  const explained = new Set(data?.glossary ?? []);
  const glossaryIds = new Set(ctx.glossary.map((g) => g.id));
  const calculatorIds = new Set(CALCULATOR_LIST.map((c) => c.id));
  const explainerIds = new Set(ctx.explainerIds);
  const seenJargon = new Set<string>();
  parts.body.split('\n').forEach((text, i) => {
    const line = parts.bodyStartLine + i;
    if (/^\s*(#|```)/.test(text)) return;
    // Links to our own pages must lead somewhere.
    for (const m of text.matchAll(/\]\((\/[^)\s]*)\)/g)) {
      const href = m[1]!;
      const [path, anchor] = href.split('#') as [string, string | undefined];
      const ok =
        path === '/' ||
        /^\/calculators\/?$/.test(path) ||
        /^\/explainers\/?$/.test(path) ||
        (path.match(/^\/calculators\/([\w-]+)\/?$/) && calculatorIds.has(path.split('/')[2]!)) ||
        (path.match(/^\/explainers\/([\w-]+)\/?$/) && explainerIds.has(path.split('/')[2]!)) ||
        (path.match(/^\/poster\/([\w-]+)\/?$/) && explainerIds.has(path.split('/')[2]!)) ||
        /^\/search\/?$/.test(path) ||
        (path.match(/^\/glossary\/?$/) && (!anchor || glossaryIds.has(anchor)));
      if (!ok) add(line, 'warning', `链接 ${href} 指向的页面不存在`);
    }
    const plain = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    // Jargon the first time it appears: linked to the glossary, or listed under glossary.
    for (const term of JARGON) {
      if (seenJargon.has(term) || !plain.includes(term)) continue;
      seenJargon.add(term);
      const linked = new RegExp(`\\[[^\\]]*${term}[^\\]]*\\]\\(/glossary/`).test(text);
      if (!linked && !explained.has(term)) add(line, 'warning', `“${term}”是专业词，第一次出现时请链接到词语解释，或写进 glossary`);
    }
    for (const sentence of plain.replace(/^\s*([-*]|\d+\.)\s*/, '').split(/[。！？；]/)) {
      const length = [...sentence.trim()].length;
      if (length > MAX_SENTENCE) add(line, 'warning', `句子太长（${length} 个字，建议不超过 ${MAX_SENTENCE} 个）：“${sentence.trim().slice(0, 15)}……”`);
    }
  });
  return out;
}

/** The glossary is read alone too: an entry stating an unverified amount says 未核实 in the entry. */
export function lintGlossary(file: string, source: string, today: Date, parameters?: LintContext['parameters']): LintMessage[] {
  const entries = parseYaml(source) as { id: string; term: string; plain?: string; example?: string }[];
  const figures = unverifiedFigures(today, parameters);
  const lines = source.split('\n');
  const out: LintMessage[] = [];
  for (const e of entries) {
    const stated = unverifiedStatedAsFact(`${e.plain ?? ''} ${e.example ?? ''}`, figures);
    if (!stated.length) continue;
    const line = lines.findIndex((l) => l.includes(`id: ${e.id}`)) + 1 || 1;
    out.push({
      file,
      line,
      severity: 'error',
      message: `词语解释“${e.term}”把未核实的数（${stated.join('、')}）当作确定的数写出：请写明“未核实”，或去掉这个数`,
    });
  }
  return out;
}

/** Lints every explainer in a folder, with the glossary file beside it. */
export function lintExplainerFolder(dir: string, glossaryFile: string, today = new Date()): LintMessage[] {
  const glossarySource = readFileSync(glossaryFile, 'utf8');
  const glossary = (parseYaml(glossarySource) as { id: string; term: string }[]).map(({ id, term }) => ({ id, term }));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const explainerIds = files.map((f) => basename(f, '.md'));
  return [
    ...files.flatMap((f) => lintExplainer(join(dir, f), readFileSync(join(dir, f), 'utf8'), { glossary, explainerIds, today })),
    ...lintGlossary(glossaryFile, glossarySource, today),
  ];
}

/** One line per message; the file is shown relative to `base` (the project folder) so staff can find it. */
export function formatLintMessage(m: LintMessage, base = process.cwd()): string {
  const rel = relative(base, m.file);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : m.file;
  return `${m.severity === 'error' ? '错误' : '提醒'} ${file} 第 ${m.line} 行：${m.message}`;
}
