import { defineConfig } from 'vitest/config';

// Four tiers, chosen by file name or folder (tests/README.md says which goes where):
//  - unit:    tests/**/*.test.ts — in process only: no subprocess, no site build, no browser.
//             `npm run test:unit`, the one to run while working (≤ 90 s on a 2-core machine).
//  - slow:    *.slow.test.ts — real work: training reproducibility, the real `minsheng` binary,
//             kill -9 / SIGTERM of a crawl, the whole pipeline end to end.
//  - browser: *.browser.test.ts — everything that needs the built site; the site is built ONCE
//             for all of them (tests/helpers/site-build.global.ts) and each file serves it.
//  - store:   tests/store/**/*.test.ts — the store contract, run against SQLite and against a
//             throwaway PostgreSQL server (tests/helpers/postgres.global.ts). Its own tier because
//             starting a server is a subprocess, which the unit tier refuses, and so the unit tier's
//             budget does not carry the cluster's start. Slow and browser start one too (the
//             pipeline and two web servers on PostgreSQL).
// `npm test` runs all four.
const SLOW = 'tests/**/*.slow.test.ts';
const BROWSER = 'tests/**/*.browser.test.ts';
const STORE = 'tests/store/**/*.test.ts';
const POSTGRES = 'tests/helpers/postgres.global.ts';

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
          exclude: [SLOW, BROWSER, STORE],
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
          globalSetup: [POSTGRES],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER],
          globalSetup: ['tests/helpers/site-build.global.ts', POSTGRES],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'store',
          include: [STORE],
          exclude: [SLOW, BROWSER],
          globalSetup: [POSTGRES],
          setupFiles: ['tests/helpers/no-subprocess.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
