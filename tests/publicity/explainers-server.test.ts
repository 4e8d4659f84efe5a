// The console's glue around the workflow: importing the Markdown folder, keeping hand edits,
// storing a publication only when the rebuild succeeded, and auditing each step.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { openStore, type Store } from '../../store/index.ts';
import { applyExplainerAction, createExplainer, ExplainerError, publishDue, startScheduler, syncFromFiles } from '../../site/server/explainers.ts';
import { publicationsSettled, type SiteBuilder } from '../../site/server/publish-site.ts';

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
const ctx = (actor: { name: string; role: 'publicity' | 'duty' | 'admin' }) => ({ store, actor, ip: '127.0.0.1', publish: { liveContentDir: content, liveOutDir: join(root, 'dist'), builder } });

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

const actions = async (id: string) => (await store.audit.list({ limit: 100 })).filter((e) => e.target === id).map((e) => `${e.actor}:${e.action}`).reverse();

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
});
