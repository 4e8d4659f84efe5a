// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Public pages (explainers, calculators) are prerendered so they load fast on weak phones;
// the console and the JSON API opt out with `export const prerender = false`.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  security: { checkOrigin: true },
  vite: {
    ssr: { external: ['better-sqlite3', '@node-rs/jieba'] },
  },
});
