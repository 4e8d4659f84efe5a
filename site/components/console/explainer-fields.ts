// Keeps the editor's front-matter fields and the Markdown text in step, both ways. The rules are
// in publicity/front-matter.ts; the text box stays the one thing submitted.
import { readFrontMatter, setField, toField, valueAt, type FieldKind } from '../../../publicity/front-matter.ts';

export function bindFields(source: HTMLTextAreaElement, onChange: () => void): void {
  const box = document.querySelector<HTMLElement>('[data-fm-fields]');
  if (!box) return;
  const kind = (f: HTMLElement) => (f.dataset.kind ?? 'text') as FieldKind;
  const fields = [...box.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[data-fm], textarea[data-fm]')];
  // Check-box groups (生活情形): the checked values, one per line, are the field's text.
  const groups = [...box.querySelectorAll<HTMLFieldSetElement>('fieldset[data-fm]')];
  const boxes = (g: HTMLElement) => [...g.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  box.hidden = false;

  const fill = () => {
    const data = readFrontMatter(source.value);
    if (!data) return; // half-typed YAML: leave the fields as they are
    for (const f of fields) if (f !== document.activeElement) f.value = toField(kind(f), valueAt(data, f.dataset.fm!));
    for (const g of groups) {
      const picked = toField(kind(g), valueAt(data, g.dataset.fm!)).split('\n');
      for (const b of boxes(g)) b.checked = picked.includes(b.value);
    }
  };
  for (const g of groups) {
    g.addEventListener('change', () => {
      const text = boxes(g)
        .filter((b) => b.checked)
        .map((b) => b.value)
        .join('\n');
      const next = setField(source.value, g.dataset.fm!, kind(g), text);
      if (next === null) return;
      source.value = next;
      onChange();
    });
  }
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
