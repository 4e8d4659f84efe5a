// Security headers for the prerendered public pages. They are static files, so the policy is
// worked out at build time — the hashes of each page's own inline scripts and styles — and the
// server sends it with the file. No page allows inline code it did not ship with.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { contentSecurityPolicy } from './security.ts';

export const PUBLIC_CSP_FILE = 'public-csp.json';

/** URL path of a built HTML file: explainers/x/index.html → /explainers/x/. */
function urlPathOf(clientDir: string, file: string): string {
  const rel = relative(clientDir, file).split(sep).join('/');
  return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(full);
    return e.name.endsWith('.html') ? [full] : [];
  });
}

/** Writes { "/path/": "policy" } for every built page, beside (not inside) the public folder. */
export function writePublicCspManifest(clientDir: string, outDir: string): number {
  const manifest: Record<string, string> = {};
  for (const file of htmlFiles(clientDir)) manifest[urlPathOf(clientDir, file)] = contentSecurityPolicy(readFileSync(file, 'utf8'), { wasm: true });
  writeFileSync(join(outDir, PUBLIC_CSP_FILE), JSON.stringify(manifest));
  return Object.keys(manifest).length;
}

/** The policy for a request path: the page's own, or a strict one for anything else. */
export function publicPolicyFor(manifest: Record<string, string>, pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // keep it as sent
  }
  return (
    manifest[path] ??
    manifest[path.endsWith('/') ? path : path + '/'] ??
    manifest[path.replace(/\/$/, '') + '.html'] ??
    contentSecurityPolicy(null, { wasm: true })
  );
}
