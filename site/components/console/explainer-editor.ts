// The 明白纸 editor in the browser: as one types, the content lint (same rules as the build) and
// the preview (same article component as the public page) follow within a second; the text is
// saved as this user's automatic draft on the server a few seconds after typing stops and when
// the page is left (kept in this browser too when the server cannot take it), and offered back
// when the editor is opened again, on any machine; a publication's build progress is followed.
import { AUTOSAVE_DEBOUNCE_MS } from '../../../publicity/autosave.ts';
import { bindFields } from './explainer-fields.ts';

const form = document.querySelector<HTMLFormElement>('[data-explainer-editor]');
const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';

async function post(url: string, body: unknown, keepalive = false): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body), keepalive });
}

const clock = () => new Date().toLocaleTimeString('zh-CN', { hour12: false });

if (form) {
  const source = form.querySelector<HTMLTextAreaElement>('textarea[name="source"]')!;
  const idInput = form.querySelector<HTMLInputElement>('input[name="id"]');
  const id = () => form.dataset.explainerEditor || idInput?.value.trim() || '';
  // The server keeps one automatic draft per page and user; '' is the not yet created page.
  const draftKey = form.dataset.explainerEditor ?? '';
  const lintList = document.querySelector<HTMLElement>('[data-lint]');
  const lintSummary = document.querySelector<HTMLElement>('[data-lint-summary]');
  const preview = document.querySelector<HTMLElement>('[data-preview]');
  const status = document.querySelector<HTMLElement>('[data-autosave]');
  const key = `ms-explainer-draft:${draftKey || 'new'}`;
  let lastSent = source.value;
  let submitting = false;

  const say = (text: string, problem = false) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('error', problem);
    status.setAttribute('role', problem ? 'alert' : 'status');
  };
  const keepLocally = (text: string) => {
    try {
      localStorage.setItem(key, text);
    } catch {
      // storage unavailable (private mode): the text is still in the page
    }
  };
  const forgetLocally = () => {
    try {
      localStorage.removeItem(key);
    } catch {
      // ignore
    }
  };

  const autosave = async (keepalive = false) => {
    const text = source.value;
    if (submitting || text === lastSent || !text.trim()) return;
    try {
      const res = await post('/api/explainers/autosave', { id: draftKey, source: text }, keepalive);
      if (res.ok) {
        lastSent = text;
        forgetLocally();
        say(`草稿已自动保存 ${clock()}（只有您自己看得到；点“保存新版本”才会成为新的一版）`);
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      keepLocally(text);
      say(`草稿没能自动保存：${body?.error ?? `服务器答复 ${res.status}`}。内容还在本页，也暂存在这台电脑上；请不要关闭页面，稍后点“保存新版本”。`, true);
    } catch {
      keepLocally(text);
      say('没连上服务器，草稿没能自动保存。内容还在本页，也暂存在这台电脑上；网络恢复后会再试。', true);
    }
  };

  // A draft kept for this page: the server's (rendered into the page) or, failing that, this browser's.
  const offer = document.querySelector<HTMLElement>('[data-autosave-offer]');
  const offered = offer?.querySelector<HTMLTextAreaElement>('[data-autosave-text]')?.value ?? null;
  let local: string | null = null;
  try {
    local = localStorage.getItem(key);
  } catch {
    // ignore
  }
  const restoreBar = (text: string, label: string, fromServer: boolean) => {
    const bar = offer ?? document.createElement('div');
    if (!offer) {
      bar.className = 'notice';
      bar.textContent = label;
      form.prepend(bar);
    }
    bar.hidden = false;
    const restore = bar.querySelector<HTMLButtonElement>('[data-restore]') ?? document.createElement('button');
    const discard = bar.querySelector<HTMLButtonElement>('[data-discard]') ?? document.createElement('button');
    if (!offer) {
      restore.type = discard.type = 'button';
      restore.textContent = '恢复';
      discard.textContent = '丢弃';
      discard.className = 'secondary';
      bar.append(' ', restore, ' ', discard);
    }
    restore.addEventListener('click', () => {
      source.value = text;
      source.dispatchEvent(new Event('input'));
      bar.remove();
      say('已恢复草稿，检查无误后请点“保存新版本”。');
    });
    discard.addEventListener('click', () => {
      bar.remove();
      forgetLocally();
      if (fromServer) void post('/api/explainers/autosave', { id: draftKey, discard: true });
      say('已丢弃草稿。');
    });
  };
  if (offered !== null) restoreBar(offered, '', true);
  else if (local && local !== source.value) restoreBar(local, '这台电脑上有一份没存进系统的草稿，', false);

  let timer: number | undefined;
  let saveTimer: number | undefined;
  let run = 0;
  const refresh = async () => {
    const mine = ++run;
    const text = source.value;
    const [lint, html] = await Promise.all([
      post('/api/explainers/lint', { id: id(), source: text }).then((r) =>
        r.ok ? (r.json() as Promise<{ messages: { line: number; severity: string; message: string }[] }>) : null,
      ),
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
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => void autosave(), AUTOSAVE_DEBOUNCE_MS);
  };
  source.addEventListener('input', schedule);
  bindFields(source, schedule);
  idInput?.addEventListener('input', schedule);
  // Leaving the page (closing the tab, switching away on a tablet): send what is not saved yet.
  const leaving = () => {
    window.clearTimeout(saveTimer);
    void autosave(true);
  };
  window.addEventListener('pagehide', leaving);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leaving();
  });
  form.addEventListener('submit', () => {
    submitting = true;
    window.clearTimeout(saveTimer);
    forgetLocally();
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
