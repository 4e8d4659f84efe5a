// What every subcommand looks like: a name, a one-line summary, a usage text for --help, the
// options it accepts (node:util parseArgs), and run(). Errors thrown as UsageError exit with 2,
// other errors with 1; run() returns the exit code otherwise.
import type { ParseArgsConfig } from 'node:util';
import type { Env } from '../config/env.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text: usage line, options, an example. */
  usage: string;
  options: Options;
  /** Positional arguments allowed (default 0). */
  positionals?: { min: number; max: number };
  /** `env`: the environment, parsed once by main (config/env.ts); optional so a test may call
   *  run() directly. */
  run(args: ParsedArgs, io: CommandIO, env?: Env): Promise<number>;
}

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** Bad invocation: wrong flag, missing argument, invalid value. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The --data option every command shares. */
export const DATA_OPTION: Options = {
  data: { type: 'string', short: 'd' },
};

export const DATA_HELP = '  --data DIR        数据目录（默认取环境变量 MINSHENG_DATA，否则 ./data）';

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredOption(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (!v) throw new UsageError(`缺少参数 --${name}`);
  return v;
}

export function intOption(args: ParsedArgs, name: string, fallback: number, range: [number, number] = [0, 65535]): number {
  const v = stringOption(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
    throw new UsageError(`--${name} 应为 ${range[0]}–${range[1]} 之间的整数，收到 “${v}”`);
  }
  return n;
}

/** Reads all of stdin as text (for passwords and JSON lines). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
