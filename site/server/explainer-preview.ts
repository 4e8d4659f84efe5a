// What the editor's preview needs from a text being written: the front matter checked by the
// same schema as the build, the body rendered by Astro's own Markdown renderer, and the glossary
// entries and calculators it names — then ExplainerArticle renders it like the public page.
import { readFileSync } from 'node:fs';
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';
import QRCode from 'qrcode';
import { parse as parseYaml } from 'yaml';
import { loadRegion } from '../../config/region.ts';
import { CALCULATOR_LIST } from '../../policy/calculators.ts';
import { explainerSchema, type Explainer } from '../lib/public/explainer-schema.ts';
import { glossaryFile } from '../lib/content-dir.ts';
import { serverEnv } from './env.ts';

let processor: Promise<MarkdownProcessor> | null = null;
// Code highlighting is off: 明白纸 have no code, and it would load a large highlighter.
const markdown = () => (processor ??= createMarkdownProcessor({ syntaxHighlight: false }));

export type Preview =
  | {
      ok: true;
      data: Explainer;
      html: string;
      terms: { id: string; term: string; plain: string }[];
      calculators: { id: string; title: string }[];
      poster: { bureau: string; qrSvg: string };
    }
  | { ok: false; errors: string[]; html: string };

export async function explainerPreview(source: string, id = 'new'): Promise<Preview> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  const body = m ? source.slice(m[0].length) : source;
  const html = (await (await markdown()).render(body)).code;
  if (!m) return { ok: false, errors: ['文件开头缺少 --- 包起来的信息区'], html };
  let raw: unknown;
  try {
    raw = parseYaml(m[1]!);
  } catch (err) {
    return { ok: false, errors: [`信息区写法有误：${(err as Error).message.split('\n')[0]}`], html };
  }
  const parsed = explainerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || '信息区'}：${i.message}`), html };
  const data = parsed.data;
  const glossary = parseYaml(readFileSync(glossaryFile(), 'utf8')) as { id: string; term: string; plain: string }[];
  const terms = data.glossary.flatMap((t) => glossary.filter((g) => g.term === t)).map(({ id, term, plain }) => ({ id, term, plain }));
  // The poster's QR code points where the page will be, as the printed poster's does.
  const siteUrl = (serverEnv().siteUrl ?? 'http://localhost:4321').replace(/\/+$/, '');
  const qrSvg = await QRCode.toString(`${siteUrl}/explainers/${id}/`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    ok: true,
    data,
    html,
    terms,
    calculators: CALCULATOR_LIST.filter((c) => data.calculators.includes(c.id)),
    poster: { bureau: loadRegion().bureau, qrSvg },
  };
}
