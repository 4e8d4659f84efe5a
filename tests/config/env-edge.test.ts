// Configuration stays at the edge: only the parser, the CLI's main, the site's edge and the server
// start (and scripts run directly, each its own entry) touch process.env; everything below gets
// the parsed object (config/env.ts) passed down.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths.ts';
import { runCli } from '../helpers/cli.ts';

const EDGES = new Set([
  'config/env.ts', // the parser
  'cli/main.ts', // the CLI's edge
  'site/server/env.ts', // the site's edge (astro build / dev, and the server's pages)
  'site/server/start.ts', // the server start: passes the environment to the build's child process, sets @astrojs/node's switch
  'analysis/corpus/real/merge.ts', // a labelling script, run directly
  'analysis/dedupe/real-pipeline-cli.ts', // a measuring script, run directly
]);
// tmp/ holds site builds other tests make while this one runs: built output, not source.
const SKIP = new Set(['node_modules', 'tests', 'dist', 'tmp', '.astro', '.git', 'data']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || SKIP.has(e.name)) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|astro)$/.test(e.name) ? [path] : [];
  });
}

describe('configuration at the edge', () => {
  it('no module below the edges reads process.env', () => {
    const readers = sources(PROJECT_ROOT)
      .map((f) => relative(PROJECT_ROOT, f).split('\\').join('/'))
      .filter((f) => !EDGES.has(f))
      .flatMap((f) =>
        readFileSync(join(PROJECT_ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (line.includes('process.env') ? [`${f}:${i + 1}`] : [])),
      );
    expect(readers).toEqual([]);
  });

  it('refuses a bad value before the command runs, naming the variable in Chinese', async () => {
    const r = await runCli(['alerts', '--data', ':memory:'], { env: { MINSHENG_WEBHOOK_URL: 'hooks.example/x', MINSHENG_HTTPS: 'maybe' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('环境变量');
    expect(r.stderr).toContain('MINSHENG_WEBHOOK_URL：webhook 地址应为 http:// 或 https:// 开头的网址');
    expect(r.stderr).toContain('MINSHENG_HTTPS：应为 1/true/yes 或 0/false/no');
    expect(r.stdout).toBe('');
  });
});
