// The labelling queue in a real browser (Debian Chromium): a duty officer opens it from the console
// navigation, labels two posts and skips one with the keyboard alone, and the labels are in the
// store with who and when; crawled markup on the way is text and never runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openBrowserSite, type BrowserSite } from '../helpers/browser-site.ts';
import { PASSWORDS, seedDataDir } from '../console/seed.ts';
import { openStore } from '../../store/index.ts';

let site: BrowserSite;

beforeAll(async () => {
  if (!hasChromium) return;
  site = await openBrowserSite('labelling-browser', async (dataDir) => void (await seedDataDir(dataDir)));
}, 240_000);

afterAll(async () => {
  await site?.close();
});

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function login(page: Page, name: keyof typeof PASSWORDS) {
  await page.goto(site.server.url + '/console/login');
  await page.fill('input[name="username"]', name);
  await page.fill('input[name="password"]', PASSWORDS[name]);
  await Promise.all([page.waitForURL(/\/console\/?$/), page.getByRole('button', { name: '登录' }).click()]);
}

const shownPost = (page: Page) => page.locator('form[data-labelling] input[name="post"]').inputValue();

/** Presses the keys, then the last one, waiting for the page the form leads to. */
async function keys(page: Page, pick: string[], last: string, url: RegExp) {
  for (const k of pick) await page.keyboard.press(k);
  await Promise.all([page.waitForURL(url), page.keyboard.press(last)]);
}

describe.skipIf(!hasChromium)('labelling queue in a real browser', () => {
  it('labels two posts and skips one with the keyboard, and the labels are stored', async () => {
    const page = await site.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(page, 'duty');
    await Promise.all([page.waitForURL(/\/console\/labels$/), page.getByRole('link', { name: '标注队列' }).click()]);
    // The keys are on screen beside the choices.
    expect(await page.textContent('#queue-keys')).toContain('Enter 保存，X 跳过');

    const first = await shownPost(page);
    await keys(page, ['a', '2', 'q'], 'Enter', new RegExp(`done=label&post=${first}`));
    expect(await page.getByRole('status').textContent()).toContain('已保存上一条：负面、严重程度 2 紧急、主题 欠薪/工资');

    const second = await shownPost(page);
    expect(second).not.toBe(first);
    await keys(page, [], 'x', /done=skip/);
    expect(await page.getByRole('status').textContent()).toContain('已跳过上一条');

    const third = await shownPost(page);
    expect([first, second]).not.toContain(third);
    await keys(page, ['s', '0', 'h'], 'Enter', new RegExp(`done=label&post=${third}`));
    expect(await page.textContent('main')).toContain('队列已空');
    expect(dialogs).toEqual([]);
    await page.close();

    const store = openStore(site.dataDir);
    try {
      const labels = await store.labels.list();
      expect(labels.map((l) => [l.postId, l.sentiment, l.severity, l.topic, l.actor])).toEqual([
        [first, 'negative', 2, 'wages', 'duty'],
        [third, 'neutral', 0, 'other', 'duty'],
      ]);
      for (const l of labels) expect(Number.isNaN(Date.parse(l.at))).toBe(false);
      // The skip is the duty officer's own: an administrator is still offered that post.
      expect((await store.labels.unlabelled('duty')).map((c) => c.postId)).toEqual([]);
      expect((await store.labels.unlabelled('admin')).map((c) => c.postId)).toEqual([second]);
      const audited = (await store.audit.list({ actor: 'duty' })).map((a) => [a.action, a.target]);
      expect(audited).toEqual(
        expect.arrayContaining([
          ['post.label', first],
          ['post.label.skip', second],
          ['post.label', third],
        ]),
      );
    } finally {
      await store.close();
    }
  }, 120_000);

  it('has no serious or critical WCAG 2.1 AA problems (axe), with a post on screen', async () => {
    // CSP bypassed only in this context, so axe can be injected.
    const context = await site.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await login(page, 'admin');
    await page.goto(site.server.url + '/console/labels');
    expect(await page.locator('form[data-labelling]').count()).toBe(1);
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is injected above
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v: { id: string; impact: string }) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  }, 120_000);
});
