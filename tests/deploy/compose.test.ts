// deploy/compose.yaml, read the way docker compose reads it (YAML merge keys, ${VAR} from the env
// file), checked against the code it starts: no Docker here, but a renamed command, option or
// environment variable, a proxy address that no longer matches, or a build folder the publish
// step cannot swap into makes this fail before a deployment does.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectPath } from '../../config/paths.ts';
import { envSchema, parseEnv } from '../../config/env.ts';
import { main } from '../../cli/main.ts';
import type { Command } from '../../cli/command.ts';
import { trustedProxiesFrom } from '../../site/server/client-ip.ts';

const DEPLOY = projectPath('deploy');
const read = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');

/** KEY=value lines of an env file (comments and blanks skipped). */
function envFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
function interpolate(text: string, vars: Map<string, string>, missing: string[] = []): string {
  return text.replace(/\$\{([A-Z][A-Z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_, name: string, colon: string, op: string, arg: string) => {
    const value = vars.get(name);
    const unset = value === undefined || (colon === ':' && value === '');
    if (!unset) return value;
    if (op === '?') missing.push(name);
    return op === '-' ? arg : '';
  });
}

const EXAMPLE = envFile(read('.env.example'));
const RAW = read('compose.yaml');

interface Service {
  image?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
  networks?: Record<string, { ipv4_address?: string }> | string[];
  deploy?: { replicas?: number | string };
  ports?: string[];
}
// As compose does: parse the YAML (merge keys resolved), then interpolate the string values.
const interpolateAll = (value: unknown): unknown =>
  typeof value === 'string'
    ? interpolate(value, EXAMPLE)
    : Array.isArray(value)
      ? value.map(interpolateAll)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v)]))
        : value;
const compose = interpolateAll(parse(RAW, { merge: true })) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
/** Services that run the minsheng image. */
const appServices = Object.entries(services).filter(([, s]) => s.image?.startsWith('minsheng:'));
const webServices = appServices.filter(([, s]) => s.command?.[0] === 'serve');

/** `minsheng <name> args…` must parse exactly as the CLI would parse it. */
async function checkInvocation(name: string, args: string[]) {
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } } as unknown as Parameters<typeof main>[1];
  expect(await main([name, '--help'], io), `minsheng ${name} 不是现有的子命令：${out.join('')}`).toBe(0);
  const { command } = (await import(`../../cli/commands/${name}.ts`)) as { command: Command };
  const parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  const allowed = command.positionals ?? { min: 0, max: 0 };
  expect(parsed.positionals.length).toBeGreaterThanOrEqual(allowed.min);
  expect(parsed.positionals.length).toBeLessThanOrEqual(allowed.max);
}

// Variables the code reads outside config/env.ts (site/server, notify, the crawler's Chromium):
// found by their name in an env access in the source, so a rename there shows here.
const CODE_DIRS = ['accounts', 'analysis', 'cli', 'config', 'crawler', 'indexer', 'publicity', 'shared', 'site', 'store'];
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' ? [] : sourceFiles(join(dir, e.name))) : /\.(ts|mjs|astro)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}
const SOURCE = CODE_DIRS.flatMap((d) => sourceFiles(projectPath(d)))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const readByCode = (name: string) => new RegExp(`env\\.${name}\\b|env\\[['"]${name}['"]\\]`).test(SOURCE);
const known = (name: string) => name in envSchema.shape || readByCode(name);

describe('deploy/compose.yaml', () => {
  it('has every service the issue asks for: PostgreSQL, Meilisearch, Ollama, two web servers, N workers, a proxy', () => {
    expect(services.postgres?.image).toMatch(/^postgres:/);
    expect(services.meilisearch?.image).toMatch(/^getmeili\/meilisearch:v1\.(1[89]|[2-9]\d)/);
    expect(services.ollama?.image).toMatch(/^ollama\/ollama/);
    expect(webServices.map(([n]) => n).sort()).toEqual(['web1', 'web2']);
    expect(services.worker?.command?.[0]).toBe('worker');
    expect(Number(services.worker?.deploy?.replicas)).toBe(Number(EXAMPLE.get('MINSHENG_WORKERS')));
    // No separate scheduler: the workers take turns at the cluster tick (one per tick, in the database).
    expect(services.scheduler).toBeUndefined();
    expect(services.worker?.command).toEqual(expect.arrayContaining(['--tick', '--digest-at']));
    // The tick pushes alerts and asks the LLM: the workers get those channels.
    expect(Object.keys(services.worker?.environment ?? {})).toEqual(
      expect.arrayContaining(['MINSHENG_WEBHOOK_URL', 'OLLAMA_HOST', 'MINSHENG_ADMIN_WEBHOOK_URL']),
    );
    expect(services.proxy?.image).toMatch(/^caddy:/);
  });

  it('runs only real minsheng subcommands with options they accept', async () => {
    const calls: string[][] = appServices.filter(([, s]) => !s.entrypoint).map(([, s]) => s.command!);
    expect(calls.map((c) => c[0])).toEqual(expect.arrayContaining(['serve', 'worker']));
    for (const [name, ...args] of calls) await checkInvocation(name!, args);
  });

  it('sets only environment variables the code reads, with values config/env.ts accepts', () => {
    for (const [name, service] of appServices) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(known(variable), `${name}: 环境变量 ${variable} 没有任何代码读取`).toBe(true);
      }
      expect(() => parseEnv(service.environment ?? {}), name).not.toThrow();
    }
    for (const line of read('Dockerfile').matchAll(/^\s*(?:ENV\s+)?([A-Z][A-Z0-9_]+)=\S+/gm)) expect(known(line[1]!), line[1]).toBe(true);
  });

  it('makes the web servers trust X-Forwarded-For from the proxy and nobody else, and serve HTTPS', () => {
    const networks = services.proxy!.networks as Record<string, { ipv4_address?: string }>;
    const proxyAddress = networks.minsheng!.ipv4_address!;
    for (const [name, s] of webServices) {
      const trusted = trustedProxiesFrom(s.environment!.MINSHENG_TRUST_PROXY);
      expect(trusted?.has(proxyAddress), name).toBe(true);
      expect(trusted?.has('172.30.0.11'), `${name}: 另一个容器（或客户端）不能冒充代理`).toBe(false);
      expect(s.environment!.MINSHENG_HTTPS).toBe('1');
      // Listening on all interfaces of the container, but published only through the proxy.
      expect(s.command).toEqual(expect.arrayContaining(['--host', '0.0.0.0']));
      expect(s.ports).toBeUndefined();
    }
    expect(services.proxy!.ports).toEqual(expect.arrayContaining(['443:443']));
  });

  it('lets both web servers see one site build that publishing can swap in place, and one folder of 明白纸', () => {
    const mounts = (s: Service) => new Map((s.volumes ?? []).map((v) => v.split(':')).map(([src, dst]) => [dst!, src!]));
    const [first, second] = webServices.map(([, s]) => s);
    expect(mounts(first!)).toEqual(mounts(second!));
    const dist = first!.environment!.MINSHENG_SITE_DIST!;
    // publish-site.ts stages a new build in dirname(dist) and renames it in: that folder must be a
    // volume (shared), dist must sit inside it (same file system), and under /app (node_modules).
    const volume = mounts(first!).get(posix.dirname(dist));
    expect(volume, `${posix.dirname(dist)} 应是共享卷`).toBeDefined();
    expect(compose.volumes).toHaveProperty(volume!);
    expect(dist.startsWith('/app/')).toBe(true);
    expect(mounts(first!).get('/app/site/content/explainers'), '明白纸文件夹应是共享卷').toBeDefined();
    // web2 waits until web1 has built, so they never build into the same folder at once.
    expect(Object.keys(second!.depends_on as Record<string, unknown>)).toContain('web1');
  });

  it('sends the proxy to the web servers on the port they listen on', () => {
    const caddy = read('Caddyfile');
    for (const [name, s] of webServices) {
      const port = s.command![s.command!.indexOf('--port') + 1];
      expect(caddy).toContain(`${name}:${port}`);
    }
    expect(caddy).toMatch(/\{\$SITE_DOMAIN\}/);
  });

  it('takes secrets from the env file, which holds only placeholders and is not committed', () => {
    const required: string[] = [];
    interpolate(RAW, new Map(), required);
    expect([...new Set(required)].sort()).toEqual(['MEILI_MASTER_KEY', 'MINSHENG_SITE_URL', 'POSTGRES_PASSWORD', 'SITE_DOMAIN']);
    for (const name of required) expect(EXAMPLE.has(name), `.env.example 缺 ${name}`).toBe(true);
    for (const name of ['POSTGRES_PASSWORD', 'MEILI_MASTER_KEY']) expect(EXAMPLE.get(name)).toMatch(/^change-me/);
    for (const [name, value] of EXAMPLE) {
      if (/WEBHOOK|SECRET/.test(name)) expect(value, `${name} 在范本里应留空`).toBe('');
      if (/^https?:/.test(value)) expect(new URL(value).hostname, name).toMatch(/(^|\.)example\.(gov\.cn|com|org)$/);
    }
    // No literal password anywhere in the compose file: only ${…} references.
    expect(RAW).not.toMatch(/^\s*\w*(PASSWORD|KEY|SECRET):\s*(?!['"]?\$\{)\S/m);
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  it('builds the image from Node 20 on Debian with npm ci and the site build', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:20-bookworm/m);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build:site/);
    const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['build:site']).toBeDefined();
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/minsheng\.mjs"\]/);
    expect(existsSync(join(dirname(join(DEPLOY, 'Dockerfile')), 'Dockerfile.dockerignore'))).toBe(true);
  });
});
