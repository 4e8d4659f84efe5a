// A weights file is replaced whole: the old content or the new, no leftover temporary file, and a failed
// write leaves the old file as it was.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../shared/write-atomic.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'minsheng-atomic-'));
  dirs.push(d);
  return d;
};

describe('writeFileAtomic', () => {
  it('replaces the content and leaves nothing else beside it', () => {
    const dir = tmp();
    const file = join(dir, 'w.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['w.json']);
  });

  it('leaves the old file and no temporary one when the write cannot be finished', () => {
    const dir = tmp();
    // a directory where the file should go: the rename fails
    const file = join(dir, 'w.json');
    mkdirSync(file);
    writeFileSync(join(file, 'inside'), 'kept');
    expect(() => writeFileAtomic(file, 'new')).toThrow();
    expect(readFileSync(join(file, 'inside'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['w.json']);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });
});
