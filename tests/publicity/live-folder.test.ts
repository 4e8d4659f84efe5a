// The live folder is a link switched by one rename: a reader on another thread reading a page in a
// tight loop while the site is switched hundreds of times never finds it missing. (Removing the
// old link and then placing the new one — or the two directory renames used before — leaves a
// moment with no page, which this loop finds.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { adoptLiveFolder, builds, liveBuild, previousBuild, switchBack, switchTo } from '../../site/server/live-folder.ts';

let root: string;
let out: string;
beforeEach(() => {
  mkdirSync(projectPath('tmp'), { recursive: true });
  root = mkdtempSync(join(projectPath('tmp'), 'live-folder-'));
  out = join(root, 'dist');
  mkdirSync(join(out, 'client'), { recursive: true });
  writeFileSync(join(out, 'client', 'index.html'), 'first');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A build folder holding client/index.html with `text`. */
function build(text: string): string {
  const dir = mkdtempSync(join(root, 'build-'));
  mkdirSync(join(dir, 'client'));
  writeFileSync(join(dir, 'client', 'index.html'), text);
  return dir;
}

describe('live folder', () => {
  it('adopts the plain folder once, keeps two builds and switches back to the previous one', () => {
    adoptLiveFolder(out, new Date('2026-01-01T00:00:00Z'));
    adoptLiveFolder(out); // already a link: nothing happens
    expect(builds(out)).toHaveLength(1);
    const first = liveBuild(out)!;
    const second = switchTo(out, build('second'), new Date('2026-01-02T00:00:00Z'));
    const third = switchTo(out, build('third'), new Date('2026-01-03T00:00:00Z'));
    expect(builds(out)).toEqual([second, third]);
    expect(builds(out)).not.toContain(first);
    expect(previousBuild(out)).toBe(second);
    switchBack(out, second);
    expect(liveBuild(out)).toBe(second);
    expect(() => switchBack(out, first)).toThrow(/没有保留/);
  });

  it('never leaves a reader without the page while it is switched', async () => {
    adoptLiveFolder(out, new Date('2026-01-01T00:00:00Z'));
    const a = switchTo(out, build('A'), new Date('2026-01-02T00:00:00Z'));
    const b = switchTo(out, build('B'), new Date('2026-01-03T00:00:00Z'));
    const reader = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       let stop = false, reads = 0;
       const failures = {};
       parentPort.on('message', () => (stop = true));
       (function loop() {
         for (let i = 0; i < 200; i++) {
           try { readFileSync(workerData.page); reads++; }
           catch (e) { failures[e.code] = (failures[e.code] || 0) + 1; }
         }
         if (reads === 200) parentPort.postMessage('reading');
         if (stop) parentPort.postMessage({ reads, failures });
         else setImmediate(loop);
       })();`,
      { eval: true, workerData: { page: join(out, 'client', 'index.html') } },
    );
    const done = new Promise<{ reads: number; failures: Record<string, number> }>((resolve, reject) => {
      reader.on('message', (m) => m !== 'reading' && resolve(m as never));
      reader.on('error', reject);
    });
    await new Promise<void>((resolve) => reader.once('message', () => resolve()));
    for (let i = 0; i < 500; i++) switchBack(out, i % 2 ? b : a);
    reader.postMessage('stop');
    const seen = await done;
    await reader.terminate();
    expect(seen.failures).toEqual({});
    expect(seen.reads).toBeGreaterThan(200);
  });
});
