// Accessibility and what a resident on a phone would notice, in a real browser (Debian
// Chromium): axe finds no serious or critical violations on the public pages, the large-type
// switch works and is remembered, the poster carries its QR code, search finds 社保, and a page
// read once still opens when the signal drops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../site/server/start.ts';
import { hasChromium, openBrowserSite, type BrowserSite } from '../helpers/browser-site.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let site: BrowserSite;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  site = await openBrowserSite('a11y');
  ({ server, browser } = site);
});

afterAll(async () => {
  await site?.close();
});

async function phonePage(forAxe = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'zh-CN', bypassCSP: forAxe });
  return context.newPage();
}

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!hasChromium)('public pages in a real browser', () => {
  const pages = [
    '/',
    '/no-such-page/',
    '/explainers/',
    '/topics/失业保险/',
    '/explainers/unemployment-benefit/',
    '/glossary/',
    '/calculators/',
    '/calculators/unemployment/',
    '/poster/unemployment-benefit/',
    '/search/',
    '/console/login',
  ];

  for (const path of pages) {
    it(`has no serious or critical accessibility violations: ${path}`, async () => {
      const page = await phonePage(true);
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('stays accessible with 大字 and 高对比 both switched on', async () => {
    const page = await phonePage(true);
    await page.goto(server.url + '/explainers/work-injury/', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '高对比' }).click();
    expect(await page.evaluate(() => document.documentElement.className)).toMatch(/large-type.*high-contrast|high-contrast.*large-type/);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing may stick out sideways on a 412 px phone with the big type.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
    await page.context().close();
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const path of ['/', '/explainers/wage-arrears/', '/calculators/severance/', '/glossary/']) {
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it('enlarges the text with 大字 and remembers it after a reload', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/explainers/unemployment-benefit/');
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize));
    const before = await size();
    await page.getByRole('button', { name: '大字' }).click();
    expect(await size()).toBeGreaterThan(before * 1.15);
    await page.reload();
    expect(await size()).toBeGreaterThan(before * 1.15);
    await expect(page.getByRole('button', { name: '大字' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.context().close();
  });

  it('shows the explainer’s figures with their source and marks unverified ones', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/explainers/unemployment-benefit/');
    const text = await page.textContent('main');
    expect(text).toContain('1,980 元');
    expect(text).toContain('川人社办发〔2023〕18号');
    expect(text).toContain('官方文件（转载，待核原文）');
    expect(text).toContain('2025年1月1日');
    await page.context().close();
  });

  it('works the unemployment calculator out as you type, and names a bad field in Chinese', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/calculators/unemployment/', { waitUntil: 'networkidle' });
    const months = page.locator('input[name="contributionMonths"]');
    await months.fill('30');
    await months.dispatchEvent('input');
    await expect.poll(() => page.textContent('[data-calc-output]')).toContain('12 个月');
    await months.fill('150');
    await months.dispatchEvent('input');
    await expect.poll(() => page.textContent('[data-calc-output]')).toContain('24 个月');
    expect(await page.textContent('[data-calc-output]')).toContain('1,980.00 元');
    await months.fill('abc');
    await months.dispatchEvent('input');
    await expect.poll(() => page.textContent('[data-error-for="contributionMonths"]')).toMatch(/[\u4e00-\u9fa5]/);
    await page.context().close();
  });

  it('sends a Content-Security-Policy without unsafe-inline on public pages, and the pages still work under it', async () => {
    const page = await phonePage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const response = await page.goto(server.url + '/explainers/unemployment-benefit/', { waitUntil: 'networkidle' });
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    await page.getByRole('button', { name: '大字' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await page.context().close();
  });

  it('prints a poster whose QR code opens the explainer', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/poster/unemployment-benefit/');
    expect(await page.locator('.poster-qr svg').count()).toBe(1);
    expect(await page.textContent('h1')).toBe('失业保险金怎么领');
    // The code's modules are those of the explainer's address on the public site (not the poster's).
    const { default: QRCode } = await import('qrcode');
    const site = (process.env.MINSHENG_SITE_URL ?? 'http://localhost:4321').replace(/\/+$/, '');
    const darkPath = async (url: string) =>
      /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))![1]!;
    const html = await (await fetch(server.url + '/poster/unemployment-benefit/')).text();
    expect(html).toContain(await darkPath(`${site}/explainers/unemployment-benefit/`));
    expect(html).not.toContain(await darkPath(`${site}/poster/unemployment-benefit/`));
    await page.context().close();
  });

  it('finds pages about 社保 with the site search', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/search/', { waitUntil: 'networkidle' });
    await page.locator('#search input').fill('社保');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__result').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('still opens an explainer read before when the network drops', async () => {
    const page = await phonePage();
    const url = server.url + '/explainers/flexible-employment-pension/';
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload({ waitUntil: 'networkidle' }); // now controlled by the worker, which caches it
    await page.context().setOffline(true);
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('灵活就业人员怎么交养老保险');
    // A page never opened: a plain explanation, 12333, and the pages that are saved on this phone.
    await page.goto(server.url + '/explainers/severance/');
    expect(await page.textContent('h1')).toBe('现在没有网络');
    await page.locator('#saved-list a', { hasText: '灵活就业人员怎么交养老保险' }).waitFor({ timeout: 5_000 });
    expect(await page.textContent('main')).toContain('12333');
    await page.context().close();
  });

  it('shows a saved page after a few seconds when the signal is too weak to load it', async () => {
    const page = await phonePage();
    const url = server.url + '/explainers/retirement-age/';
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload({ waitUntil: 'networkidle' });
    // From now on the server takes 20 s to answer this page (requests from the worker included).
    await page.context().route(url, async (route) => {
      await new Promise((r) => setTimeout(r, 20_000));
      await route.continue().catch(() => undefined);
    });
    const started = Date.now();
    await page.goto(url, { timeout: 15_000 });
    expect(await page.textContent('h1')).toBe('延迟退休后我哪年退休');
    expect(Date.now() - started).toBeLessThan(10_000);
    await page.context().unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  });

  it('reads the explainer aloud in Chinese, sentence by sentence, from the title on', async () => {
    const page = await phonePage();
    // A stand-in for the phone's speech engine that remembers what it was asked to say.
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      Object.defineProperty(window, 'speechSynthesis', {
        configurable: true,
        value: {
          speaking: false,
          getVoices: () => [],
          addEventListener() {},
          cancel() {},
          speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
        },
      });
    });
    await page.goto(server.url + '/explainers/unemployment-benefit/');
    await page.getByRole('button', { name: '读给我听' }).click();
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
    expect(spoken.slice(0, 2).map((u) => u.text)).toEqual(['失业保险金怎么领', '交过失业保险、不是自己辞职而丢了工作的，可以按月领失业保险金。']);
    expect(spoken.every((u) => u.lang === 'zh-CN')).toBe(true);
    expect(spoken.some((u) => u.text.includes('每月领 1,980 元'))).toBe(true);
    const all = spoken.map((u) => u.text).join('');
    expect(all).not.toContain('读给我听');
    expect(all).not.toContain('打印成一页海报');
    expect(Math.max(...spoken.map((u) => u.text.length))).toBeLessThan(120);
    await expect(page.getByRole('button', { name: '停止朗读' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.context().close();
  });

  it('offers 读给我听 on an explainer, and explains the words the page uses', async () => {
    const page = await phonePage();
    await page.goto(server.url + '/explainers/flexible-employment-pension/');
    const hasSpeech = await page.evaluate(() => 'speechSynthesis' in window);
    const readAloud = page.getByRole('button', { name: '读给我听' });
    expect(await readAloud.count()).toBe(1);
    // Shown wherever the browser can speak; headless Chromium has speechSynthesis but may list no voices.
    if (hasSpeech) expect(await readAloud.isVisible()).toBe(true);
    const terms = page.locator('section[aria-labelledby="terms-title"]');
    expect(await terms.locator('dt').allTextContents()).toEqual(['灵活就业', '缴费基数', '个人账户']);
    expect(await terms.locator('dt a').first().getAttribute('href')).toBe('/glossary/#linghuo-jiuye');
    await page.context().close();
  });
});
