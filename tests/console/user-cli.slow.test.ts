// The real binary with the password piped on stdin, as an administrator would run it on a server.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-user-bin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('minsheng user (the real binary)', () => {
  it('works as a spawned command with the password piped on stdin', () => {
    const r = spawnSync(process.execPath, [projectPath('bin', 'minsheng.mjs'), 'user', 'add', 'spawned', '--role', 'admin', '--data', dataDir], {
      input: 'admin-pass-from-a-pipe\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('已添加用户 spawned（admin）。\n');
    const short = spawnSync(process.execPath, [projectPath('bin', 'minsheng.mjs'), 'user', 'add', 'tiny', '--role', 'duty', '--data', dataDir], {
      input: 'short\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('密码太短：至少需要 12 个字符');
  }, 120_000);
});
