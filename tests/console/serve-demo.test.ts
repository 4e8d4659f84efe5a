// `minsheng serve` on a data directory where `minsheng demo` left its admin account: refused,
// with what to do, before anything is built or served.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { openStore } from '../../store/index.ts';
import { DEMO_USER } from '../../accounts/users.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-serve-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('minsheng serve with a demo account', () => {
  it('refuses to start while the demo admin can log in, and says how to disable it', async () => {
    const store = openStore(dataDir);
    await store.users.add({ name: DEMO_USER, role: 'admin', passwordHash: 'scrypt$x', createdAt: new Date().toISOString() });
    await store.close();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => (err += c));
    const code = await main(['serve', '--data', dataDir, '--port', '0'], { stdout, stderr, stdin: Readable.from(['']) });
    expect(code).toBe(1);
    expect(err).toContain('拒绝启动');
    expect(err).toContain(`minsheng user disable ${DEMO_USER}`);
  });
});
