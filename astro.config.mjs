// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { publicSite } from './site/integrations/public-site.ts';

// Public pages (explainers, calculators) are prerendered so they load fast on weak phones;
// the console and the JSON API opt out with `export const prerender = false`.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [publicSite()],
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // Astro's own origin check compares with the URL the Node adapter rebuilds, which is
  // http://localhost unless security.allowedDomains lists the deployment's host, so it refused
  // every real form POST. site/middleware.ts checks Origin (and the CSRF token) on all
  // state-changing /console and /api requests instead; public pages are static and take no POSTs.
  security: { checkOrigin: false },
  vite: {
    ssr: { external: ['better-sqlite3', '@node-rs/jieba'] },
  },
});
