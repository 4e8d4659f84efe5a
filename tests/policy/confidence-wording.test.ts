// Residents see one wording per confidence level. A second table of labels (as site/ once had, with
// different words) would let a page and a calculator describe the same figure differently, so no
// source file but policy/schema.ts may spell a label out as a string.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_LABELS, CONFIDENCE_LEVELS } from '../../policy/schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'generated' ? [] : sources(join(dir, e.name))) : /\.(ts|astro|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('confidence labels', () => {
  it('every level has its own label, and only official says it is the original', () => {
    expect(new Set(CONFIDENCE_LEVELS.map((c) => CONFIDENCE_LABELS[c])).size).toBe(CONFIDENCE_LEVELS.length);
    expect(CONFIDENCE_LABELS.unverified).toContain('未核实');
  });

  it('are written out as strings in policy/schema.ts only', () => {
    const quoted = Object.values(CONFIDENCE_LABELS).map((label) => new RegExp(`['"\`]${label.replace(/[()（）]/g, '\\$&')}['"\`]`));
    const offenders = ['policy', 'site', 'cli', 'analysis', 'config']
      .flatMap(sources)
      .filter((file) => relative('policy', file) !== 'schema.ts')
      .filter((file) => quoted.some((re) => re.test(readFileSync(join(ROOT, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });
});
