#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx minsheng` works straight after `npm ci`
// with no separate compile step to forget.
import { register } from 'tsx/esm/api';

register();
// `minsheng score < posts.jsonl | head`: the reader has gone, so stop quietly instead of a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
