// Building and starting the Astro app outside the Astro CLI: `minsheng serve` and `minsheng demo`
// call these. The build runs Astro's JS API in a child process (so Vite stays out of the caller's
// process and memory); the server imports the standalone entry with autostart disabled and
// mounts its handler on our own http server, so we choose host and port and can close it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, projectPath } from '../../config/paths.ts';
import { storeRegistry } from './store.ts';
import { BASE_SECURITY_HEADERS, STRICT_CSP } from './security.ts';
import { clientIp, trustedProxiesFrom } from './client-ip.ts';
import { serverEnv, useServerEnv } from './env.ts';
import type { Env } from '../../config/env.ts';
import { bodyLimitFor, isStaffPath } from './limits.ts';
import { PUBLIC_CSP_FILE, publicPolicyFor } from './public-csp.ts';
import { adoptLiveFolder } from './live-folder.ts';

/** Sources the built site depends on: pages and their server code, content, and configuration. */
const SOURCE_PATHS = ['site', 'accounts', 'publicity', 'policy', 'config', 'content', 'store', 'indexer', 'analysis', 'shared', 'astro.config.mjs'];
const BUILD_STAMP = '.minsheng-build';

/** Where the build goes: MINSHENG_SITE_DIST if set (e.g. a writable folder when the install is read-only), else ./dist. */
export const defaultOutDir = (env: Env = serverEnv()) => resolve(env.siteDist ?? projectPath('dist'));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** True when there is no complete build in outDir or a source file changed after it. */
export function buildIsStale(outDir = defaultOutDir()): boolean {
  const stamp = join(outDir, BUILD_STAMP);
  if (!existsSync(stamp) || !existsSync(join(outDir, 'server', 'entry.mjs'))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCE_PATHS.some((p) => newestMtime(projectPath(p)) > built);
}

export async function ensureSiteBuilt(
  options: { force?: boolean; log?: (line: string) => void; outDir?: string; env?: Record<string, string> } = {},
): Promise<void> {
  const outDir = resolve(options.outDir ?? defaultOutDir());
  const log = options.log ?? (() => {});
  if (!options.force && !buildIsStale(outDir)) return;
  log('正在构建网站和工作台（astro build），首次约需半分钟…');
  const started = Date.now();
  // The stamp records when the sources were read, so edits made during the build trigger another.
  const buildStartedAt = new Date();
  const script = `import { build } from 'astro';
await build({ root: ${JSON.stringify(PROJECT_ROOT)}, outDir: ${JSON.stringify(outDir)}, logLevel: 'warn' });`;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...options.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 400) output.shift();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', resolveExit);
  });
  if (code !== 0) {
    // Vite lists every module after the error; the cause is the [ERROR] line and what follows it.
    const text = output.join('');
    const at = text.indexOf('[ERROR]');
    const excerpt = at >= 0 ? text.slice(at, at + 2000) : text.slice(-2000);
    throw new Error(`网站构建失败（astro build 退出码 ${code}）：\n${excerpt}`);
  }
  // The public pages become a build behind a symbolic link, switched atomically on publication.
  adoptLiveFolder(outDir);
  const stamp = join(outDir, BUILD_STAMP);
  writeFileSync(stamp, buildStartedAt.toISOString() + '\n');
  utimesSync(stamp, buildStartedAt, buildStartedAt);
  log(`构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host);

/** `env`: the caller's parsed environment (the CLI's); the server's pages read it through site/server/env.ts. */
export async function startServer(options: { dataDir: string; port: number; host: string; outDir?: string; env?: Env }): Promise<RunningServer> {
  useServerEnv(options.env, {});
  const env = serverEnv();
  const outDir = resolve(options.outDir ?? defaultOutDir(env));
  const entry = join(outDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`没有找到构建结果 ${entry}，请先构建网站（ensureSiteBuilt）`);
  const dataDir = resolve(options.dataDir);
  // The SSR code opens the store in this data directory (site/server/store.ts), and publishing a
  // 明白纸 rebuilds the public pages and swaps them into this folder (publish-site.ts).
  useServerEnv(options.env, { dataDir, siteLiveDir: outDir });
  // @astrojs/node's own switch: we mount its handler instead of letting it listen.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // Publishing swaps builds by switching a symbolic link (a build from before that was not made one yet becomes one now).
  adoptLiveFolder(outDir);
  const mod = (await import(pathToFileURL(entry).href)) as { handler?: NodeHandler };
  if (typeof mod.handler !== 'function') throw new Error(`${entry} 没有导出 handler（需要 @astrojs/node standalone 模式）`);
  const handler = mod.handler;

  const cspFile = join(outDir, PUBLIC_CSP_FILE);
  const proxies = trustedProxiesFrom(env.trustProxy);
  // Re-read when a publication swapped in new pages (and their policies) while we run.
  let cspStamp = -1;
  let publicCsp: Record<string, string> = {};
  const currentCsp = () => {
    const stamp = existsSync(cspFile) ? statSync(cspFile).mtimeMs : 0;
    if (stamp !== cspStamp) {
      cspStamp = stamp;
      publicCsp = stamp ? (JSON.parse(readFileSync(cspFile, 'utf8')) as Record<string, string>) : {};
    }
    return publicCsp;
  };
  const server = createServer((req, res) => {
    // The client address is settled here, where the socket is known: Astro would otherwise take
    // X-Forwarded-For from anyone. The header Astro reads is replaced by the checked address, and
    // the other forwarded headers (which Astro uses for the URL's protocol and host) are dropped
    // unless a configured proxy sent them.
    const peer = req.socket.remoteAddress ?? null;
    const ip = clientIp(peer, req.headers['x-forwarded-for']?.toString(), proxies);
    const fromProxy = Boolean(proxies && peer && proxies.has(peer.replace(/^::ffff:/, '')));
    if (ip) req.headers['x-forwarded-for'] = ip;
    else delete req.headers['x-forwarded-for'];
    if (!fromProxy) for (const h of ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port']) delete req.headers[h];

    // Every response carries the base security headers. Public pages get the policy worked out
    // at build time; the console and API get a strict default here (404s, errors, refusals) that
    // the middleware replaces with the page's own on the pages it renders.
    for (const [k, v] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(k, v);
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (!isStaffPath(pathname)) {
      res.setHeader('Content-Security-Policy', publicPolicyFor(currentCsp(), pathname));
      return handler(req, res);
    }
    res.setHeader('Content-Security-Policy', STRICT_CSP);
    res.setHeader('Cache-Control', 'no-store');
    // Bodies are capped before anything reads them (and before login or CSRF checks), so an
    // unauthenticated 150 MB POST costs nothing. Browsers always send Content-Length.
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      const refuse = (status: number, message: string) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify({ error: message }));
      };
      const declared = req.headers['content-length'];
      const limit = bodyLimitFor(req.headers['content-type']);
      if (declared === undefined) return req.headers['transfer-encoding'] ? refuse(411, '请求须带 Content-Length') : handler(req, res);
      const length = Number(declared);
      if (!Number.isSafeInteger(length) || length < 0) return refuse(400, 'Content-Length 无效');
      if (length > limit) return refuse(413, `请求体过大（上限 ${Math.round(limit / 1024)} KB）`);
    }
    handler(req, res);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Scheduled 明白纸 go out while the server runs (imported lazily: explainers.ts builds via this module).
  const { startScheduler } = await import('./explainers.ts');
  const { getStore } = await import('./store.ts');
  const stopScheduler = startScheduler(getStore);
  const url = `http://${hostForUrl(options.host)}:${port}`;
  let closed = false;
  return {
    url,
    async close() {
      if (closed) return;
      closed = true;
      stopScheduler();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      const key = serverEnv().databaseUrl ?? dataDir;
      const store = storeRegistry().get(key);
      storeRegistry().delete(key);
      await store?.close();
    },
  };
}
