// Readable text out of HTML: paragraphs and line breaks survive as newlines, scripts and styles
// do not, runs of blank space collapse. Used for detail pages and for HTML inside feeds/JSON.
import { load, type CheerioAPI } from 'cheerio/slim';
import { isDocument, isTag, isText, type AnyNode } from 'domhandler';

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'dd',
  'dt',
  'dl',
  'td',
  'th',
  'figure',
  'figcaption',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head']);

function walk(node: AnyNode, out: string[]): void {
  if (isText(node)) {
    out.push(node.data);
    return;
  }
  if (!isTag(node) && !isDocument(node)) return;
  const name = isTag(node) ? node.name.toLowerCase() : undefined;
  if (name && SKIP.has(name)) return;
  if (name === 'br') {
    out.push('\n');
    return;
  }
  const block = name !== undefined && BLOCK.has(name);
  if (block) out.push('\n');
  for (const child of node.children) walk(child, out);
  if (block) out.push('\n');
}

// Characters a page can carry that no reader needs: control characters other than line breaks
// and tabs (an escape sequence in a title would rewrite a duty officer's terminal when the alert
// is logged), direction overrides (they make a title read differently from what is stored), and
// zero-width characters (written between 欠 and 薪 they hide a word from the scorer and search).
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
const KEPT_CONTROLS = /[\n\r\t]/;

/** The text without the characters above (line breaks and tabs kept). */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => (KEPT_CONTROLS.test(c) ? c : ''));
}

/**
 * Collapses spaces within lines and blank lines between them, and drops the characters above, so
 * everything downstream (store, scoring, console, logs) sees only what a reader would see.
 */
export function tidyText(text: string): string {
  return withoutInvisible(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

export function textOfNodes(nodes: AnyNode[]): string {
  const out: string[] = [];
  for (const n of nodes) walk(n, out);
  return tidyText(out.join(''));
}

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyText(html);
  const $: CheerioAPI = load(html);
  return textOfNodes($.root().toArray());
}
