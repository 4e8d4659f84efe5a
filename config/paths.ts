// Where the project's own files live. Found by walking up to this package's package.json, so
// the same code works from source (tsx, vitest) and from Astro's server bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'minsheng') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) break;
  }
  // Bundled somewhere outside the project (unusual): fall back to the working directory.
  return process.cwd();
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
