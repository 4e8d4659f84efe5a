// The project's own written 人社 posts, shared by the three trainers (sentiment, topic, crisis) and
// the evaluations: train/ is what the shipped weights are fitted on; test/ is written apart from it,
// never trained on, and read only by tests and benchmarks (never by the product at run time).
// real/ holds labels (ids only) for the research-only real messages. See README.md here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../config/paths.ts';

/** Labelled examples, one file per theme or register (core, wages-labor, liuyanban-long…). */
export const TRAIN_DIR = projectPath('analysis', 'corpus', 'train');
/** Held-out sets: what the README's figures are measured on. */
export const TEST_DIR = projectPath('analysis', 'corpus', 'test');

/** The .jsonl files of a folder in name order (training order must not depend on the file system). */
export function jsonlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Examples with a bureau's own on top: a text in both keeps the bureau's example (that is how a label
 * corrected during triage overrides the project's guess), and of one text labelled twice by the bureau the
 * last wins. Order is stable: the shipped examples first, then the bureau's. `overridden` counts the
 * shipped examples whose label the bureau changed (`differs`).
 */
export function overrideByText<T extends { text: string }>(
  shipped: T[],
  own: T[],
  differs: (mine: T, theirs: T) => boolean,
): { examples: T[]; overridden: number } {
  const ownByText = new Map(own.map((e) => [e.text.trim(), e]));
  let overridden = 0;
  const kept = shipped.filter((e) => {
    const mine = ownByText.get(e.text.trim());
    if (!mine) return true;
    if (differs(mine, e)) overridden += 1;
    return false;
  });
  const seen = new Set<string>();
  const ownUnique = [...own]
    .reverse()
    .filter((e) => !seen.has(e.text.trim()) && seen.add(e.text.trim()))
    .reverse();
  return { examples: [...kept, ...ownUnique], overridden };
}
