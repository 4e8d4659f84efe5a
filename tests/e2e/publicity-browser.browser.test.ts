// Publicity staff's whole path in a real browser (Debian Chromium), on a temporary copy of the
// explainers: a draft is written, the lint flags a missing field inline, it is fixed and sent for
// review; the author cannot approve it, a duty officer cannot touch it, a second publicity user
// approves; publishing rebuilds the site and the public page shows it; a broken version is
// refused by the build and the live page stays; a second version goes out and a rollback brings
// the first back. Readers' feedback and the 居民在问 board are checked on the same server.
// One site build to start (openBrowserSite); each publication in the walk is a real rebuild.
// A second `minsheng serve` process on the same data shows the same publish job, and drafts
// saved automatically on the server are offered on another machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectPath } from '../../config/paths.ts';
import { openStore } from '../../store/index.ts';
import { hashPassword } from '../../accounts/passwords.ts';
import type { RunningServer } from '../../site/server/start.ts';
import { hasChromium, openBrowserSite, type BrowserSite } from '../helpers/browser-site.ts';
import { PASSWORDS, seedStore } from '../console/seed.ts';

const SECOND = { name: 'publicity2', password: 'pub2-pass-12345678' };
const contentDir = mkdtempSync(join(tmpdir(), 'minsheng-explainers-'));
let site: BrowserSite;
let alertId = '';
let server: RunningServer;
let browser: Browser;
let second: ChildProcess | null = null;
let secondUrl = '';

beforeAll(async () => {
  if (!hasChromium) return;
  cpSync(projectPath('site', 'content', 'explainers'), contentDir, { recursive: true });
  // The build, the server and every publication read this copy, never the repository's files.
  process.env.MINSHENG_EXPLAINERS_DIR = contentDir;
  site = await openBrowserSite(
    'publicity-browser',
    async (dataDir) => {
      const store = openStore(dataDir);
      try {
        ({ alertId } = await seedStore(store));
        await store.users.add({ name: SECOND.name, role: 'publicity', passwordHash: await hashPassword(SECOND.password), createdAt: new Date().toISOString() });
      } finally {
        await store.close();
      }
    },
    { ownBuild: true },
  );
  ({ server, browser } = site);
  // A second server process on the same data directory and the same build (as a second
  // `minsheng serve` behind a load balancer would run).
  second = spawn(process.execPath, [projectPath('bin', 'minsheng.mjs'), 'serve', '--port', '0', '--allow-demo', '--data', site.dataDir], {
    env: { ...process.env, MINSHENG_SITE_DIST: projectPath('tmp', `publicity-browser-build-${process.pid}`), MINSHENG_EXPLAINERS_DIR: contentDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  secondUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    second!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /网站（居民）：\s*(http:\/\/[^\s/]+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    second!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    second!.on('exit', (code) => reject(new Error(`第二个服务器进程退出（${code}）：${out}`)));
  });
}, 300_000);

afterAll(async () => {
  if (second && second.exitCode === null) {
    const exited = new Promise((resolve) => second!.once('exit', resolve));
    second.kill('SIGTERM');
    await exited;
  }
  await site?.close();
  delete process.env.MINSHENG_EXPLAINERS_DIR;
  rmSync(contentDir, { recursive: true, force: true });
});

const explainer = (title: string, extra: { summary?: boolean; body?: string } = {}) =>
  [
    '---',
    `title: ${title}`,
    ...(extra.summary === false ? [] : ['summary: 交满一年失业保险、非本人意愿失业的，可以按月领失业保险金。']),
    'audience: 非本人意愿失业的职工',
    'benefit: 按月领取的失业保险金',
    'topic: 失业保险',
    'sources:',
    '  - title: 失业保险条例',
    '    confidence: official',
    'effectiveFrom: 2025-01-01',
    `reviewBy: ${new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)}`,
    'steps:',
    '  materials:',
    '    - 身份证',
    '  where: 参保地的社保经办窗口',
    '  howLong: 一般当场受理',
    '  online: 可以在手机上的人社 App 申请',
    'keyPoints:',
    '  - 交满一年才能领',
    '  - 要办失业登记',
    '  - 按月发到社保卡',
    '---',
    '',
    '## 谁能领',
    '',
    extra.body ?? '交满一年失业保险，又不是自己要走的，就可以领。',
    '',
  ].join('\n');

async function login(context: BrowserContext, name: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + '/console/login');
  await page.fill('input[name="username"]', name);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(/\/console\/?$/), page.getByRole('button', { name: '登录' }).click()]);
  return page;
}

const csrfOf = (page: Page) => page.locator('input[name="_csrf"]').first().inputValue();

async function apiAction(page: Page, id: string, data: Record<string, unknown>) {
  return page.request.post(`${server.url}/api/explainers/${id}`, { headers: { origin: server.url, 'x-csrf-token': await csrfOf(page) }, data });
}

async function click(page: Page, name: string | RegExp) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
}

/** Publishes from the editor and waits for the build to finish (the page reloads itself). */
async function publishNow(page: Page, outcome: 'done' | 'failed' = 'done', started?: (job: number) => Promise<void>) {
  await Promise.all([page.waitForURL(/job=\d+/), page.getByRole('button', { name: '立即发布' }).click()]);
  await started?.(Number(/job=(\d+)/.exec(page.url())![1]));
  await page
    .locator('.notice.ok, .notice.error')
    .filter({ hasText: /发布完成|发布失败/ })
    .waitFor({ timeout: 600_000 });
  // A failed build names its errors on the page; say them here rather than a bare timeout later.
  const failed = page.locator('.notice.error').filter({ hasText: /发布失败/ });
  if (outcome === 'done' && (await failed.count()) > 0) throw new Error(`发布失败：${(await page.locator('.notice.error').allTextContents()).join(' / ')}`);
}

const publicTitle = async (page: Page, id: string) => {
  const res = await page.goto(`${server.url}/explainers/${id}/`);
  return res?.status() === 200 ? page.locator('h1').textContent() : `HTTP ${res?.status()}`;
};

describe.skipIf(!hasChromium)('publicity staff in a real browser', () => {
  it('writes, reviews, publishes, survives a broken build and rolls back', async () => {
    const author = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const reviewer = await browser.newContext({ viewport: { width: 1024, height: 1366 } }); // a tablet
    const dutyCtx = await browser.newContext();
    const a = await login(author, 'publicity', PASSWORDS.publicity);

    // A draft with a missing field: the lint flags it as one types, then the fix clears it.
    await a.goto(server.url + '/console/explainers/new');
    await a.fill('input[name="id"]', 'test-jobless');
    await a.fill('textarea[name="source"]', explainer('失业了怎么领钱', { summary: false }));
    await expect.poll(() => a.locator('[data-lint] .lint-error').allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringContaining('summary'));
    await expect.poll(() => a.locator('[data-preview]').textContent(), { timeout: 20_000 }).toContain('信息区还有错误');
    // Fixed in the form field, which writes the front matter for the author.
    await a.getByLabel('一句话摘要（谁能办、能得到什么）').fill('交满一年失业保险、非本人意愿失业的，可以按月领失业保险金。');
    expect(await a.locator('textarea[name="source"]').inputValue()).toContain('summary: 交满一年失业保险');
    await expect.poll(() => a.locator('[data-lint-summary]').textContent(), { timeout: 20_000 }).toMatch(/^(0 处错误|检查通过)/);
    // The preview is the public article component.
    await expect.poll(() => a.locator('[data-preview] #explainer h1').textContent(), { timeout: 20_000 }).toBe('失业了怎么领钱');
    await Promise.all([a.waitForURL(/\/console\/explainers\/test-jobless\?done=create/), a.getByRole('button', { name: '保存为草稿' }).click()]);
    await click(a, '提交审核');
    expect(await a.locator('.status').first().textContent()).toBe('待审核');

    // The author cannot approve their own version; the page does not even offer it.
    expect(await a.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    const own = await apiAction(a, 'test-jobless', { action: 'approve' });
    expect(own.status()).toBe(403);
    expect((await own.json()).error).toContain('不能审核自己写的版本');

    // A duty officer can neither open the workspace nor act on it.
    const d = await login(dutyCtx, 'duty', PASSWORDS.duty);
    expect((await d.goto(server.url + '/console/explainers'))?.status()).toBe(403);
    await d.goto(server.url + '/console/'); // for the session's CSRF token: refused by role, not by CSRF
    expect((await apiAction(d, 'test-jobless', { action: 'approve' })).status()).toBe(403);
    expect((await apiAction(d, 'test-jobless', { action: 'publish' })).status()).toBe(403);
    expect((await apiAction(d, 'test-jobless', { action: 'save', source: explainer('值班改的') })).status()).toBe(403);
    const dutyDraft = await d.request.post(`${server.url}/api/explainers/autosave`, {
      headers: { origin: server.url, 'x-csrf-token': await csrfOf(d) },
      data: { id: 'test-jobless', source: 'x' },
    });
    expect(dutyDraft.status()).toBe(403);

    // A second publicity user approves and publishes; the public page shows it.
    const r = await login(reviewer, SECOND.name, SECOND.password);
    await r.goto(server.url + '/console/explainers/test-jobless');
    await click(r, '审核通过');
    await publishNow(r, 'done', async (job) => {
      // The other server process reads the same job from the store (the session cookie is the host's).
      const seen = await r.request.get(`${secondUrl}/api/explainers/jobs/${job}`);
      expect(seen.status()).toBe(200);
      expect((await seen.json()).job).toMatchObject({ id: job, explainerId: 'test-jobless', what: '第 1 版发布到网站' });
    });
    expect(await r.locator('.notice.ok').first().textContent()).toContain('发布完成');
    expect((await (await r.request.get(`${secondUrl}/api/explainers/jobs/${/job=(\d+)/.exec(r.url())![1]}`)).json()).job.step).toBe('done');
    const reader = await browser.newPage();
    expect(await publicTitle(reader, 'test-jobless')).toBe('失业了怎么领钱');

    // A broken version is approved but refused by the build: the live page stays as it was.
    await a.goto(server.url + '/console/explainers/test-jobless');
    await a.fill('textarea[name="source"]', explainer('失业了怎么领钱（改坏）', { summary: false }));
    await click(a, '保存新版本');
    await click(a, '提交审核');
    await r.goto(server.url + '/console/explainers/test-jobless');
    await click(r, '审核通过');
    await publishNow(r, 'failed');
    const failure = await r.locator('.notice.error').first().textContent();
    expect(failure).toContain('发布失败，网站保持原样');
    expect(failure).toContain('summary');
    expect(await publicTitle(reader, 'test-jobless')).toBe('失业了怎么领钱');
    expect(readFileSync(join(contentDir, 'test-jobless.md'), 'utf8')).toContain('title: 失业了怎么领钱\n');

    // A good second version goes out.
    await a.goto(server.url + '/console/explainers/test-jobless');
    await a.fill('textarea[name="source"]', explainer('失业保险金怎么领'));
    await click(a, '保存新版本');
    await click(a, '提交审核');
    await r.goto(server.url + '/console/explainers/test-jobless');
    await click(r, '审核通过');
    await publishNow(r);
    expect(await publicTitle(reader, 'test-jobless')).toBe('失业保险金怎么领');

    // The versions show who and when, with a readable diff; rolling back to version 1 keeps its
    // approval, and publishing brings the first text back.
    await a.goto(server.url + '/console/explainers/test-jobless?from=1&to=3');
    expect(await a.locator('.diff-removed').allTextContents()).toContainEqual(expect.stringContaining('title: 失业了怎么领钱'));
    expect(await a.locator('.diff-added').allTextContents()).toContainEqual(expect.stringContaining('title: 失业保险金怎么领'));
    // The preview also shows the printed poster, drawn by the poster page's own component.
    await a.getByRole('button', { name: '海报', exact: true }).click();
    expect(await a.locator('[data-preview] .view-poster').isVisible()).toBe(true);
    expect(await a.locator('[data-preview] .view-article').isVisible()).toBe(false);
    expect(await a.locator('[data-preview] .view-poster .poster-points li').allTextContents()).toEqual(['交满一年才能领', '要办失业登记', '按月发到社保卡']);
    await Promise.all([a.waitForLoadState('load'), a.locator('tr[data-version="1"]').getByRole('button', { name: '回滚到这一版' }).click()]);
    expect(await a.locator('.status').first().textContent()).toBe('已审核，待发布');
    await publishNow(a);
    expect(await publicTitle(reader, 'test-jobless')).toBe('失业了怎么领钱');

    // Every step is in the audit log.
    const store = openStore(site.dataDir);
    try {
      const actions = (await store.audit.list({ limit: 500 })).filter((e) => e.target === 'test-jobless').map((e) => `${e.actor}:${e.action}`);
      for (const step of [
        'publicity:explainer.create',
        'publicity:explainer.submit',
        'publicity2:explainer.approve',
        'publicity2:explainer.publish',
        'publicity2:explainer.publish.failed',
        'publicity:explainer.rollback',
        'publicity:explainer.publish',
        'publicity:explainer.denied',
      ]) {
        expect(actions).toContain(step);
      }
      expect(await store.explainers.get('test-jobless')).toMatchObject({ publishedVersion: 4, currentVersion: 4 });
    } finally {
      await store.close();
    }

    // Readers' feedback on the published page reaches the editor; no address is kept.
    await reader.goto(`${server.url}/explainers/test-jobless/`);
    await reader.fill('.feedback textarea', '电话13812345678，想问能领几个月');
    await reader.getByRole('button', { name: '没用' }).click();
    await expect.poll(() => reader.locator('.feedback-status').textContent()).toContain('谢谢');
    await a.goto(server.url + '/console/explainers/test-jobless');
    const fb = await a.locator('section[aria-labelledby="fb-h"]').textContent();
    expect(fb).toContain('没用 1');
    expect(fb).toContain('138****5678');
    expect(fb).not.toContain('13812345678');

    // Drafts are saved on the server as one types; on another machine (a tablet) they are offered back.
    await a.goto(server.url + '/console/explainers/test-jobless');
    await a.fill('textarea[name="source"]', explainer('自动保存的标题'));
    await expect.poll(() => a.locator('[data-autosave]').textContent(), { timeout: 30_000 }).toContain('草稿已自动保存');
    const tablet = await browser.newContext({ viewport: { width: 1024, height: 1366 } });
    const t = await login(tablet, 'publicity', PASSWORDS.publicity);
    await t.goto(server.url + '/console/explainers/test-jobless');
    const offer = t.locator('[data-autosave-offer]');
    expect(await offer.textContent()).toMatch(/有未保存的草稿（\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d）/);
    await offer.getByRole('button', { name: '恢复' }).click();
    expect(await t.locator('textarea[name="source"]').inputValue()).toContain('title: 自动保存的标题');
    // When the server refuses a draft, the reason shows in Chinese and the text stays in the page.
    await t.route('**/api/explainers/autosave', (route) =>
      route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: '草稿太长' }) }),
    );
    await t.fill('textarea[name="source"]', explainer('服务器不收的草稿'));
    await expect.poll(() => t.locator('[data-autosave]').textContent(), { timeout: 30_000 }).toContain('草稿没能自动保存：草稿太长');
    expect(await t.locator('textarea[name="source"]').inputValue()).toContain('title: 服务器不收的草稿');
    await Promise.all([author.close(), reviewer.close(), dutyCtx.close(), reader.close(), tablet.close()]);
  }, 1_800_000);

  it('refuses feedback for pages that do not exist or from other sites', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    const post = (data: unknown, origin = server.url) => page.request.post(`${server.url}/api/feedback`, { headers: { origin }, data });
    expect((await post({ page: '/explainers/nope/', useful: true })).status()).toBe(422);
    expect((await post({ page: '/calculators/severance/', useful: true }, 'https://evil.example')).status()).toBe(403);
    expect((await post({ page: '/calculators/severance/', useful: true })).status()).toBe(201);
    await page.close();
    // Staff see it per page on the 明白纸 list, with each explainer's status and feedback.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const staff = await login(context, 'publicity', PASSWORDS.publicity);
    await staff.goto(server.url + '/console/explainers');
    const calcRow = staff.locator('tr', { has: staff.locator('a[href="/calculators/severance/"]') });
    expect((await calcRow.locator('td').allTextContents()).slice(1, 3)).toEqual(['1', '0']);
    const row = staff.locator('tr[data-explainer="test-jobless"]');
    expect(await row.textContent()).toContain('已发布');
    expect(await row.textContent()).toContain('没用 1');
    expect(await staff.locator('tr[data-explainer]').count()).toBe(12);
    // The site goes back to the build before the last publication at once (no rebuild).
    await Promise.all([staff.waitForURL(/job=\d+/), staff.getByRole('button', { name: '网站回到上一次发布前' }).click()]);
    await staff.locator('.notice.ok').filter({ hasText: '完成' }).waitFor({ timeout: 60_000 });
    const reader = await browser.newPage();
    expect(await publicTitle(reader, 'test-jobless')).toBe('失业保险金怎么领');
    await reader.close();
    await context.close();
  });

  it('suggests explainers on the alert page and takes a 回应口径 through a second person into the daily report', async () => {
    const ctxA = await browser.newContext();
    const ctxB = await browser.newContext();
    const a = await login(ctxA, 'publicity', PASSWORDS.publicity);
    await a.goto(`${server.url}/console/alerts/${alertId}`);
    // The alert's posts are scored 劳动关系: the labour-dispute explainers on that topic answer them.
    expect(await a.locator('section[aria-labelledby="answers-h"] ul').first().textContent()).toContain('劳动争议怎么调解和仲裁');
    await a.fill('#wording-text', '已责成区人社局劳动保障监察大队核查，三个工作日内答复。');
    await Promise.all([a.waitForURL(/wording=saved/), a.getByRole('button', { name: '保存口径' }).click()]);
    expect(await a.getByRole('button', { name: '审核通过这一版口径' }).count()).toBe(0);
    const b = await login(ctxB, SECOND.name, SECOND.password);
    await b.goto(`${server.url}/console/alerts/${alertId}`);
    await Promise.all([b.waitForURL(/wording=approved/), b.getByRole('button', { name: '审核通过这一版口径' }).click()]);
    expect(await b.locator('blockquote.wording').first().textContent()).toContain('三个工作日内答复');
    await b.goto(`${server.url}/console/report`);
    expect(await b.locator('section[aria-labelledby="wordings-h"]').textContent()).toContain('三个工作日内答复');
    await Promise.all([ctxA.close(), ctxB.close()]);
  });

  it('shows 居民在问 grouped by matter, with a one-click draft for a matter without an explainer', async () => {
    const context = await browser.newContext();
    const page = await login(context, 'publicity', PASSWORDS.publicity);
    await page.goto(server.url + '/console/questions');
    // The seed has one neutral question (灵活就业 contributions, scored 社会保险), which no
    // explainer's topic answers; the two complaints are not questions.
    const rows = page.locator('tr[data-matter]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('咨询灵活就业社保缴费');
    expect(await rows.first().textContent()).not.toContain('欠薪');
    await Promise.all([page.waitForURL(/\/console\/explainers\/new\?matter=/), rows.first().getByRole('link', { name: '从这些提问开始写' }).click()]);
    const draft = await page.locator('textarea[name="source"]').inputValue();
    expect(draft).toContain('## 居民在问');
    expect(draft).toContain('- 咨询灵活就业社保缴费');
    await context.close();
  });
});
