// `minsheng serve` as a real process on the browser tier's one site build, and the console's login
// form as a browser would post it: shared by the tests that put several web servers behind one
// address (tests/store/two-servers.browser.test.ts, tests/deploy/caddy.browser.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { siteOutDir } from './browser-site.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Serve {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `minsheng serve` on a free port and waits until it prints its address. */
export function serve(dataDir: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Serve> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/minsheng.mjs', 'serve', '--port', '0', '--data', dataDir], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, MINSHENG_SITE_DIST: siteOutDir(), MINSHENG_DATA: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const collect = (d: Buffer) => {
      out += d.toString();
      const m = /网站（居民）：\s*(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`minsheng serve 退出（${code}）：\n${out}`)));
  });
}

export async function stop(s: { child: ChildProcess } | undefined) {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

export const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

export async function loginForm(base: string) {
  const res = await fetch(`${base}/console/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { token, cookie: cookiePair(res.headers.getSetCookie().find((c) => c.startsWith('ms_login_csrf='))!) };
}

/** Gets the login form from one server and posts it to another (a proxy may do exactly that). */
export async function postLogin(formFrom: string, postTo: string, name: string, password: string, headers: Record<string, string> = {}) {
  const form = await loginForm(formFrom);
  return fetch(`${postTo}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    // One site behind one address: the browser's Origin is the proxy's, here the server posted to.
    headers: { origin: postTo, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ _csrf: form.token, username: name, password }),
  });
}
