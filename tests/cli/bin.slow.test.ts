// The real `minsheng` binary (bin/minsheng.mjs through tsx), as a user or a cron job starts it:
// everything else tests main() in process, so this checks the wiring — arguments, stdin, stdout,
// stderr and the exit code reach and leave the process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-bin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const bin = (args: string[], input = '') =>
  spawnSync(process.execPath, [projectPath('bin', 'minsheng.mjs'), ...args], { input, encoding: 'utf8', timeout: 120_000 });

describe('bin/minsheng.mjs', () => {
  it('prints the overview and exits 0 for --help, 2 for an unknown command', () => {
    const help = bin(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/用法: minsheng <命令>/);
    const unknown = bin(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('未知命令');
  });

  it('adds a user with the password piped on stdin, and exits 1 for a short one', () => {
    const r = bin(['user', 'add', 'spawned', '--role', 'admin', '--data', dataDir], 'admin-pass-from-a-pipe\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('已添加用户 spawned（admin）。\n');
    const short = bin(['user', 'add', 'tiny', '--role', 'duty', '--data', dataDir], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('密码太短：至少需要 12 个字符');
  });

  it('stops quietly when the reader of its output goes away (minsheng score < posts.jsonl | head)', async () => {
    const child = spawn(process.execPath, [projectPath('bin', 'minsheng.mjs'), 'score'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // far more than a pipe holds, so the writer is still writing when the reader leaves
    const posts = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: '工资拖了两个月还没发' })).join('\n') + '\n';
    child.stdin.end(posts);
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString('utf8'))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toContain('"id":0');
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 120_000);
});
