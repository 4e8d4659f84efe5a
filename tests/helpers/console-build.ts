// One site build shared by the test files that serve the console over HTTP (server.test.ts,
// attacks.test.ts): built into tmp/console-test-build when missing or stale, under a lock
// directory so two test processes never build at once; kept between runs (it is rebuilt when a
// source file changes), so the suite pays for one build, not one per file. Editing a source file
// while these tests run makes the next file rebuild under a running server: do not.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { projectPath } from '../../config/paths.ts';
import { ensureSiteBuilt } from '../../site/server/start.ts';

export const CONSOLE_BUILD_DIR = projectPath('tmp', 'console-test-build');
const LOCK = `${CONSOLE_BUILD_DIR}.lock`;
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 15 * 60_000;

export async function sharedConsoleBuild(): Promise<string> {
  mkdirSync(projectPath('tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // removed meanwhile: try again
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await ensureSiteBuilt({ outDir: CONSOLE_BUILD_DIR });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return CONSOLE_BUILD_DIR;
}
