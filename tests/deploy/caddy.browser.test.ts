// deploy/Caddyfile on a real Caddy (Debian's `caddy`), in front of two real `minsheng serve`
// processes on one PostgreSQL, as deploy/compose.yaml puts them: only the upstream names web1/web2
// become the two servers' local addresses. Through the one address a duty officer logs in, acts
// with the CSRF token and keeps the session whichever server answers, and keeps working when one
// server stops; a client cannot dodge the login lock or the audit by sending its own
// X-Forwarded-For (the servers trust the header only from Caddy, and Caddy does not pass the
// client's on).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { projectPath } from '../../config/paths.ts';
import { cookiePair, postLogin, serve, stop, type Serve } from '../helpers/serve-process.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';
import { PASSWORDS, seedStore } from '../console/seed.ts';

const UPSTREAMS = 'web1:4321 web2:4321';

function skipReason(): string | null {
  const pg = postgresSkipReason();
  if (pg) return pg;
  return spawnSync('caddy', ['version']).status === 0 ? null : '没有 caddy（Debian 软件包 caddy；.ci/run 会装）';
}

/** A port free right now on 127.0.0.1 (Caddy is told it in its site address). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Proxy {
  child: ChildProcess;
  url: string;
}

/** Starts Caddy on deploy/Caddyfile with the two servers as upstreams; resolves once it answers. */
async function startCaddy(dir: string, upstreams: string[]): Promise<Proxy> {
  const deployed = readFileSync(projectPath('deploy', 'Caddyfile'), 'utf8');
  // If the deployment's upstreams change, this test must be told how to map them.
  expect(deployed).toContain(UPSTREAMS);
  // No admin endpoint: two runs of this suite side by side must not fight over port 2019.
  const config = `{\n\tadmin off\n}\n\n${deployed.replace(UPSTREAMS, upstreams.join(' '))}`;
  const file = join(dir, 'Caddyfile');
  writeFileSync(file, config);
  let last = '';
  // The port is free when chosen but another process could take it before Caddy binds: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const url = `http://127.0.0.1:${await freePort()}`;
    const child = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', file], {
      env: { ...process.env, SITE_DOMAIN: url, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<null>((r) => child.once('exit', () => r(null)));
    for (;;) {
      const up = await Promise.race([
        exited,
        fetch(`${url}/`).then(
          (res) => res.status === 200,
          () => false,
        ),
      ]);
      if (up === null) break;
      if (up) return { child, url };
      await new Promise((r) => setTimeout(r, 200));
    }
    last = out;
  }
  throw new Error(`caddy 没有启动：\n${last}`);
}

const skip = skipReason();
describe.skipIf(skip)(`deploy/Caddyfile on a real Caddy before two web servers${skip ? ` — 跳过：${skip}` : ''}`, { timeout: 240_000 }, () => {
  let store: Store;
  let alertId: string;
  let a: Serve | undefined;
  let b: Serve | undefined;
  let proxy: Proxy | undefined;
  const dirs = ['web-a', 'web-b', 'caddy'].map((name) => mkdtempSync(join(tmpdir(), `minsheng-${name}-`)));

  beforeAll(async () => {
    const databaseUrl = await freshSchemaUrl();
    store = openStore('unused', { databaseUrl });
    ({ alertId } = await seedStore(store));
    // As in compose.yaml: the servers believe X-Forwarded-For only from the proxy's address.
    const env = { MINSHENG_TRUST_PROXY: '127.0.0.1' };
    [a, b] = await Promise.all([serve(dirs[0]!, databaseUrl, env), serve(dirs[1]!, databaseUrl, env)]);
    proxy = await startCaddy(
      dirs[2]!,
      [a, b].map((s) => s!.url.replace('http://', '')),
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(proxy), stop(a), stop(b)]);
    await store?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a client cannot dodge the login lock or the audit with its own X-Forwarded-For', async () => {
    await store.users.add({
      name: 'spoof',
      role: 'duty',
      passwordHash: (await store.users.byName('duty'))!.passwordHash,
      createdAt: new Date().toISOString(),
    });
    // Five wrong passwords, each claiming to come from a different address.
    for (let i = 0; i < 5; i++) {
      const res = await postLogin(proxy!.url, proxy!.url, 'spoof', `wrong-password-${i}`, { 'x-forwarded-for': `10.9.0.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const locked = await postLogin(proxy!.url, proxy!.url, 'spoof', PASSWORDS.duty, { 'x-forwarded-for': '10.9.0.99' });
    expect(locked.status).toBe(401);
    expect(await locked.text()).toContain('登录失败次数过多');
    const entries = (await store.audit.list({ limit: 100 })).filter((e) => e.target === 'spoof');
    expect(entries.length).toBeGreaterThanOrEqual(5);
    // The address recorded is the client's real one (Caddy's view of it), never the one it claimed.
    expect(new Set(entries.map((e) => e.ip))).toEqual(new Set(['127.0.0.1']));
  });

  it('through the one address: log in, act with the CSRF token, and keep working when one server stops', async () => {
    const res = await postLogin(proxy!.url, proxy!.url, 'duty', PASSWORDS.duty);
    expect(res.status).toBe(303);
    const cookie = cookiePair(res.headers.getSetCookie().find((c) => c.startsWith('ms_session='))!);
    // Round robin: these pages come from both servers; every one knows the session.
    let csrf = '';
    for (let i = 0; i < 4; i++) {
      const page = await fetch(`${proxy!.url}/console/`, { headers: { cookie }, redirect: 'manual' });
      expect(page.status).toBe(200);
      csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    }
    const act = await fetch(`${proxy!.url}/api/alerts/${alertId}/transition`, {
      method: 'POST',
      headers: { cookie, origin: proxy!.url, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(act.status).toBe(200);
    expect((await store.alerts.get(alertId))!.status).toBe('acknowledged');
    // A request whose Origin is not the site's is refused through the proxy too.
    const forged = await fetch(`${proxy!.url}/api/alerts/${alertId}/transition`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'close' }),
    });
    expect(forged.status).toBe(403);

    // One server goes away (an upgrade, a crash): Caddy sends everything to the other.
    await stop(a);
    for (let i = 0; i < 4; i++) {
      const page = await fetch(`${proxy!.url}/console/alerts/${alertId}`, { headers: { cookie }, redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('已确认');
    }
  });
});
