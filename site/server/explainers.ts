// The console's side of the 明白纸 workflow: loads records (importing pages already on the site),
// runs publicity/workflow.ts decisions, stores them, audits every step, and hands publications
// to the safe rebuild (publish-site.ts). The rules themselves are in publicity/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Store } from '../../store/index.ts';
import type { ExplainerRecord, ExplainerVersion } from '../../store/publicity.ts';
import {
  canWriteExplainers,
  decide,
  duePublications,
  importedRecord,
  newRecord,
  validateExplainerId,
  type Actor,
  type WorkflowAction,
} from '../../publicity/workflow.ts';
import { lintExplainer, type LintMessage } from '../lib/public/lint-explainers.ts';
import { explainersDir, glossaryFile } from '../lib/content-dir.ts';
import { audit } from './audit.ts';
import { explainersBeingPublished, PublishBusyError, rollbackSite, startJob, startPublication, type PublishJob, type PublishOptions } from './publish-site.ts';
import { autosaveExpired, autosaveOffer, autosaveProblem, AUTOSAVE_KEEP_DAYS, NEW_EXPLAINER_KEY, type AutosaveOffer } from '../../publicity/autosave.ts';

export class ExplainerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ExplainerContext {
  store: Store;
  actor: Actor;
  ip: string | null;
  /** Overrides for tests (content folder, build output, builder). */
  publish?: PublishOptions;
}

const auditCtx = (ctx: ExplainerContext) => ({ store: ctx.store, actor: ctx.actor.name, ip: ctx.ip });
const contentDir = (ctx?: { publish?: PublishOptions }) => ctx?.publish?.liveContentDir ?? explainersDir();

/**
 * Brings the store in line with the Markdown folder: pages it does not know become published
 * version 1; a file edited by hand (outside the console) becomes a new published version, and a
 * file deleted by hand takes the page off the record. Pages being published are left alone.
 */
export async function syncFromFiles(store: Store, dir = explainersDir(), now = new Date().toISOString()): Promise<ExplainerRecord[]> {
  const busy = await explainersBeingPublished(store, new Date(now));
  // A site rollback ('') rewrites any file: leave them all until it has recorded what it did.
  if (busy.has('')) return store.explainers.list();
  const records = new Map((await store.explainers.list()).map((r) => [r.id, r]));
  const files = new Set(
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => f.slice(0, -3))
      : [],
  );
  for (const id of files) {
    if (busy.has(id) || validateExplainerId(id)) continue;
    const source = readFileSync(join(dir, `${id}.md`), 'utf8');
    const record = records.get(id);
    if (!record) {
      const { record: r, version } = importedRecord(id, source, now);
      await store.explainers.save(r, { newVersion: version });
      continue;
    }
    const versions = await store.explainers.versions(id);
    const published = versions.find((v) => v.number === record.publishedVersion);
    if (published?.source === source) continue;
    const number = Math.max(...versions.map((v) => v.number)) + 1;
    const version: ExplainerVersion = {
      explainerId: id,
      number,
      source,
      author: '（文件直接修改）',
      createdAt: now,
      note: '在工作台以外直接改了 Markdown 文件',
      approvedBy: null,
    };
    const onlyCopy = record.state === 'published' || record.currentVersion === record.publishedVersion;
    await store.explainers.save(
      { ...record, publishedVersion: number, publishedAt: now, updatedAt: now, ...(onlyCopy ? { state: 'published' as const, currentVersion: number } : {}) },
      { newVersion: version },
    );
    await audit({ store, actor: null, ip: null }, 'explainer.file_changed', id, `Markdown 文件被直接修改，记为第 ${number} 版（已在网站上）`);
  }
  for (const [id, record] of records) {
    if (files.has(id) || busy.has(id) || record.publishedVersion === null) continue;
    await store.explainers.save({
      ...record,
      publishedVersion: null,
      publishedAt: null,
      state: record.state === 'published' ? 'draft' : record.state,
      updatedAt: now,
    });
    await audit({ store, actor: null, ip: null }, 'explainer.file_removed', id, 'Markdown 文件被直接删除，页面不在网站上了');
  }
  return store.explainers.list();
}

/** The lint as the build runs it, for one text being edited (ids of the live pages for links). */
export function lintSource(id: string, source: string, options: { dir?: string; today?: Date } = {}): LintMessage[] {
  const dir = options.dir ?? explainersDir();
  const glossary = (parseYaml(readFileSync(glossaryFile(), 'utf8')) as { id: string; term: string }[]).map(({ id: gid, term }) => ({ id: gid, term }));
  const ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.slice(0, -3))
    : [];
  return lintExplainer(`${id || 'new'}.md`, source, { glossary, explainerIds: [...new Set([...ids, id])], today: options.today ?? new Date() });
}

export async function createExplainer(ctx: ExplainerContext, id: string, source: string): Promise<ExplainerRecord> {
  if (!canWriteExplainers(ctx.actor.role)) throw new ExplainerError(403, '只有宣传人员和管理员可以写明白纸');
  const bad = validateExplainerId(id);
  if (bad) throw new ExplainerError(422, bad);
  if (!source.trim()) throw new ExplainerError(422, '内容是空的');
  if ((await ctx.store.explainers.get(id)) || existsSync(join(contentDir(ctx), `${id}.md`)))
    throw new ExplainerError(409, `已经有地址为 ${id} 的明白纸，请换一个`);
  const now = new Date().toISOString();
  const version: ExplainerVersion = { explainerId: id, number: 1, source, author: ctx.actor.name, createdAt: now, note: '新建', approvedBy: null };
  const record = newRecord(id, version);
  await ctx.store.explainers.save(record, { newVersion: version });
  // The page's automatic draft is now a version.
  await ctx.store.explainers.deleteAutosave(NEW_EXPLAINER_KEY, ctx.actor.name);
  await audit(auditCtx(ctx), 'explainer.create', id, '新建草稿（第 1 版）');
  return record;
}

export interface ActionOutcome {
  record: ExplainerRecord;
  /** Set when the action rebuilds the site; the record is stored once the build succeeds. */
  job: PublishJob | null;
}

export async function applyExplainerAction(ctx: ExplainerContext, id: string, action: WorkflowAction, now = new Date().toISOString()): Promise<ActionOutcome> {
  const record = await ctx.store.explainers.get(id);
  if (!record) throw new ExplainerError(404, '没有这张明白纸');
  const versions = await ctx.store.explainers.versions(id);
  const d = decide(record, versions, action, ctx.actor, now);
  if (!d.ok) {
    if (d.status === 403) await audit(auditCtx(ctx), 'explainer.denied', id, `${action.type}：${d.error}`);
    throw new ExplainerError(d.status, d.error);
  }
  const change = { newVersion: d.newVersion, approveVersion: d.approveVersion ? { number: d.approveVersion, by: ctx.actor.name } : null };
  if (!d.rebuild) {
    await ctx.store.explainers.save(d.record, change);
    if (action.type === 'save') await ctx.store.explainers.deleteAutosave(id, ctx.actor.name);
    await audit(auditCtx(ctx), d.audit.action, id, d.audit.detail);
    return { record: d.record, job: null };
  }
  const publishing = d.record.publishedVersion !== null;
  const source = publishing ? versions.find((v) => v.number === d.record.publishedVersion)!.source : null;
  let job: PublishJob;
  try {
    job = await startPublication(
      ctx.store,
      id,
      d.audit.detail,
      publishing ? { write: [{ id, source: source! }] } : { remove: [id] },
      async (outcome) => {
        if (!outcome.ok) {
          await audit(auditCtx(ctx), `${d.audit.action}.failed`, id, `网站构建失败，网站保持原样：${outcome.errors.join('；').slice(0, 1000)}`);
          return;
        }
        // Someone may have saved meanwhile: keep their newer working copy, record the publication.
        const latest = (await ctx.store.explainers.get(id)) ?? record;
        const moved = latest.currentVersion !== record.currentVersion || latest.updatedAt !== record.updatedAt;
        await ctx.store.explainers.save(
          moved ? { ...latest, publishedVersion: d.record.publishedVersion, publishedAt: d.record.publishedAt } : d.record,
          change,
        );
        await audit(auditCtx(ctx), d.audit.action, id, d.audit.detail);
      },
      ctx.publish,
      (claimed) => audit(auditCtx(ctx), `${d.audit.action}.start`, id, `${d.audit.detail}：开始构建网站（发布任务 ${claimed.id}）`),
    );
  } catch (err) {
    if (err instanceof PublishBusyError) throw new ExplainerError(409, err.message);
    throw err;
  }
  return { record, job };
}

/** Publishes scheduled 明白纸 whose time has come (called by a timer in the server). */
export async function publishDue(store: Store, now = new Date().toISOString(), publish?: PublishOptions): Promise<PublishJob[]> {
  const jobs: PublishJob[] = [];
  for (const r of duePublications(await store.explainers.list(), now)) {
    try {
      const out = await applyExplainerAction({ store, actor: { name: '定时发布', role: 'admin' }, ip: null, publish }, r.id, { type: 'publish' }, now);
      if (out.job) jobs.push(out.job);
    } catch (err) {
      // Another publication is building: this one stays scheduled and goes out at the next check.
      if (err instanceof ExplainerError && err.status === 409) break;
      throw err;
    }
  }
  return jobs;
}

/**
 * Checks every minute for scheduled 明白纸 that are due and publishes them; started by the server
 * (startServer), stopped when it closes. Returns the stop function.
 */
export function startScheduler(getStore: () => Store, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    publishDue(getStore())
      .catch((err: unknown) => console.error('定时发布明白纸出错：', err))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Switches the residents' site back to the build before the last publication (kept for this),
 * restores the Markdown it was built from, and records in the store which version each changed
 * page now shows. Runs as a publish job, so it waits for no build and no build runs meanwhile.
 */
export async function rollbackLiveSite(ctx: ExplainerContext): Promise<PublishJob> {
  if (!canWriteExplainers(ctx.actor.role)) throw new ExplainerError(403, '只有宣传人员和管理员可以回退网站');
  try {
    return await startJob(
      ctx.store,
      '',
      '网站回退到上一次发布前',
      async () => {
        const out = rollbackSite(ctx.publish);
        if (!out.ok) return out;
        const now = new Date().toISOString();
        const dir = contentDir(ctx);
        for (const id of out.changed) {
          const record = await ctx.store.explainers.get(id);
          if (!record) continue;
          const file = join(dir, `${id}.md`);
          const source = existsSync(file) ? readFileSync(file, 'utf8') : null;
          // The restored text is one of the page's versions: the site shows that version again.
          const versions = await ctx.store.explainers.versions(id);
          const match = source === null ? null : versions.filter((v) => v.source === source).at(-1);
          // The working copy was live and now is not: it can go out again at once if it was approved.
          const state =
            record.state !== 'published'
              ? record.state
              : versions.find((v) => v.number === record.currentVersion)?.approvedBy
                ? ('approved' as const)
                : ('draft' as const);
          if (source === null) await ctx.store.explainers.save({ ...record, publishedVersion: null, publishedAt: null, state, updatedAt: now });
          else if (match)
            await ctx.store.explainers.save({
              ...record,
              publishedVersion: match.number,
              publishedAt: now,
              updatedAt: now,
              state: match.number === record.currentVersion ? record.state : state,
            });
        }
        return { ok: true, warnings: out.changed.length ? [`网站上这些明白纸回到了上一次的内容：${out.changed.join('、')}`] : [] };
      },
      async (outcome) => {
        if (outcome.ok)
          await audit(auditCtx(ctx), 'site.rollback', '', `网站回退到上一次发布前${outcome.warnings.length ? `（${outcome.warnings.join('；')}）` : ''}`);
        else await audit(auditCtx(ctx), 'site.rollback.failed', '', outcome.errors.join('；'));
      },
    );
  } catch (err) {
    if (err instanceof PublishBusyError) throw new ExplainerError(409, err.message);
    throw err;
  }
}

/** What the editor offers to restore for this user ('' = the “new” page), or null. */
export async function autosaveFor(store: Store, id: string, user: string, now = new Date()): Promise<AutosaveOffer | null> {
  const saved = await store.explainers.getAutosave(id, user);
  if (saved && autosaveExpired(saved, now)) {
    await store.explainers.pruneAutosaves(new Date(now.getTime() - AUTOSAVE_KEEP_DAYS * 86_400_000).toISOString());
    return null;
  }
  if (id === NEW_EXPLAINER_KEY) return autosaveOffer(saved, null, now);
  const record = await store.explainers.get(id);
  const working = record ? ((await store.explainers.versions(id)).find((v) => v.number === record.currentVersion) ?? null) : null;
  return autosaveOffer(saved, working, now);
}

/** Stores the editor's automatic draft (never a version); refuses what a user may not write. */
export async function saveAutosave(ctx: ExplainerContext, id: string, source: unknown, now = new Date()): Promise<{ savedAt: string }> {
  if (!canWriteExplainers(ctx.actor.role)) throw new ExplainerError(403, '只有宣传人员和管理员可以写明白纸');
  const problem = autosaveProblem(source);
  if (problem) throw new ExplainerError(422, problem);
  let base: number | null = null;
  if (id !== NEW_EXPLAINER_KEY) {
    const record = await ctx.store.explainers.get(id);
    if (!record) throw new ExplainerError(404, '没有这张明白纸');
    base = record.currentVersion;
  }
  const savedAt = now.toISOString();
  await ctx.store.explainers.putAutosave({
    explainerId: id,
    user: ctx.actor.name,
    source: (source as string).replace(/\r\n/g, '\n'),
    baseVersion: base,
    savedAt,
  });
  return { savedAt };
}
