// Keeps the editor's front-matter fields and the Markdown text in step, both ways. The rules are
// in publicity/front-matter.ts; the text box stays the one thing submitted.
import { readFrontMatter, setField, toField, valueAt, type FieldKind } from '../../../publicity/front-matter.ts';

export function bindFields(source: HTMLTextAreaElement, onChange: () => void): void {
  const box = document.querySelector<HTMLElement>('[data-fm-fields]');
  if (!box) return;
  const fields = [...box.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-fm]')];
  const kind = (f: HTMLElement) => (f.dataset.kind ?? 'text') as FieldKind;
  box.hidden = false;

  const fill = () => {
    const data = readFrontMatter(source.value);
    if (!data) return; // half-typed YAML: leave the fields as they are
    for (const f of fields) if (f !== document.activeElement) f.value = toField(kind(f), valueAt(data, f.dataset.fm!));
  };
  for (const f of fields) {
    f.addEventListener('input', () => {
      const next = setField(source.value, f.dataset.fm!, kind(f), f.value);
      if (next === null) return;
      source.value = next;
      onChange();
    });
  }
  source.addEventListener('input', fill);
  fill();
}
