// A throwaway PostgreSQL for the tiers that test the PostgreSQL store: initdb in a temporary
// directory, a free port on 127.0.0.1, fsync off (the cluster is deleted afterwards, durability
// is not what is tested), stopped and removed at the end. Handed to the test files as
// `inject('postgres')`: the server's address, or why there is none (the files then skip their
// PostgreSQL cases, naming the reason).
//
// initdb and postgres refuse to run as root. CI and this machine run as root, so then the
// cluster runs as the `postgres` system user that Debian's package creates (or `nobody`): the
// temporary directory is handed to that user, and the server only listens on 127.0.0.1 with
// trust authentication for the local test user.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { skip: string };
  }
}

/** The directory holding initdb, pg_ctl and postgres: PATH first, then Debian's versioned folders. */
function postgresBin(): string | null {
  const candidates = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, v, 'bin'));
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)))) ?? null;
}

/** uid/gid to run the cluster as: ourselves, or an unprivileged system user when we are root. */
function clusterUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('以 root 运行测试，但找不到可用来运行 PostgreSQL 的非特权用户（postgres 或 nobody）');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], as: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(as ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} 退出码 ${code}：\n${output.slice(-2000)}`))));
  });
}

export default async function setup(project: TestProject) {
  const bin = postgresBin();
  if (!bin) {
    project.provide('postgres', { skip: '本机没有 PostgreSQL（找不到 initdb/pg_ctl/postgres；Debian: apt-get install postgresql，.ci/run 会自动安装）' });
    return;
  }
  const as = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-pg-'));
  if (as) chownSync(dir, as.uid, as.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'minsheng', '-A', 'trust', '--locale=C', '-E', 'UTF8', '--no-sync', '--no-instructions'], as);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    // -k: the Unix socket goes into our directory, not /var/run/postgresql (not ours to use).
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      await run(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', options, '-w', '-t', '120', 'start'], as);
      break;
    } catch (err) {
      // Someone took the port between our check and the server's bind: try another one.
      if (attempt >= 3) throw new Error(`${(err as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : ''}`, { cause: err });
    }
  }
  project.provide('postgres', { url: `postgres://minsheng@127.0.0.1:${port}/postgres` });
  return async () => {
    await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], as).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}
