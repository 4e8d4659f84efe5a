// The 明白纸 editor in the browser: as one types, the content lint (same rules as the build) and
// the preview (same article component as the public page) follow within a second; the text is
// kept in this browser (localStorage) so a closed tab or a dropped connection loses nothing;
// a publication's build progress is followed until it is done.
import { bindFields } from './explainer-fields.ts';

const form = document.querySelector<HTMLFormElement>('[data-explainer-editor]');
const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
}

if (form) {
  const source = form.querySelector<HTMLTextAreaElement>('textarea[name="source"]')!;
  const idInput = form.querySelector<HTMLInputElement>('input[name="id"]');
  const id = () => form.dataset.explainerEditor || idInput?.value.trim() || '';
  const lintList = document.querySelector<HTMLElement>('[data-lint]');
  const lintSummary = document.querySelector<HTMLElement>('[data-lint-summary]');
  const preview = document.querySelector<HTMLElement>('[data-preview]');
  const saved = document.querySelector<HTMLElement>('[data-autosave]');
  const key = `ms-explainer-draft:${form.dataset.explainerEditor || 'new'}`;
  const serverText = source.value;

  // Offer a text left unsaved in this browser, once.
  try {
    const kept = localStorage.getItem(key);
    if (kept && kept !== serverText && saved) {
      const restore = document.createElement('button');
      restore.type = 'button';
      restore.className = 'secondary';
      restore.textContent = '恢复上次没保存的内容';
      restore.addEventListener('click', () => {
        source.value = kept;
        restore.remove();
        schedule();
      });
      saved.textContent = '这台电脑上有一份没保存的草稿。';
      saved.append(' ', restore);
    }
  } catch {
    // storage unavailable (private mode): autosave just does not happen
  }

  let timer: number | undefined;
  let run = 0;
  const refresh = async () => {
    const mine = ++run;
    const text = source.value;
    try {
      localStorage.setItem(key, text);
      if (saved) saved.textContent = `已自动保存在本机 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}（点“保存新版本”才会存进系统）`;
    } catch {
      // ignore
    }
    const [lint, html] = await Promise.all([
      post('/api/explainers/lint', { id: id(), source: text }).then((r) => (r.ok ? (r.json() as Promise<{ messages: { line: number; severity: string; message: string }[] }>) : null)),
      post('/console/explainers/preview', { id: id(), source: text }).then((r) => (r.ok ? r.text() : null)),
    ]).catch(() => [null, null] as const);
    if (mine !== run) return; // a newer keystroke already asked again
    if (lint && lintList) {
      lintList.replaceChildren(
        ...lint.messages.map((m) => {
          const li = document.createElement('li');
          li.className = m.severity === 'error' ? 'lint-error' : 'lint-warning';
          li.textContent = `${m.severity === 'error' ? '错误' : '提醒'} 第 ${m.line} 行：${m.message}`;
          return li;
        }),
      );
      const errors = lint.messages.filter((m) => m.severity === 'error').length;
      if (lintSummary) lintSummary.textContent = lint.messages.length ? `${errors} 处错误，${lint.messages.length - errors} 条提醒` : '检查通过，没有问题';
    }
    if (html !== null && preview) preview.innerHTML = html;
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), 600);
  };
  source.addEventListener('input', schedule);
  bindFields(source, schedule);
  idInput?.addEventListener('input', schedule);
  form.addEventListener('submit', () => {
    try {
      localStorage.removeItem(key);
    } catch {
      // ignore
    }
  });
}

// Large type in the preview, as residents can switch it on.
for (const toggle of document.querySelectorAll<HTMLButtonElement>('[data-preview-mode]')) {
  toggle.addEventListener('click', () => {
    const box = document.querySelector<HTMLElement>('.preview-box');
    if (!box) return;
    for (const t of document.querySelectorAll<HTMLButtonElement>('[data-preview-mode]')) t.setAttribute('aria-pressed', String(t === toggle));
    box.dataset.mode = toggle.dataset.previewMode;
  });
}

// A publication's progress: the job is polled until it finishes, then the page reloads to show it.
const progress = document.querySelector<HTMLElement>('[data-publish-job]');
if (progress) {
  const jobId = progress.dataset.publishJob;
  const label = progress.querySelector<HTMLElement>('[data-step]');
  const poll = async () => {
    const res = await fetch(`/api/explainers/jobs/${jobId}`).catch(() => null);
    if (!res?.ok) return;
    const { job } = (await res.json()) as { job: { step: string; stepLabel: string } };
    if (label) label.textContent = job.stepLabel;
    if (job.step === 'done' || job.step === 'failed') window.location.reload();
    else window.setTimeout(() => void poll(), 2000);
  };
  window.setTimeout(() => void poll(), 1000);
}
