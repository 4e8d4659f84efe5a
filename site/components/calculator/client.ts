// Runs in the browser: reads the form, validates as the resident types, and shows the answer with
// its explanation. Uses the same policy code as the CLI, bundled into the page, so it keeps working
// without a network once the page has loaded.
import { findCalculator, runCalculator } from '../../../policy/calculators.ts';
import { InputError } from '../../../policy/input.ts';
import { MissingParameterError } from '../../../policy/parameters.ts';
import { renderProblemHtml, renderResultHtml } from './render.ts';

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function readNumber(text: string): unknown {
  const cleaned = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  const n = Number(cleaned);
  return cleaned !== '' && Number.isFinite(n) ? n : text; // not a number: let validation say so
}

export function setUpCalculator(root: HTMLElement): void {
  const id = root.dataset.calculator!;
  const calculator = findCalculator(id);
  if (!calculator) return;
  const form = root.querySelector('form')!;
  const output = root.querySelector<HTMLElement>('[data-calc-output]')!;
  const touched = new Set<string>();

  const variant = () => form.querySelector<HTMLInputElement>('input[name="__variant"]:checked')?.value;

  function showVariant(): void {
    const v = variant();
    for (const el of form.querySelectorAll<HTMLElement>('[data-variant]')) el.hidden = v !== undefined && el.dataset.variant !== v;
  }

  function readInput(): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    const v = variant();
    for (const field of calculator!.fields) {
      if (field.variant && v && field.variant !== v) continue;
      const el = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
      const text = el?.value.trim() ?? '';
      if (text === '') continue;
      const numeric = field.kind === 'number' || field.kind === 'integer' || field.numeric;
      setPath(input, field.name, numeric ? readNumber(text) : text);
    }
    return input;
  }

  function showFieldErrors(messages: Map<string, string>, all: boolean): void {
    for (const field of calculator!.fields) {
      const box = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(field.name)}"]`);
      const el = form.elements.namedItem(field.name) as HTMLElement | null;
      const message = all || touched.has(field.name) ? messages.get(field.name) : undefined;
      if (box) box.textContent = message ?? '';
      el?.setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  }

  function update(all: boolean): void {
    try {
      const result = runCalculator(id, readInput());
      showFieldErrors(new Map(), all);
      output.innerHTML = renderResultHtml(id, result);
      output.dataset.state = 'answer';
    } catch (err) {
      if (err instanceof InputError) {
        const messages = new Map<string, string>();
        for (const issue of err.issues) if (!messages.has(issue.field)) messages.set(issue.field, issue.message);
        showFieldErrors(messages, all);
        const unplaced = err.issues.filter((i) => !calculator!.fields.some((f) => f.name === i.field));
        output.innerHTML = renderProblemHtml(
          unplaced.length ? unplaced.map((i) => i.message).join('\n') : all ? '请按提示改正上面标红的内容。' : '填好上面的内容，结果会马上显示在这里。',
        );
        output.dataset.state = 'incomplete';
      } else if (err instanceof MissingParameterError) {
        showFieldErrors(new Map(), all);
        output.innerHTML = renderProblemHtml(`暂时算不了：${err.message}`);
        output.dataset.state = 'missing';
      } else {
        throw err;
      }
    }
  }

  form.addEventListener('input', (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (name && name !== '__variant') touched.add(name);
    showVariant();
    update(false);
  });
  form.addEventListener('change', () => {
    showVariant();
    update(false);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update(true);
    output.focus();
  });
  showVariant();
}
