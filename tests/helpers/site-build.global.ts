// The browser tier's one site build: built here once before any browser test file runs, handed to
// them as `inject('siteOutDir')`, removed at the end. Each file then serves it from its own data
// directory (tests/helpers/browser-site.ts). Building per file cost a minute each on 2 cores.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { projectPath } from '../../config/paths.ts';
import { ensureSiteBuilt } from '../../site/server/start.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteOutDir: string;
  }
}

export default async function setup(project: TestProject) {
  // Inside the project so the server bundle resolves better-sqlite3 from node_modules.
  const outDir = projectPath('tmp', `test-site-build-${process.pid}`);
  await ensureSiteBuilt({ outDir, force: true });
  project.provide('siteOutDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
