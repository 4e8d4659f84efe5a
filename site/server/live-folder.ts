// The folder the server serves public pages from (<outDir>/client) is a symbolic link to one
// build under <outDir>/builds/<name>/client. A publication switches it by renaming a new link over
// the old one — rename(2) replaces it in one step, so every request finds either the old pages or
// the new ones, never no pages (two directory renames leave a moment with none). The previous
// build is kept for an instant rollback; older ones are removed.
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const BUILDS = 'builds';
const LIVE = 'client';
/** Builds kept: the live one and the one before it. */
export const KEEP_BUILDS = 2;

const buildsDir = (outDir: string) => join(outDir, BUILDS);

/** A new build's name: sorts by time, unique per process. */
export const newBuildName = (now = new Date()) => `${now.toISOString().replace(/[-:.]/g, '')}-${process.pid}`;

/** The build the live link points at, or null when the live folder is still a plain folder (or missing). */
export function liveBuild(outDir: string): string | null {
  const link = join(outDir, LIVE);
  if (!existsSync(link) || !lstatSync(link).isSymbolicLink()) return null;
  // builds/<name>/client
  return basename(dirname(readlinkSync(link)));
}

/** Build names, oldest first. */
export function builds(outDir: string): string[] {
  const dir = buildsDir(outDir);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => existsSync(join(dir, n, LIVE)))
        .sort()
    : [];
}

/**
 * Turns a plain client folder (as astro build leaves it) into a link to builds/<name>/client.
 * Not atomic: call it before the server takes requests (startServer does).
 */
export function adoptLiveFolder(outDir: string, now = new Date()): void {
  const live = join(outDir, LIVE);
  if (!existsSync(live) || lstatSync(live).isSymbolicLink()) return;
  const name = newBuildName(now);
  mkdirSync(join(buildsDir(outDir), name), { recursive: true });
  try {
    renameSync(live, join(buildsDir(outDir), name, LIVE));
  } catch (err) {
    // Another server process on the same build adopted it first.
    rmSync(join(buildsDir(outDir), name), { recursive: true, force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  pointAt(outDir, name);
}

/** Points the live link at builds/<name>/client in one rename. */
function pointAt(outDir: string, name: string): void {
  const tmp = join(outDir, `.${LIVE}-link-${process.pid}-${Date.now()}`);
  rmSync(tmp, { force: true });
  // Relative, so the whole output folder can be moved or copied.
  symlinkSync(join(BUILDS, name, LIVE), tmp, 'dir');
  renameSync(tmp, join(outDir, LIVE));
}

/**
 * Moves a finished build folder (holding client/ and anything kept with it) in as builds/<name>
 * and makes it live. Returns the name.
 */
export function switchTo(outDir: string, buildFolder: string, now = new Date()): string {
  adoptLiveFolder(outDir, now);
  const name = newBuildName(now);
  mkdirSync(buildsDir(outDir), { recursive: true });
  renameSync(buildFolder, join(buildsDir(outDir), name));
  pointAt(outDir, name);
  prune(outDir);
  return name;
}

/** Removes builds other than the live one and the newest before it. */
export function prune(outDir: string): void {
  const live = liveBuild(outDir);
  const others = builds(outDir).filter((n) => n !== live);
  for (const n of others.slice(0, Math.max(0, others.length - (KEEP_BUILDS - 1)))) rmSync(join(buildsDir(outDir), n), { recursive: true, force: true });
}

/** The kept build that is not live (what a rollback goes back to), or null. */
export function previousBuild(outDir: string): string | null {
  const live = liveBuild(outDir);
  return (
    builds(outDir)
      .filter((n) => n !== live)
      .at(-1) ?? null
  );
}

/** Makes a kept build live again, in one rename. */
export function switchBack(outDir: string, name: string): void {
  if (!builds(outDir).includes(name)) throw new Error(`没有保留这次构建：${name}`);
  pointAt(outDir, name);
}

export const buildFolder = (outDir: string, name: string) => resolve(buildsDir(outDir), name);
