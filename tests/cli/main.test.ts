// The command line's contract, in process through main(argv, io): help for every command, exit code
// 2 with a Chinese message for a bad invocation, 1 naming the file and field for a bad sources file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('minsheng', () => {
  it('prints help for every command and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const name of ['demo', 'crawl', 'watch', 'run', 'analyze', 'score', 'train', 'index', 'search', 'export', 'alerts', 'serve', 'user', 'calc']) {
      expect(stdout).toContain(`  ${name} `);
      const help = await runCli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`用法:\\s+minsheng ${name}`));
    }
  });

  it('prints the overview but exits 2 when no command is given', async () => {
    expect(await runCli([])).toMatchObject({ code: 2, stdout: expect.stringContaining('用法: minsheng <命令>') });
  });

  it('refuses an unknown command, a missing --sources and an unknown flag with exit code 2 and a Chinese message', async () => {
    expect(await runCli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('未知命令') });
    expect(await runCli(['run', '--data', dataDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('缺少参数 --sources') });
    expect(await runCli(['alerts', '--colour', '--data', dataDir])).toMatchObject({ code: 2, stderr: expect.stringContaining('用法: minsheng alerts') });
  });

  it('refuses an invalid sources file naming the file and field, exit 1', async () => {
    const file = join(dataDir, 'bad.yaml');
    writeFileSync(file, 'sources:\n  - id: Bad Id\n    name: x\n    type: rss\n    start: nope\n');
    expect(await runCli(['crawl', '--sources', file, '--data', dataDir])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/bad\.yaml[\s\S]*sources\[0\]\.start/),
    });
  });
});
