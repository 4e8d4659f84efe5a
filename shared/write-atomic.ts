// Writes a file so that a reader sees the old content or the new, never half of it: a running `minsheng watch`
// may read a weights file while `minsheng train` is writing it (analysis/weights.ts).
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, content: string): void {
  // Beside the file, so the rename stays within one file system (and is atomic there).
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
