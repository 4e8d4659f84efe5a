import { defineConfig } from 'vitest/config';

// Three tiers, chosen by file name (tests/README.md says which goes where):
//  - unit:    tests/**/*.test.ts — in process only: no subprocess, no site build, no browser.
//             `npm run test:unit`, the one to run while working (≤ 90 s on a 2-core machine).
//  - slow:    *.slow.test.ts — real work: training reproducibility, the real `minsheng` binary,
//             kill -9 / SIGTERM of a crawl, the whole pipeline end to end.
//  - browser: *.browser.test.ts — everything that needs the built site; the site is built ONCE
//             for all of them (tests/helpers/site-build.global.ts) and each file serves it.
// `npm test` runs all three.
const SLOW = 'tests/**/*.slow.test.ts';
const BROWSER = 'tests/**/*.browser.test.ts';

export default defineConfig({
  test: {
    // better-sqlite3 and jieba are native: forks isolate them cleanly.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [SLOW, BROWSER],
          setupFiles: ['tests/helpers/no-subprocess.setup.ts'],
          // Files share each worker's module graph: jieba, the models and Astro's modules load once
          // per worker instead of once per file (measured under load: 3 min 45 s isolated, 69 s
          // shared). So a unit test must not rely on fresh module state and must undo what it changes.
          isolate: false,
          // Generous because a busy machine is slow, not because any unit test waits on a clock.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: [SLOW],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER],
          globalSetup: ['tests/helpers/site-build.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
