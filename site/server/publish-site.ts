// Publishing a 明白纸 rebuilds the residents' site safely: the explainers are copied to a staging
// folder with the change applied, linted and built there (the same lint and astro build as
// always) into a new folder, and only a successful build is switched in — atomically, by
// replacing the live folder's symbolic link (live-folder.ts). A failure leaves the live pages and
// the live Markdown exactly as they were, and says why in Chinese. One build at a time across all
// server processes: the store's publish slot is taken by compare-and-set (publicity/publish-job.ts).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Store } from '../../store/index.ts';
import type { PublishJob, PublishStep } from '../../store/publicity.ts';
import { busyMessage, EXPIRED_ERROR, jobView, PUBLISH_HEARTBEAT_MS, slotDecision } from '../../publicity/publish-job.ts';
import { formatLintMessage, lintExplainerFolder } from '../lib/public/lint-explainers.ts';
import { explainersDir, glossaryFile } from '../lib/content-dir.ts';
import { adoptLiveFolder, buildFolder, liveBuild, previousBuild, switchBack, switchTo } from './live-folder.ts';
import { PUBLIC_CSP_FILE } from './public-csp.ts';
import { defaultOutDir, ensureSiteBuilt } from './start.ts';
import { serverEnv } from './env.ts';

export type { PublishJob, PublishStep };

export interface SiteChange {
  /** Explainer files to write (id → whole Markdown). */
  write?: { id: string; source: string }[];
  /** Explainer ids to take off the site. */
  remove?: string[];
}

export const STEP_LABELS: Record<PublishStep, string> = {
  queued: '准备开始',
  linting: '检查明白纸',
  building: '构建网站（约一两分钟）',
  swapping: '替换网站页面',
  done: '发布完成',
  failed: '发布失败，网站保持原样',
};

/** Builds `contentDir` into `outDir`; throws with a readable message on failure. */
export type SiteBuilder = (contentDir: string, outDir: string) => Promise<void>;

export const astroBuilder: SiteBuilder = (contentDir, outDir) => ensureSiteBuilt({ outDir, force: true, env: { MINSHENG_EXPLAINERS_DIR: contentDir } });

export interface PublishOptions {
  liveContentDir?: string;
  liveOutDir?: string;
  builder?: SiteBuilder;
  today?: Date;
  onStep?: (step: PublishStep) => void;
  /** Asked just before the switch: false when this job lost the publish slot (it was taken as dead). */
  stillOurs?: () => Promise<boolean>;
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

/** What a kept build carries besides its pages, so a rollback can restore the Markdown and the page policies too. */
const SNAPSHOT = 'explainers';

/**
 * Gives the live build (one the server started with, which has none) the Markdown and page
 * policies it was built from, so it can be rolled back to.
 */
function snapshotLive(outDir: string, contentDir: string) {
  const name = liveBuild(outDir);
  if (!name) return;
  const folder = buildFolder(outDir, name);
  if (!existsSync(join(folder, SNAPSHOT))) {
    mkdirSync(join(folder, `${SNAPSHOT}.tmp`), { recursive: true });
    for (const f of readdirSync(contentDir)) if (f.endsWith('.md')) cpSync(join(contentDir, f), join(folder, `${SNAPSHOT}.tmp`, f));
    renameSync(join(folder, `${SNAPSHOT}.tmp`), join(folder, SNAPSHOT));
  }
  if (!existsSync(join(folder, PUBLIC_CSP_FILE)) && existsSync(join(outDir, PUBLIC_CSP_FILE)))
    cpSync(join(outDir, PUBLIC_CSP_FILE), join(folder, PUBLIC_CSP_FILE));
}

/** Makes the live Markdown folder hold exactly `files` (id → text), file by file through renames. */
function syncMarkdown(contentDir: string, files: Map<string, string>) {
  for (const [id, text] of files) {
    const file = join(contentDir, `${id}.md`);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeAtomic(file, text);
  }
  for (const f of readdirSync(contentDir)) if (f.endsWith('.md') && !files.has(f.slice(0, -3))) rmSync(join(contentDir, f), { force: true });
}

/**
 * Applies `change` to the site. Resolves with the lint warnings on success; on failure with the
 * errors, having changed nothing live.
 */
export async function rebuildSite(
  change: SiteChange,
  options: PublishOptions = {},
): Promise<{ ok: true; warnings: string[] } | { ok: false; errors: string[] }> {
  const contentDir = resolve(options.liveContentDir ?? explainersDir());
  const outDir = resolve(options.liveOutDir ?? liveOutDir());
  const builder = options.builder ?? astroBuilder;
  const step = options.onStep ?? (() => {});
  for (const id of [...(change.write ?? []).map((w) => w.id), ...(change.remove ?? [])]) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return { ok: false, errors: [`页面地址 ${id} 不合规`] };
  }

  // The staging folder sits beside the build so the bundle still finds node_modules.
  mkdirSync(dirname(outDir), { recursive: true });
  const work = mkdtempSync(join(dirname(outDir), `.publish-${basename(outDir)}-`));
  // What will be switched in: client/ (the pages), the Markdown they were built from, their policies.
  const next = join(work, 'next');
  const staged = join(next, SNAPSHOT);
  const built = join(work, 'dist');
  try {
    step('linting');
    mkdirSync(staged, { recursive: true });
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
    // astro build leaves its pages behind a link too (ensureSiteBuilt): take the folder itself.
    const newClient = existsSync(join(built, 'client')) ? realpathSync(join(built, 'client')) : join(built, 'client');
    if (!existsSync(newClient)) return { ok: false, errors: ['构建结果里没有网站页面（client 文件夹），网站保持原样'] };

    if (options.stillOurs && !(await options.stillOurs())) {
      return { ok: false, errors: ['这次发布停顿太久，已被当作中断，另一次发布接替了它；网站没有用这次的构建'] };
    }
    step('swapping');
    const liveClient = join(outDir, 'client');
    // Console pages already served keep asking for the assets they were built with.
    if (existsSync(liveClient)) copyMissing(join(liveClient, '_astro'), join(newClient, '_astro'));
    renameSync(newClient, join(next, 'client'));
    if (existsSync(join(built, PUBLIC_CSP_FILE))) cpSync(join(built, PUBLIC_CSP_FILE), join(next, PUBLIC_CSP_FILE));
    mkdirSync(outDir, { recursive: true });
    if (existsSync(liveClient)) {
      adoptLiveFolder(outDir); // a no-op once the server started (it adopts before any request)
      snapshotLive(outDir, contentDir);
    }
    // The running server keeps its own server code; only the prerendered pages are switched.
    switchTo(outDir, next);
    if (existsSync(join(buildFolder(outDir, liveBuild(outDir)!), PUBLIC_CSP_FILE))) {
      writeAtomic(join(outDir, PUBLIC_CSP_FILE), readFileSync(join(buildFolder(outDir, liveBuild(outDir)!), PUBLIC_CSP_FILE), 'utf8'));
    }
    // The live Markdown follows the site only once the site has it.
    for (const w of change.write ?? []) writeAtomic(join(contentDir, `${w.id}.md`), w.source);
    for (const id of change.remove ?? []) rmSync(join(contentDir, `${id}.md`), { force: true });
    return { ok: true, warnings: messages.map(show) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Puts the site back as it was before the last publication: the kept previous build is switched
 * in (one rename) and the live Markdown folder restored to what it was built from. Returns the
 * ids whose Markdown changed.
 */
export function rollbackSite(
  options: Pick<PublishOptions, 'liveContentDir' | 'liveOutDir'> = {},
): { ok: true; changed: string[] } | { ok: false; errors: string[] } {
  const contentDir = resolve(options.liveContentDir ?? explainersDir());
  const outDir = resolve(options.liveOutDir ?? liveOutDir());
  const previous = previousBuild(outDir);
  if (!previous) return { ok: false, errors: ['没有保留上一次发布前的网站，无法回退（服务器启动后还没有发布过）'] };
  const folder = buildFolder(outDir, previous);
  if (!existsSync(join(folder, SNAPSHOT))) return { ok: false, errors: ['上一次的网站没有保存对应的明白纸原文，无法回退'] };
  const files = new Map(
    readdirSync(join(folder, SNAPSHOT))
      .filter((f) => f.endsWith('.md'))
      .map((f) => [f.slice(0, -3), readFileSync(join(folder, SNAPSHOT, f), 'utf8')]),
  );
  const before = new Map(
    readdirSync(contentDir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => [f.slice(0, -3), readFileSync(join(contentDir, f), 'utf8')]),
  );
  snapshotLive(outDir, contentDir);
  switchBack(outDir, previous);
  if (existsSync(join(folder, PUBLIC_CSP_FILE))) writeAtomic(join(outDir, PUBLIC_CSP_FILE), readFileSync(join(folder, PUBLIC_CSP_FILE), 'utf8'));
  syncMarkdown(contentDir, files);
  const changed = [...new Set([...files.keys(), ...before.keys()])].filter((id) => files.get(id) !== before.get(id)).sort();
  return { ok: true, changed };
}

/** Whether a build from before the last publication is kept to roll back to. */
export const canRollBackSite = (options: Pick<PublishOptions, 'liveOutDir'> = {}) => previousBuild(resolve(options.liveOutDir ?? liveOutDir())) !== null;

// Jobs run in the process that claimed them; these promises only let tests and shutdown wait.
const RUNNING = Symbol.for('minsheng.publishRuns');
const runs = (): Set<Promise<unknown>> => ((globalThis as unknown as Record<symbol, Set<Promise<unknown>>>)[RUNNING] ??= new Set());

/** Another live job holds the publish slot. */
export class PublishBusyError extends Error {
  readonly status = 409;
}

/** A publish job as the console shows it (one left by a dead process shows as failed). */
export async function publishJob(store: Store, id: number, now = new Date()): Promise<PublishJob | null> {
  const job = await store.publishJobs.get(id);
  return job && jobView(job, now);
}

/** Ids of explainers a live (not expired) job is publishing right now. */
export async function explainersBeingPublished(store: Store, now = new Date()): Promise<Set<string>> {
  const d = slotDecision(await store.publishJobs.holder(), now);
  return new Set(d.free ? [] : [d.running.explainerId]);
}

export type Outcome = { ok: true; warnings: string[] } | { ok: false; errors: string[] };

/**
 * Takes the store's publish slot and runs `work` in the background, recording its steps and a
 * heartbeat in the store. Throws PublishBusyError when another live job holds the slot. `onDone`
 * runs after the work (with the outcome) — that is where the caller stores the new workflow
 * state, so the store says “published” only when the site does.
 */
export async function startJob(
  store: Store,
  explainerId: string,
  what: string,
  work: (onStep: (step: PublishStep) => void, stillOurs: () => Promise<boolean>) => Promise<Outcome>,
  onDone: (outcome: Outcome) => Promise<void>,
  hooks: { clock?: () => Date; onClaimed?: (job: PublishJob) => Promise<void> } = {},
): Promise<PublishJob> {
  const clock = hooks.clock ?? (() => new Date());
  const now = clock();
  const d = slotDecision(await store.publishJobs.holder(), now);
  if (!d.free) throw new PublishBusyError(busyMessage(d.running));
  const at = now.toISOString();
  const job = await store.publishJobs.claim(
    { explainerId, what, step: 'queued', owner: `${hostname()}:${process.pid}`, startedAt: at, heartbeatAt: at },
    d.replacing,
    EXPIRED_ERROR,
  );
  if (!job) {
    // Another process took the slot between our look and our claim.
    const holder = await store.publishJobs.holder();
    throw new PublishBusyError(holder ? busyMessage(holder) : '另一次发布刚刚开始，请等它完成后再发布');
  }
  const beat = (step?: PublishStep) => store.publishJobs.beat(job.id, clock().toISOString(), step).catch(() => false);
  const timer = setInterval(() => void beat(), PUBLISH_HEARTBEAT_MS);
  timer.unref();
  const run = (async () => {
    let outcome: Outcome;
    try {
      await hooks.onClaimed?.(job);
      outcome = await work(
        (s) => void beat(s),
        () => beat(),
      );
    } catch (err) {
      outcome = { ok: false, errors: [`发布出错：${(err as Error).message}`] };
    }
    try {
      await onDone(outcome);
    } catch (err) {
      outcome = { ok: false, errors: [...(outcome.ok ? [] : outcome.errors), `网站已更新，但保存发布状态失败：${(err as Error).message}`] };
    }
    clearInterval(timer);
    await store.publishJobs.finish(job.id, {
      step: outcome.ok ? 'done' : 'failed',
      at: clock().toISOString(),
      errors: outcome.ok ? [] : outcome.errors,
      warnings: outcome.ok ? outcome.warnings : [],
    });
  })();
  runs().add(run);
  void run.finally(() => runs().delete(run));
  return job;
}

/** Starts a rebuild of the site with `change` as a publish job (see startJob). */
export function startPublication(
  store: Store,
  explainerId: string,
  what: string,
  change: SiteChange,
  onDone: (outcome: Outcome) => Promise<void>,
  options: PublishOptions = {},
  onClaimed?: (job: PublishJob) => Promise<void>,
): Promise<PublishJob> {
  return startJob(
    store,
    explainerId,
    what,
    async (onStep, stillOurs) =>
      rebuildSite(change, {
        ...options,
        onStep: (s) => {
          options.onStep?.(s);
          onStep(s);
        },
        stillOurs,
      }),
    onDone,
    { onClaimed },
  );
}

/** Resolves when every publication this process started has finished (tests, shutdown). */
export async function publicationsSettled(): Promise<void> {
  while (runs().size) await Promise.allSettled([...runs()]);
}
