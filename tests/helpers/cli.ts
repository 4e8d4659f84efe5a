// The `minsheng` command line run in this process through main(argv, io): the same parsing,
// dispatch and exit codes as bin/minsheng.mjs, without paying for a Node start and tsx per call.
// (tests/cli/bin.slow.test.ts checks that the real binary is wired to main.)
import { Readable, Writable } from 'node:stream';
import { main } from '../../cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** What the command reads on stdin (empty by default). */
  stdin?: string;
  /** Environment variables set for this call only; undefined removes one. */
  env?: Record<string, string | undefined>;
}

/** Keeps every write as it happens, so nothing is still in flight when main() returns. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runCli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  const out = collector();
  const err = collector();
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(options.env ?? {})) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await main(argv, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([Buffer.from(options.stdin ?? '')]) });
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
