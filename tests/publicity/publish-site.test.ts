// Publishing swaps in a new build only when lint and build succeed; otherwise the live pages and
// the live Markdown stay exactly as they were. The builder here writes one page per explainer
// (the real astro build is exercised by the browser test); the staging, lint and swap are real.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import {
  canRollBackSite,
  publicationsSettled,
  publishJob,
  rebuildSite,
  rollbackSite,
  startPublication,
  type SiteBuilder,
} from '../../site/server/publish-site.ts';
import { builds as keptBuilds, liveBuild } from '../../site/server/live-folder.ts';
import { openStore, type Store } from '../../store/index.ts';

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
    const result = await rebuildSite(
      { write: [{ id: 'severance', source: edited }], remove: ['wage-arrears'] },
      { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today },
    );
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
    const result = await rebuildSite(
      { write: [{ id: 'severance', source: edited }] },
      { liveContentDir: content, liveOutDir: live, builder: failingBuilder, today },
    );
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining('网站构建失败')] });
    expect(readFileSync(page('severance'), 'utf8')).toBe(before);
    expect(severance()).toBe(before);
    expect(readdirSync(root).sort()).toEqual(['dist', 'explainers']);
  });

  it('stops at the content lint without building when an explainer has errors', async () => {
    const broken = severance().replace(/^summary: .*\n/m, '');
    const result = await rebuildSite(
      { write: [{ id: 'severance', source: broken }] },
      { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(/错误 severance\.md 第 \d+ 行：.*summary/);
    expect(builds).toEqual([]);
    expect(severance()).not.toBe(broken);
  });

  it('switches the live folder by a link, keeps the previous build and rolls back to it with its Markdown', async () => {
    const opts = { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today };
    const original = severance();
    const v2 = original.replace(/^title: .*$/m, 'title: 第二次发布');
    const v3 = original.replace(/^title: .*$/m, 'title: 第三次发布');
    expect((await rebuildSite({ write: [{ id: 'severance', source: v2 }] }, opts)).ok).toBe(true);
    expect(lstatSync(join(live, 'client')).isSymbolicLink()).toBe(true);
    expect(readFileSync(page('severance'), 'utf8')).toContain('第二次发布');
    expect((await rebuildSite({ write: [{ id: 'severance', source: v3 }], remove: ['wage-arrears'] }, opts)).ok).toBe(true);
    // Two builds kept: the live one and the one before it (the folder the server started with is gone).
    expect(keptBuilds(live)).toHaveLength(2);
    expect(keptBuilds(live).at(-1)).toBe(liveBuild(live));
    expect(canRollBackSite({ liveOutDir: live })).toBe(true);

    const back = rollbackSite({ liveContentDir: content, liveOutDir: live });
    expect(back).toEqual({ ok: true, changed: ['severance', 'wage-arrears'] });
    expect(readFileSync(page('severance'), 'utf8')).toContain('第二次发布');
    expect(existsSync(page('wage-arrears'))).toBe(true);
    expect(severance()).toBe(v2);
    expect(existsSync(join(content, 'wage-arrears.md'))).toBe(true);
    // Rolling back again undoes the rollback.
    expect(rollbackSite({ liveContentDir: content, liveOutDir: live })).toEqual({ ok: true, changed: ['severance', 'wage-arrears'] });
    expect(severance()).toBe(v3);
  });

  it('has nothing to roll back to before the first publication', () => {
    expect(rollbackSite({ liveContentDir: content, liveOutDir: live })).toEqual({ ok: false, errors: [expect.stringContaining('无法回退')] });
  });

  it('serves every request during a publication: a reader in another thread never gets a 404 or 500', async () => {
    const opts = { liveContentDir: content, liveOutDir: live, builder: fakeBuilder, today };
    await rebuildSite({ write: [{ id: 'severance', source: severance().replace(/^title: .*$/m, 'title: 旧页面') }] }, opts);
    // The reader runs a static file server and fetches from it in a loop on its own thread, so it
    // keeps asking while this thread is inside the switch. Files are resolved per request, as the
    // Astro node adapter's static handler does.
    const reader = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { createServer } = require('node:http');
       const { readFile } = require('node:fs/promises');
       const { join } = require('node:path');
       const server = createServer(async (req, res) => {
         try { res.end(await readFile(join(workerData.client, req.url, 'index.html'))); }
         catch (e) { res.statusCode = e.code === 'ENOENT' ? 404 : 500; res.end(e.code); }
       });
       let stop = false;
       parentPort.on('message', () => (stop = true));
       server.listen(0, '127.0.0.1', async () => {
         const url = 'http://127.0.0.1:' + server.address().port + '/explainers/severance/';
         const seen = { statuses: {}, titles: {} };
         let n = 0;
         while (!stop || n < 20) {
           const res = await fetch(url);
           const text = await res.text();
           seen.statuses[res.status] = (seen.statuses[res.status] || 0) + 1;
           const title = /^title: (.*)$/m.exec(text);
           if (title) seen.titles[title[1]] = (seen.titles[title[1]] || 0) + 1;
           if (++n === 20) parentPort.postMessage('reading');
         }
         server.close();
         parentPort.postMessage(seen);
       });`,
      { eval: true, workerData: { client: join(live, 'client') } },
    );
    const result = new Promise<{ statuses: Record<string, number>; titles: Record<string, number> }>((resolve, reject) => {
      reader.on('message', (m) => m !== 'reading' && resolve(m as never));
      reader.on('error', reject);
    });
    await new Promise<void>((resolve) => reader.once('message', () => resolve()));
    for (let i = 1; i <= 5; i++) {
      const out = await rebuildSite({ write: [{ id: 'severance', source: severance().replace(/^title: .*$/m, `title: 新页面${i}`) }] }, opts);
      expect(out.ok).toBe(true);
    }
    reader.postMessage('stop');
    const seen = await result;
    await reader.terminate();
    expect(Object.keys(seen.statuses)).toEqual(['200']);
    // It read the old page and the last new one, and nothing else but whole pages.
    expect(seen.titles['旧页面']).toBeGreaterThan(0);
    expect(seen.titles['新页面5']).toBeGreaterThan(0);
    expect(Object.values(seen.titles).reduce((a, b) => a + b, 0)).toBe(Object.values(seen.statuses).reduce((a, b) => a + b, 0));
  });
});

describe('publish jobs in the store', () => {
  let store: Store;
  let other: Store;
  afterEach(async () => {
    await store?.close();
    await other?.close();
  });

  it('shows one job to every process on the same database, refuses a second while it runs, and records the outcome', async () => {
    const file = join(root, 'data', 'store.sqlite');
    store = openStore(file);
    other = openStore(file); // as a second `minsheng serve` would open it
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const building = new Promise<void>((r) => (started = r));
    const slowBuilder: SiteBuilder = async (dir, out) => {
      started();
      await gate;
      await fakeBuilder(dir, out);
    };
    const outcomes: boolean[] = [];
    const opts = { liveContentDir: content, liveOutDir: live, builder: slowBuilder, today };
    const job = await startPublication(
      store,
      'severance',
      '发布第 2 版',
      { write: [{ id: 'severance', source: severance() + '\n甲。\n' }] },
      async (o) => void outcomes.push(o.ok),
      opts,
    );
    await building;
    expect(await publishJob(other, job.id)).toMatchObject({ step: 'building', explainerId: 'severance', what: '发布第 2 版' });
    await expect(startPublication(other, 'labor-dispute', '发布', { write: [] }, async () => {}, opts)).rejects.toThrow(
      /另一次发布正在进行（severance：发布第 2 版）/,
    );
    release();
    await publicationsSettled();
    expect(outcomes).toEqual([true]);
    expect(await publishJob(other, job.id)).toMatchObject({ step: 'done', errors: [] });
    expect(severance()).toContain('甲。');
    // The slot is free again: the next one goes, and a failing one records its errors.
    const bad = await startPublication(
      other,
      'severance',
      '发布',
      { write: [{ id: 'severance', source: 'no front matter' }] },
      async (o) => void outcomes.push(o.ok),
      { ...opts, builder: fakeBuilder },
    );
    await publicationsSettled();
    expect(outcomes).toEqual([true, false]);
    expect(await publishJob(store, bad.id)).toMatchObject({ step: 'failed', errors: [expect.stringContaining('信息区')] });
  });
});
