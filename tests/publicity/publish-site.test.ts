// Publishing swaps in a new build only when lint and build succeed; otherwise the live pages and
// the live Markdown stay exactly as they were. The builder here writes one page per explainer
// (the real astro build is exercised by the browser test); the staging, lint and swap are real.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { publicationsSettled, publishJob, queuePublication, rebuildSite, type SiteBuilder } from '../../site/server/publish-site.ts';

let root: string;
let content: string;
let live: string;
const builds: string[] = [];

/** Stand-in for astro build: a page per explainer carrying its file's text, plus the asset folder. */
const fakeBuilder: SiteBuilder = async (contentDir, outDir) => {
  builds.push(contentDir);
  for (const f of readdirSync(contentDir)) {
    const dir = join(outDir, 'client', 'explainers', f.replace(/\.md$/, ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), readFileSync(join(contentDir, f), 'utf8'));
  }
  mkdirSync(join(outDir, 'client', '_astro'), { recursive: true });
  writeFileSync(join(outDir, 'client', '_astro', 'new.css'), 'new');
  writeFileSync(join(outDir, 'public-csp.json'), '{"/explainers/":"new"}');
};
const failingBuilder: SiteBuilder = async () => {
  throw new Error('网站构建失败（astro build 退出码 1）：模拟的错误');
};

const page = (id: string) => join(live, 'client', 'explainers', id, 'index.html');
const today = new Date('2026-03-01');

beforeEach(() => {
  // The project's tmp/ (not the OS one) exists only once some other test made it; make it here.
  mkdirSync(projectPath('tmp'), { recursive: true });
  root = mkdtempSync(join(projectPath('tmp'), 'publish-'));
  content = join(root, 'explainers');
  cpSync(projectPath('site', 'content', 'explainers'), content, { recursive: true });
  live = join(root, 'dist');
  mkdirSync(join(live, 'client', '_astro'), { recursive: true });
  writeFileSync(join(live, 'client', '_astro', 'old.css'), 'old');
  builds.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const severance = () => readFileSync(join(content, 'severance.md'), 'utf8');

describe('rebuildSite', () => {
  it('builds a staged copy with the change and swaps it in, then updates the live Markdown', async () => {
    const edited = severance().replace(/^title: .*$/m, 'title: 被辞退能拿多少补偿（新）');
    const result = await rebuildSite({ write: [{ id: 'severance', source: edited }], remove: ['wage-arrears'] }, { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today });
    expect(result.ok).toBe(true);
    expect(readFileSync(page('severance'), 'utf8')).toContain('被辞退能拿多少补偿（新）');
    expect(existsSync(page('wage-arrears'))).toBe(false);
    expect(severance()).toBe(edited);
    expect(existsSync(join(content, 'wage-arrears.md'))).toBe(false);
    // Assets the running console was built with are kept next to the new ones.
    expect(readdirSync(join(live, 'client', '_astro')).sort()).toEqual(['new.css', 'old.css']);
    expect(readFileSync(join(live, 'public-csp.json'), 'utf8')).toContain('new');
    // The build read the staged folder, never the live one, and the staging is cleaned up.
    expect(builds[0]).not.toBe(content);
    expect(readdirSync(root).sort()).toEqual(['dist', 'explainers']);
  });

  it('leaves the live site and Markdown untouched when the build fails, with the error in Chinese', async () => {
    await rebuildSite({ write: [{ id: 'severance', source: severance() }] }, { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today });
    const before = readFileSync(page('severance'), 'utf8');
    const edited = severance().replace(/^title: .*$/m, 'title: 改坏了');
    const result = await rebuildSite({ write: [{ id: 'severance', source: edited }] }, { liveContentDir: content, liveOutDir: live, builder: failingBuilder, today });
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining('网站构建失败')] });
    expect(readFileSync(page('severance'), 'utf8')).toBe(before);
    expect(severance()).toBe(before);
    expect(readdirSync(root).sort()).toEqual(['dist', 'explainers']);
  });

  it('stops at the content lint without building when an explainer has errors', async () => {
    const broken = severance().replace(/^summary: .*\n/m, '');
    const result = await rebuildSite({ write: [{ id: 'severance', source: broken }] }, { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(/错误 severance\.md 第 \d+ 行：.*summary/);
    expect(builds).toEqual([]);
    expect(severance()).not.toBe(broken);
  });

  it('runs queued publications one at a time and records each outcome', async () => {
    const done: boolean[] = [];
    const opts = { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today };
    const a = queuePublication('severance', '发布', { write: [{ id: 'severance', source: severance() + '\n甲。\n' }] }, async (o) => void done.push(o.ok), opts);
    const b = queuePublication('severance', '发布', { write: [{ id: 'severance', source: 'no front matter' }] }, async (o) => void done.push(o.ok), opts);
    expect(publishJob(b.id)!.step).toBe('queued');
    await publicationsSettled();
    expect(done).toEqual([true, false]);
    expect(publishJob(a.id)).toMatchObject({ step: 'done', errors: [] });
    expect(publishJob(b.id)).toMatchObject({ step: 'failed', errors: [expect.stringContaining('信息区')] });
    expect(severance()).toContain('甲。');
  });
});
