// `npm run bench:site`: Lighthouse (mobile emulation, Debian Chromium) on the home page, one
// explainer and one calculator, served by the real server. Prints the four category scores and
// each page's total transfer against the budgets: every score ≥ 95, an explainer ≤ 100 KB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { projectPath } from '../../config/paths.ts';
import { ensureSiteBuilt, startServer } from '../../site/server/start.ts';

const PAGES = [
  { name: '首页', path: '/' },
  { name: '明白纸', path: '/explainers/unemployment-benefit/', budgetKb: 100 },
  { name: '计算器', path: '/calculators/unemployment/' },
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const outDir = projectPath('tmp', 'bench-site-build');
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-bench-site-'));
console.log('构建网站…');
await ensureSiteBuilt({ outDir, force: true });
const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let failed = false;
try {
  console.log(`\n${'页面'.padEnd(8)}${CATEGORIES.map((c) => c.padStart(16)).join('')}${'传输量'.padStart(12)}`);
  for (const page of PAGES) {
    const result = await lighthouse(server.url + page.path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse 没有返回 ${page.path} 的结果`);
    const { lhr } = result;
    const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    const bytes = Number(lhr.audits['total-byte-weight']?.numericValue ?? 0);
    const kb = bytes / 1024;
    const overBudget = scores.some((s) => s < 95) || (page.budgetKb !== undefined && kb > page.budgetKb);
    failed ||= overBudget;
    console.log(
      `${page.name.padEnd(8)}${scores.map((s) => String(s).padStart(16)).join('')}${`${kb.toFixed(1)} KB`.padStart(12)}${overBudget ? '  ✗ 超出预算' : '  ✓'}`,
    );
  }
  console.log('\n预算：每项分数 ≥ 95；明白纸页面传输量 ≤ 100 KB。');
} finally {
  chrome.kill();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
