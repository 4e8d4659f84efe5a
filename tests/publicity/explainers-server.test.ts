// The console's glue around the workflow: importing the Markdown folder, keeping hand edits,
// storing a publication only when the rebuild succeeded, and auditing each step.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { openStore, type Store } from '../../store/index.ts';
import {
  applyExplainerAction,
  autosaveFor,
  createExplainer,
  ExplainerError,
  publishDue,
  rollbackLiveSite,
  saveAutosave,
  startScheduler,
  syncFromFiles,
} from '../../site/server/explainers.ts';
import { EXPIRED_ERROR } from '../../publicity/publish-job.ts';
import { publicationsSettled, publishJob, type SiteBuilder } from '../../site/server/publish-site.ts';

let root: string;
let content: string;
let store: Store;
let buildFails = false;
const builder: SiteBuilder = async (dir, out) => {
  if (buildFails) throw new Error('网站构建失败（astro build 退出码 1）');
  for (const f of readdirSync(dir)) {
    mkdirSync(join(out, 'client', 'explainers', f.slice(0, -3)), { recursive: true });
    writeFileSync(join(out, 'client', 'explainers', f.slice(0, -3), 'index.html'), readFileSync(join(dir, f)));
  }
};
const wang = { name: 'wang', role: 'publicity' as const };
const li = { name: 'li', role: 'publicity' as const };
const ctx = (actor: { name: string; role: 'publicity' | 'duty' | 'admin' }) => ({
  store,
  actor,
  ip: '127.0.0.1',
  publish: { liveContentDir: content, liveOutDir: join(root, 'dist'), builder },
});

beforeEach(() => {
  // The project's tmp/ (not the OS one) exists only once some other test made it; make it here.
  mkdirSync(projectPath('tmp'), { recursive: true });
  root = mkdtempSync(join(projectPath('tmp'), 'explainers-server-'));
  content = join(root, 'explainers');
  cpSync(projectPath('site', 'content', 'explainers'), content, { recursive: true });
  store = openStore(':memory:');
  buildFails = false;
});
afterEach(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

const actions = async (id: string) =>
  (await store.audit.list({ limit: 100 }))
    .filter((e) => e.target === id)
    .map((e) => `${e.actor}:${e.action}`)
    .reverse();

describe('explainers in the console', () => {
  it('imports the folder once, then records hand edits and deletions as what the site shows', async () => {
    const records = await syncFromFiles(store, content);
    expect(records.length).toBe(readdirSync(content).length);
    expect(records.every((r) => r.state === 'published' && r.publishedVersion === 1)).toBe(true);
    await syncFromFiles(store, content);
    expect((await store.explainers.versions('severance')).length).toBe(1);

    writeFileSync(join(content, 'severance.md'), readFileSync(join(content, 'severance.md'), 'utf8') + '\n补一句。\n');
    unlinkSync(join(content, 'wage-arrears.md'));
    await syncFromFiles(store, content);
    expect(await store.explainers.get('severance')).toMatchObject({ publishedVersion: 2, currentVersion: 2, state: 'published' });
    expect((await store.explainers.versions('severance'))[1]).toMatchObject({ author: '（文件直接修改）' });
    expect(await store.explainers.get('wage-arrears')).toMatchObject({ publishedVersion: null, state: 'draft' });
    expect(await actions('severance')).toEqual(['null:explainer.file_changed']);
  });

  it('stores a publication only after the rebuild succeeds, and audits the failure otherwise', async () => {
    const source = readFileSync(join(content, 'severance.md'), 'utf8').replace(/^title: .*$/m, 'title: 测试用的新明白纸');
    await createExplainer(ctx(wang), 'test-page', source);
    await expect(createExplainer(ctx(wang), 'test-page', source)).rejects.toThrow(/已经有/);
    await expect(createExplainer(ctx(wang), '测试', source)).rejects.toThrow(/英文小写/);
    await expect(createExplainer(ctx({ name: 'zhou', role: 'duty' }), 'x', source)).rejects.toMatchObject({ status: 403 });
    await applyExplainerAction(ctx(wang), 'test-page', { type: 'submit' });
    await expect(applyExplainerAction(ctx(wang), 'test-page', { type: 'approve' })).rejects.toBeInstanceOf(ExplainerError);
    await applyExplainerAction(ctx(li), 'test-page', { type: 'approve' });

    buildFails = true;
    const failed = await applyExplainerAction(ctx(li), 'test-page', { type: 'publish' });
    expect(failed.job).not.toBeNull();
    await publicationsSettled();
    expect(await store.explainers.get('test-page')).toMatchObject({ state: 'approved', publishedVersion: null });
    expect(readdirSync(content)).not.toContain('test-page.md');

    buildFails = false;
    await applyExplainerAction(ctx(li), 'test-page', { type: 'publish' });
    await publicationsSettled();
    expect(await store.explainers.get('test-page')).toMatchObject({ state: 'published', publishedVersion: 1 });
    expect(readFileSync(join(content, 'test-page.md'), 'utf8')).toBe(source);
    expect(await actions('test-page')).toEqual([
      'wang:explainer.create',
      'wang:explainer.submit',
      'wang:explainer.denied',
      'li:explainer.approve',
      'li:explainer.publish.start',
      'li:explainer.publish.failed',
      'li:explainer.publish.start',
      'li:explainer.publish',
    ]);
  });

  it('publishes scheduled pages when due', async () => {
    const source = readFileSync(join(content, 'severance.md'), 'utf8');
    await createExplainer(ctx(wang), 'later', source);
    await applyExplainerAction(ctx(wang), 'later', { type: 'submit' });
    await applyExplainerAction(ctx(li), 'later', { type: 'approve' });
    await applyExplainerAction(ctx(li), 'later', { type: 'publish', at: '2030-01-01T00:00:00Z' });
    const publish = ctx(li).publish;
    expect(await publishDue(store, '2029-12-31T23:59:59.000Z', publish)).toEqual([]);
    expect(await publishDue(store, '2030-01-01T00:00:00.000Z', publish)).toHaveLength(1);
    await publicationsSettled();
    expect(await store.explainers.get('later')).toMatchObject({ state: 'published', publishedVersion: 1 });
    expect((await actions('later')).at(-1)).toBe('定时发布:explainer.publish');
  });

  it('runs the schedule check on a timer until stopped', async () => {
    const calls: string[] = [];
    vi.useFakeTimers();
    try {
      const fakeStore = { explainers: { list: async () => (calls.push('list'), []) } } as unknown as Store;
      const stop = startScheduler(() => fakeStore, 60_000);
      await vi.advanceTimersByTimeAsync(59_999);
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toEqual(['list']);
      stop();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(calls).toEqual(['list']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the editor’s automatic draft per user on the server, offers it back, and drops it on an explicit save', async () => {
    await syncFromFiles(store, content);
    const working = (await store.explainers.versions('severance'))[0]!.source;
    const edited = working + '\n还没点保存的一句。\n';
    await saveAutosave(ctx(wang), 'severance', edited, new Date('2026-12-05T06:03:00Z'));
    // Another machine, same user: the draft is offered; another user sees none; no version was made.
    expect(await autosaveFor(store, 'severance', 'wang', new Date('2026-12-05T07:00:00Z'))).toMatchObject({
      autosave: { source: edited, savedAt: '2026-12-05T06:03:00.000Z', baseVersion: 1 },
      newerVersion: null,
    });
    expect(await autosaveFor(store, 'severance', 'li')).toBeNull();
    expect(await store.explainers.versions('severance')).toHaveLength(1);
    // Refusals keep nothing and say why in Chinese.
    await expect(saveAutosave(ctx({ name: 'zhou', role: 'duty' }), 'severance', edited)).rejects.toMatchObject({ status: 403 });
    await expect(saveAutosave(ctx(wang), 'severance', '   ')).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/空/) });
    await expect(saveAutosave(ctx(wang), 'no-such-page', edited)).rejects.toMatchObject({ status: 404 });
    // The explicit save makes the version and the draft is gone.
    await applyExplainerAction(ctx(wang), 'severance', { type: 'save', source: edited });
    expect(await autosaveFor(store, 'severance', 'wang')).toBeNull();
    // A new page's draft (key '') becomes version 1 when the page is created.
    await saveAutosave(ctx(wang), '', working);
    expect(await autosaveFor(store, '', 'wang')).not.toBeNull();
    await createExplainer(ctx(wang), 'new-page', working);
    expect(await autosaveFor(store, '', 'wang')).toBeNull();
  });

  it('refuses a second publication while one runs, but takes over from a job its killed process left running', async () => {
    const source = readFileSync(join(content, 'severance.md'), 'utf8');
    await createExplainer(ctx(wang), 'p1', source);
    await applyExplainerAction(ctx(wang), 'p1', { type: 'submit' });
    await applyExplainerAction(ctx(li), 'p1', { type: 'approve' });
    // Another server process is building right now (its heartbeat is fresh).
    const at = new Date().toISOString();
    const other = await store.publishJobs.claim(
      { explainerId: 'labor-dispute', what: '第 2 版发布到网站', step: 'building', owner: 'elsewhere:99', startedAt: at, heartbeatAt: at },
      null,
    );
    await expect(applyExplainerAction(ctx(li), 'p1', { type: 'publish' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('另一次发布正在进行（labor-dispute'),
    });
    expect(await store.explainers.get('p1')).toMatchObject({ state: 'approved', publishedVersion: null });
    // That process was killed: ten minutes without a heartbeat, the job has expired.
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await store.publishJobs.finish(other!.id, { step: 'done', at, errors: [], warnings: [] });
    const dead = await store.publishJobs.claim(
      { explainerId: 'labor-dispute', what: '第 3 版发布到网站', step: 'building', owner: 'elsewhere:99', startedAt: old, heartbeatAt: old },
      null,
    );
    expect((await publishJob(store, dead!.id))?.step).toBe('failed'); // shown as failed already
    const out = await applyExplainerAction(ctx(li), 'p1', { type: 'publish' });
    await publicationsSettled();
    expect(await publishJob(store, out.job!.id)).toMatchObject({ step: 'done' });
    expect(await store.publishJobs.get(dead!.id)).toMatchObject({ step: 'failed', errors: [EXPIRED_ERROR] });
    expect(await store.explainers.get('p1')).toMatchObject({ state: 'published', publishedVersion: 1 });
  });

  it('rolls the site back to the build before the last publication and records which version each page shows', async () => {
    const source = readFileSync(join(content, 'severance.md'), 'utf8');
    await syncFromFiles(store, content);
    const publish = async (text: string) => {
      await applyExplainerAction(ctx(wang), 'severance', { type: 'save', source: text });
      await applyExplainerAction(ctx(wang), 'severance', { type: 'submit' });
      await applyExplainerAction(ctx(li), 'severance', { type: 'approve' });
      await applyExplainerAction(ctx(li), 'severance', { type: 'publish' });
      await publicationsSettled();
    };
    await expect(rollbackLiveSite(ctx({ name: 'zhou', role: 'duty' }))).rejects.toMatchObject({ status: 403 });
    await publish(source.replace(/^title: .*$/m, 'title: 第二版标题'));
    await publish(source.replace(/^title: .*$/m, 'title: 第三版标题'));
    expect(await store.explainers.get('severance')).toMatchObject({ publishedVersion: 3, currentVersion: 3, state: 'published' });
    const job = await rollbackLiveSite(ctx(li));
    await publicationsSettled();
    expect(await publishJob(store, job.id)).toMatchObject({ step: 'done', warnings: [expect.stringContaining('severance')] });
    expect(readFileSync(join(content, 'severance.md'), 'utf8')).toContain('title: 第二版标题');
    expect(readFileSync(join(root, 'dist', 'client', 'explainers', 'severance', 'index.html'), 'utf8')).toContain('title: 第二版标题');
    // The site shows version 2 again; the working copy (version 3, approved) can go out again without review.
    expect(await store.explainers.get('severance')).toMatchObject({ publishedVersion: 2, currentVersion: 3, state: 'approved' });
    expect((await actions('')).at(-1)).toBe('li:site.rollback');
  });
});
