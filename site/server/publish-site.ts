// Publishing a 明白纸 rebuilds the residents' site safely: the explainers are copied to a staging
// folder with the change applied, linted and built there (the same lint and astro build as
// always) into a new folder, and only a successful build is swapped in. A failure leaves the live
// pages and the live Markdown exactly as they were, and says why in Chinese. One build at a time.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatLintMessage, lintExplainerFolder } from '../lib/public/lint-explainers.ts';
import { explainersDir, glossaryFile } from '../lib/content-dir.ts';
import { PUBLIC_CSP_FILE } from './public-csp.ts';
import { defaultOutDir, ensureSiteBuilt } from './start.ts';
import { serverEnv } from './env.ts';

export interface SiteChange {
  /** Explainer files to write (id → whole Markdown). */
  write?: { id: string; source: string }[];
  /** Explainer ids to take off the site. */
  remove?: string[];
}

export type PublishStep = 'queued' | 'linting' | 'building' | 'swapping' | 'done' | 'failed';

export const STEP_LABELS: Record<PublishStep, string> = {
  queued: '排队等待（另一次发布正在构建）',
  linting: '检查明白纸',
  building: '构建网站（约一两分钟）',
  swapping: '替换网站页面',
  done: '发布完成',
  failed: '发布失败，网站保持原样',
};

export interface PublishJob {
  id: number;
  explainerId: string;
  what: string;
  step: PublishStep;
  startedAt: string;
  finishedAt: string | null;
  /** Chinese messages: lint errors or the build's own error. */
  errors: string[];
  warnings: string[];
}

/** Builds `contentDir` into `outDir`; throws with a readable message on failure. */
export type SiteBuilder = (contentDir: string, outDir: string) => Promise<void>;

export const astroBuilder: SiteBuilder = (contentDir, outDir) => ensureSiteBuilt({ outDir, force: true, env: { MINSHENG_EXPLAINERS_DIR: contentDir } });

export interface PublishOptions {
  liveContentDir?: string;
  liveOutDir?: string;
  builder?: SiteBuilder;
  today?: Date;
  onStep?: (step: PublishStep) => void;
}

const liveOutDir = () => resolve(serverEnv().siteLiveDir ?? defaultOutDir());

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(file: string, text: string) {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Files of `from` missing in `to` are copied over (recursively), nothing is overwritten. */
function copyMissing(from: string, to: string) {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, e.name);
    const b = join(to, e.name);
    if (e.isDirectory()) copyMissing(a, b);
    else if (!existsSync(b)) cpSync(a, b);
  }
}

/**
 * Applies `change` to the site. Resolves with the lint warnings on success; on failure with the
 * errors, having changed nothing live.
 */
export async function rebuildSite(change: SiteChange, options: PublishOptions = {}): Promise<{ ok: true; warnings: string[] } | { ok: false; errors: string[] }> {
  const contentDir = resolve(options.liveContentDir ?? explainersDir());
  const outDir = resolve(options.liveOutDir ?? liveOutDir());
  const builder = options.builder ?? astroBuilder;
  const step = options.onStep ?? (() => {});
  for (const id of [...(change.write ?? []).map((w) => w.id), ...(change.remove ?? [])]) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return { ok: false, errors: [`页面地址 ${id} 不合规`] };
  }

  // The staging folder sits beside the build so the bundle still finds node_modules.
  const work = mkdtempSync(join(dirname(outDir), `.publish-${basename(outDir)}-`));
  const staged = join(work, 'explainers');
  const built = join(work, 'dist');
  try {
    step('linting');
    mkdirSync(staged);
    for (const f of readdirSync(contentDir)) if (f.endsWith('.md')) cpSync(join(contentDir, f), join(staged, f));
    for (const id of change.remove ?? []) rmSync(join(staged, `${id}.md`), { force: true });
    for (const w of change.write ?? []) writeFileSync(join(staged, `${w.id}.md`), w.source);
    const messages = lintExplainerFolder(staged, glossaryFile(), options.today ?? new Date());
    const show = (m: (typeof messages)[number]) => formatLintMessage({ ...m, file: `${basename(m.file)}` });
    const errors = messages.filter((m) => m.severity === 'error');
    if (errors.length) return { ok: false, errors: errors.map(show) };

    step('building');
    try {
      await builder(staged, built);
    } catch (err) {
      return { ok: false, errors: [(err as Error).message] };
    }
    const newClient = join(built, 'client');
    if (!existsSync(newClient)) return { ok: false, errors: ['构建结果里没有网站页面（client 文件夹），网站保持原样'] };

    step('swapping');
    const liveClient = join(outDir, 'client');
    if (existsSync(liveClient)) {
      // Console pages already served keep asking for the assets they were built with.
      copyMissing(join(liveClient, '_astro'), join(newClient, '_astro'));
      const old = join(work, 'old-client');
      // The running server keeps its own server code; only the prerendered pages are replaced.
      renameSync(liveClient, old);
      renameSync(newClient, liveClient);
    } else {
      mkdirSync(outDir, { recursive: true });
      renameSync(newClient, liveClient);
    }
    if (existsSync(join(built, PUBLIC_CSP_FILE))) cpSync(join(built, PUBLIC_CSP_FILE), join(outDir, PUBLIC_CSP_FILE));
    // The live Markdown follows the site only once the site has it.
    for (const w of change.write ?? []) writeAtomic(join(contentDir, `${w.id}.md`), w.source);
    for (const id of change.remove ?? []) rmSync(join(contentDir, `${id}.md`), { force: true });
    return { ok: true, warnings: messages.map(show) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// One publication at a time for the whole process; jobs are kept in memory for the progress view.
const REGISTRY = Symbol.for('minsheng.publishJobs');
interface Registry {
  jobs: Map<number, PublishJob>;
  next: number;
  tail: Promise<unknown>;
}
const registry = (): Registry => ((globalThis as unknown as Record<symbol, Registry>)[REGISTRY] ??= { jobs: new Map(), next: 1, tail: Promise.resolve() });

export const publishJob = (id: number) => registry().jobs.get(id) ?? null;
export const publishJobs = () => [...registry().jobs.values()].sort((a, b) => b.id - a.id);

/**
 * Queues a rebuild; `onDone` runs after it (with the outcome) — that is where the caller stores
 * the new workflow state, so the store says “published” only when the site does.
 */
export function queuePublication(
  explainerId: string,
  what: string,
  change: SiteChange,
  onDone: (outcome: { ok: true; warnings: string[] } | { ok: false; errors: string[] }) => Promise<void>,
  options: PublishOptions = {},
): PublishJob {
  const reg = registry();
  const job: PublishJob = { id: reg.next++, explainerId, what, step: 'queued', startedAt: new Date().toISOString(), finishedAt: null, errors: [], warnings: [] };
  reg.jobs.set(job.id, job);
  // Keep the last 50 jobs.
  for (const id of [...reg.jobs.keys()].sort((a, b) => a - b).slice(0, Math.max(0, reg.jobs.size - 50))) reg.jobs.delete(id);
  const run = async () => {
    let outcome: Awaited<ReturnType<typeof rebuildSite>>;
    try {
      outcome = await rebuildSite(change, { ...options, onStep: (s) => (job.step = s) });
    } catch (err) {
      outcome = { ok: false, errors: [`发布出错：${(err as Error).message}`] };
    }
    try {
      await onDone(outcome);
    } catch (err) {
      outcome = { ok: false, errors: [...(outcome.ok ? [] : outcome.errors), `网站已更新，但保存发布状态失败：${(err as Error).message}`] };
    }
    if (outcome.ok) job.warnings = outcome.warnings;
    else job.errors = outcome.errors;
    job.step = outcome.ok ? 'done' : 'failed';
    job.finishedAt = new Date().toISOString();
  };
  reg.tail = reg.tail.then(run, run);
  return job;
}

/** Resolves when every queued publication has finished (tests, shutdown). */
export const publicationsSettled = () => registry().tail;
