// The console's side of the 明白纸 workflow: loads records (importing pages already on the site),
// runs publicity/workflow.ts decisions, stores them, audits every step, and hands publications
// to the safe rebuild (publish-site.ts). The rules themselves are in publicity/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Store } from '../../store/index.ts';
import type { ExplainerRecord, ExplainerVersion } from '../../store/publicity.ts';
import { canWriteExplainers, decide, duePublications, importedRecord, newRecord, validateExplainerId, type Actor, type WorkflowAction } from '../../publicity/workflow.ts';
import { lintExplainer, type LintMessage } from '../lib/public/lint-explainers.ts';
import { explainersDir, glossaryFile } from '../lib/content-dir.ts';
import { audit } from './audit.ts';
import { publishJobs, queuePublication, type PublishJob, type PublishOptions } from './publish-site.ts';

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
  const busy = new Set(publishJobs().filter((j) => !['done', 'failed'].includes(j.step)).map((j) => j.explainerId));
  const records = new Map((await store.explainers.list()).map((r) => [r.id, r]));
  const files = new Set(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : []);
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
    const version: ExplainerVersion = { explainerId: id, number, source, author: '（文件直接修改）', createdAt: now, note: '在工作台以外直接改了 Markdown 文件', approvedBy: null };
    const onlyCopy = record.state === 'published' || record.currentVersion === record.publishedVersion;
    await store.explainers.save(
      { ...record, publishedVersion: number, publishedAt: now, updatedAt: now, ...(onlyCopy ? { state: 'published' as const, currentVersion: number } : {}) },
      { newVersion: version },
    );
    await audit({ store, actor: null, ip: null }, 'explainer.file_changed', id, `Markdown 文件被直接修改，记为第 ${number} 版（已在网站上）`);
  }
  for (const [id, record] of records) {
    if (files.has(id) || busy.has(id) || record.publishedVersion === null) continue;
    await store.explainers.save({ ...record, publishedVersion: null, publishedAt: null, state: record.state === 'published' ? 'draft' : record.state, updatedAt: now });
    await audit({ store, actor: null, ip: null }, 'explainer.file_removed', id, 'Markdown 文件被直接删除，页面不在网站上了');
  }
  return store.explainers.list();
}

/** The lint as the build runs it, for one text being edited (ids of the live pages for links). */
export function lintSource(id: string, source: string, options: { dir?: string; today?: Date } = {}): LintMessage[] {
  const dir = options.dir ?? explainersDir();
  const glossary = (parseYaml(readFileSync(glossaryFile(), 'utf8')) as { id: string; term: string }[]).map(({ id: gid, term }) => ({ id: gid, term }));
  const ids = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : [];
  return lintExplainer(`${id || 'new'}.md`, source, { glossary, explainerIds: [...new Set([...ids, id])], today: options.today ?? new Date() });
}

export async function createExplainer(ctx: ExplainerContext, id: string, source: string): Promise<ExplainerRecord> {
  if (!canWriteExplainers(ctx.actor.role)) throw new ExplainerError(403, '只有宣传人员和管理员可以写明白纸');
  const bad = validateExplainerId(id);
  if (bad) throw new ExplainerError(422, bad);
  if (!source.trim()) throw new ExplainerError(422, '内容是空的');
  if ((await ctx.store.explainers.get(id)) || existsSync(join(contentDir(ctx), `${id}.md`))) throw new ExplainerError(409, `已经有地址为 ${id} 的明白纸，请换一个`);
  const now = new Date().toISOString();
  const version: ExplainerVersion = { explainerId: id, number: 1, source, author: ctx.actor.name, createdAt: now, note: '新建', approvedBy: null };
  const record = newRecord(id, version);
  await ctx.store.explainers.save(record, { newVersion: version });
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
    await audit(auditCtx(ctx), d.audit.action, id, d.audit.detail);
    return { record: d.record, job: null };
  }
  const publishing = d.record.publishedVersion !== null;
  const source = publishing ? versions.find((v) => v.number === d.record.publishedVersion)!.source : null;
  await audit(auditCtx(ctx), `${d.audit.action}.start`, id, `${d.audit.detail}：开始构建网站`);
  const job = queuePublication(
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
      await ctx.store.explainers.save(moved ? { ...latest, publishedVersion: d.record.publishedVersion, publishedAt: d.record.publishedAt } : d.record, change);
      await audit(auditCtx(ctx), d.audit.action, id, d.audit.detail);
    },
    ctx.publish,
  );
  return { record, job };
}

/** Publishes scheduled 明白纸 whose time has come (called by a timer in the server). */
export async function publishDue(store: Store, now = new Date().toISOString(), publish?: PublishOptions): Promise<PublishJob[]> {
  const jobs: PublishJob[] = [];
  for (const r of duePublications(await store.explainers.list(), now)) {
    const out = await applyExplainerAction({ store, actor: { name: '定时发布', role: 'admin' }, ip: null, publish }, r.id, { type: 'publish' }, now);
    if (out.job) jobs.push(out.job);
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
