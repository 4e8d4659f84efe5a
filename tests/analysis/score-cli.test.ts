// The `minsheng score` contract through the real CLI: JSON lines in, one line out per input,
// errors in Chinese for bad lines, exit code 1 when any line was bad.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('minsheng score', () => {
  it('scores each line, reports a malformed line in Chinese and carries on, exit 1', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '公司拖欠工资三个月，投诉无门' }),
      '{"id": "b", "text": 没有引号}',
      JSON.stringify({ id: 'c', text: '请问社保卡丢了怎么补办？' }),
      JSON.stringify({ id: 'd' }),
    ].join('\n');
    const { code, stdout } = await runCli(['score'], input);
    expect(code).toBe(1);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(Object.keys(out[0]).sort()).toEqual(['id', 'negative', 'reasons', 'sentiment', 'severity', 'topic']);
    expect(out[0]).toMatchObject({ id: 'a', sentiment: 'negative' });
    expect(out[1].error).toMatch(/第 2 行不是合法的 JSON/);
    expect(out[2]).toMatchObject({ id: 'c', sentiment: 'neutral', topic: 'social_security_card' });
    expect(out[3]).toMatchObject({ id: 'd', error: expect.stringContaining('text') });
  });

  it('reads --input FILE and exits 0 when every line is good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-score-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 1, text: '感谢人社局帮我们讨回了工资' })}\n\n`);
    const { code, stdout } = await runCli(['score', '--input', file], '');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, sentiment: 'positive' });
  });
});
