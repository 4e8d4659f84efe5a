// The unit tier runs in process. Starting a program from a unit test (the CLI, a build, a browser)
// is what made the old single tier slow and flaky on a busy machine, so it fails loudly here; such a
// test belongs in a *.slow.test.ts or *.browser.test.ts file (see vitest.config.ts).
import { vi } from 'vitest';

vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:child_process')>();
  const refuse = (name: string) => () => {
    throw new Error(`单元测试不启动子进程（child_process.${name}）：用 tests/helpers/cli.ts 的 runCli 在进程内运行，或把测试放进 *.slow.test.ts`);
  };
  const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  const refused = Object.fromEntries(names.map((n) => [n, refuse(n)]));
  return { ...real, ...refused, default: { ...real, ...refused } };
});
