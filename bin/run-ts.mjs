#!/usr/bin/env node
// Runs one TypeScript script (benchmarks, tools) through tsx: `node bin/run-ts.mjs FILE [args]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('用法: node bin/run-ts.mjs FILE.ts [参数…]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...rest];
await import(pathToFileURL(resolve(file)).href);
