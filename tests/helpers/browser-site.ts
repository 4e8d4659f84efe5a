// For browser tests: the built site served on 127.0.0.1 from a fresh data directory, and Debian's
// Chromium driven by playwright-core. The site is built once for the whole browser tier
// (site-build.global.ts); each test file serves that build from its own data directory.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { projectPath } from '../../config/paths.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`跳过浏览器测试：没有找到 ${CHROMIUM}（apt-get install chromium fonts-wqy-microhei）`);

/** Flags for a closed network: without the background-networking ones Chromium keeps dialling out. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSite {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  close(): Promise<void>;
}

/** The browser tier's shared build (a folder under tmp/). */
export const siteOutDir = (): string => inject('siteOutDir');

/**
 * Seeds a fresh data directory (optional), serves the shared build from it and opens Chromium.
 * `ownBuild` serves a private copy of the build instead, for a test that publishes (a publication
 * swaps pages into the served build, which the other files of the tier must not see).
 */
export async function openBrowserSite(name: string, seed?: (dataDir: string) => Promise<void>, options: { ownBuild?: boolean } = {}): Promise<BrowserSite> {
  const dataDir = mkdtempSync(join(tmpdir(), `minsheng-${name}-`));
  let outDir = siteOutDir();
  // Inside the project like the shared build: a publication builds next to the live folder, and
  // Astro's server build resolves its packages from there.
  const ownCopy = options.ownBuild ? projectPath('tmp', `${name}-build-${process.pid}`) : null;
  if (ownCopy) {
    rmSync(ownCopy, { recursive: true, force: true });
    cpSync(outDir, ownCopy, { recursive: true });
    outDir = ownCopy;
  }
  if (seed) await seed(dataDir);
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    dataDir,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (ownCopy) rmSync(ownCopy, { recursive: true, force: true });
    },
  };
}
