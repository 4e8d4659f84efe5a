// Editing one front-matter entry of a 明白纸 without disturbing the rest: the editor's form
// fields go through here (in the browser), so comments, order and other entries stay as written.
import { Document, isMap, isSeq, parseDocument } from 'yaml';

/** `choices`: values picked from a fixed list (check boxes), one per line in the field, which may hold 、 themselves. */
export type FieldKind = 'text' | 'number' | 'lines' | 'list' | 'choices' | 'sources';

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const split = (s: string) =>
  s
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const SOURCE_KEYS = ['title', 'docNumber', 'href', 'confidence'] as const;

/** How a stored value shows in a field: lists one per line or joined with 、, sources as “a | b | c | d”. */
export function toField(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (kind === 'lines' || kind === 'choices') return Array.isArray(value) ? value.map(plain).join('\n') : plain(value);
  if (kind === 'list') return Array.isArray(value) ? value.map(plain).join('、') : plain(value);
  if (kind === 'sources') {
    if (!Array.isArray(value)) return '';
    return value
      .map((s: Record<string, unknown>) =>
        SOURCE_KEYS.map((k) => (s?.[k] === undefined ? '' : plain(s[k])))
          .join(' | ')
          .replace(/( \| )+$/, ''),
      )
      .join('\n');
  }
  return plain(value);
}

/** Front matter holds strings, numbers and dates; anything else shows as JSON rather than “[object Object]”. */
function plain(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
}

/** What a field's text means as a value; undefined removes the entry. */
export function fromField(kind: FieldKind, text: string): unknown {
  if (kind === 'lines' || kind === 'choices') return lines(text);
  if (kind === 'list') return split(text);
  if (kind === 'number') return text.trim() === '' ? undefined : Number(text);
  if (kind === 'sources') {
    const out = lines(text).map((line) => {
      const parts = line.split('|').map((p) => p.trim());
      const source: Record<string, string> = {};
      SOURCE_KEYS.forEach((k, i) => {
        if (parts[i]) source[k] = parts[i]!;
      });
      return source;
    });
    return out.length ? out : undefined;
  }
  return text.trim() === '' ? undefined : text.trim();
}

/** The front matter as data, or null while it is not valid YAML (half typed). */
export function readFrontMatter(source: string): Record<string, unknown> | null {
  const m = FRONT.exec(source);
  if (!m) return null;
  const doc = parseDocument(m[1]!);
  if (doc.errors.length) return null;
  const data: unknown = doc.toJS();
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

export function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

/** The source with one entry (path like steps.where) set from a field; null when the YAML is broken. */
export function setField(source: string, path: string, kind: FieldKind, text: string): string | null {
  const m = FRONT.exec(source);
  const parsed = parseDocument(m ? m[1]! : '');
  if (parsed.errors.length) return null;
  const doc: Document = isMap(parsed.contents) ? parsed : new Document({});
  const keys = path.split('.');
  const value = fromField(kind, text);
  if (value === undefined) doc.deleteIn(keys);
  else {
    const node = doc.createNode(value);
    // Short lists read best on one line, as the template writes them: [a, b].
    if (isSeq(node) && (kind === 'list' || kind === 'choices')) node.flow = true;
    doc.setIn(keys, node);
  }
  const front = doc.toString().replace(/\n$/, '');
  const body = m ? source.slice(m[0].length) : `\n${source}`;
  return `---\n${front}\n---\n${body}`;
}
