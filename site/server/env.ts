// The site's edge for configuration: the server started by `minsheng serve` / `demo` hands over the
// CLI's parsed environment (startServer → useServerEnv); under `astro build` / `astro dev`, where no
// such start runs, the environment is parsed here. Everything else in site/ asks serverEnv().
import { parseEnv, type Env } from '../../config/env.ts';

// On globalThis: the server bundle has its own copy of this module, and the process that started
// the server must reach it.
const KEY = Symbol.for('minsheng.serverEnv');
interface Slot {
  env?: Env;
  overrides: Partial<Env>;
}
const slot = (): Slot => ((globalThis as unknown as Record<symbol, Slot | undefined>)[KEY] ??= { overrides: {} });

/**
 * Called by startServer before the server bundle is loaded: the caller's parsed environment (the
 * CLI's), if it has one, and what the server decides itself (its data directory, its pages' folder).
 */
export function useServerEnv(env: Env | undefined, overrides: Partial<Env>): void {
  const s = slot();
  s.env = env;
  s.overrides = overrides;
}

/**
 * The parsed environment. Without one handed over it is parsed on each call: builds and tests set
 * variables (MINSHENG_EXPLAINERS_DIR, MINSHENG_HTTPS) for the process while it runs.
 */
export function serverEnv(): Env {
  const s = slot();
  return { ...(s.env ?? parseEnv(process.env)), ...s.overrides };
}
