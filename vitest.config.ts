import { defineConfig } from 'vitest/config';

// Tests are split by kind under tests/: unit tests beside each stage's name, e2e/ for the
// whole pipeline, __a11y__/ for accessibility checks in a real browser.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // better-sqlite3 and jieba are native: forks isolate them cleanly.
    pool: 'forks',
    maxWorkers: 2,
  },
});
