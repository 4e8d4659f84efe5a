// A duty officer's shift in a real browser (Debian Chromium): refused without login, logs in,
// opens the alert, sees a crawled XSS payload as plain text, takes the alert through its whole
// lifecycle, and a state change without the CSRF token is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../site/server/start.ts';
import { hasChromium, openBrowserSite, type BrowserSite } from '../helpers/browser-site.ts';
import { PASSWORDS, seedDataDir } from '../console/seed.ts';

let site: BrowserSite;
let server: RunningServer;
let browser: Browser;
let alertId = '';

beforeAll(async () => {
  if (!hasChromium) return;
  site = await openBrowserSite('console-browser', async (dataDir) => {
    ({ alertId } = await seedDataDir(dataDir));
  });
  ({ server, browser } = site);
});

afterAll(async () => {
  await site?.close();
});

async function act(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const form = page.locator(`form:has(input[name="action"][value="${action}"])`);
  if (fill) await fill(form);
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
}

describe.skipIf(!hasChromium)('duty console in a real browser', () => {
  it('refuses pages and the API without a login', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + '/console/');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    const api = await page.request.get(server.url + '/api/alerts');
    expect(api.status()).toBe(401);
    await page.close();
  });

  it('takes an alert from new to closed, shows crawled markup as text, and refuses a change without the CSRF token', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url + '/console/login');
    await page.fill('input[name="username"]', 'duty');
    await page.fill('input[name="password"]', PASSWORDS.duty);
    await Promise.all([page.waitForURL(/\/console\/?$/), page.getByRole('button', { name: '登录' }).click()]);
    await page.getByRole('link', { name: /达川区工地欠薪/ }).click();
    await page.waitForURL(new RegExp(`/console/alerts/${alertId}`));

    // The crawled body holds <script>alert(1)</script>: it must read as text and never run.
    expect(await page.textContent('main')).toContain('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);

    const status = () => page.locator('.status').first().textContent();
    await act(page, 'acknowledge');
    expect(await status()).toBe('已确认');
    await act(page, 'assign', async (f) => void (await f.locator('select[name="assignee"]').selectOption('duty')));
    expect(await status()).toBe('已指派');
    await act(page, 'start');
    expect(await status()).toBe('处置中');
    await act(page, 'respond', (f) => f.locator('textarea[name="note"]').fill('已在官网发布情况说明'));
    expect(await status()).toBe('已回应');

    const forged = await page.request.post(`${server.url}/api/alerts/${alertId}/transition`, {
      headers: { 'content-type': 'application/json', origin: server.url },
      data: { action: 'close' },
    });
    expect(forged.status()).toBe(403);

    await act(page, 'close');
    expect(await status()).toBe('已关闭');
    const timeline = await page.textContent('.timeline');
    for (const step of ['确认', '指派', '开始处置', '已回应', '关闭']) expect(timeline).toContain(step);
    expect(timeline).toContain('已在官网发布情况说明');
    await page.close();
  });
});
