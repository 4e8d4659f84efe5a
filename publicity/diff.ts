// A readable difference between two versions of a 明白纸: whole lines added and removed, with
// unchanged stretches kept short, so a reviewer sees what changed without reading everything.
import { diffLines } from 'diff';

export type DiffLine =
  { kind: 'same' | 'added' | 'removed'; text: string; oldLine: number | null; newLine: number | null } | { kind: 'skipped'; count: number };

/** Line diff of `before` → `after`; runs of unchanged lines longer than 2×context are folded. */
export function versionDiff(before: string, after: string, context = 2): DiffLine[] {
  const rows: Exclude<DiffLine, { kind: 'skipped' }>[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) {
      if (part.added) rows.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
      else if (part.removed) rows.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
      else rows.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  const out: DiffLine[] = [];
  const changed = rows.map((r) => r.kind !== 'same');
  const near = (i: number) => changed.slice(Math.max(0, i - context), i + context + 1).some(Boolean);
  let skipped = 0;
  rows.forEach((row, i) => {
    if (row.kind === 'same' && !near(i)) {
      skipped++;
      return;
    }
    if (skipped) out.push({ kind: 'skipped', count: skipped });
    skipped = 0;
    out.push(row);
  });
  if (skipped) out.push({ kind: 'skipped', count: skipped });
  return out;
}

/** “改了 3 行，加了 2 行，删了 1 行” counts for a version list. */
export function diffSummary(lines: DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === 'added').length,
    removed: lines.filter((l) => l.kind === 'removed').length,
  };
}
