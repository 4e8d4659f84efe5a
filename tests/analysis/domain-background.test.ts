// The committed IDF background (analysis/dedupe/domain-background.json) is what its sources give
// today: a changed example file or project dictionary without a rebuild fails here, instead of the
// clustering silently weighing words by an old or missing background.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDomainBackground, DOMAIN_BACKGROUND_FILE } from '../../analysis/dedupe/features.ts';

describe('the domain background', () => {
  it('is fresh: rebuilding it from its sources gives the committed file', () => {
    const committed = readFileSync(DOMAIN_BACKGROUND_FILE, 'utf8');
    const built = buildDomainBackground();
    // Sources first: a clearer failure when an example file changed than a diff of the whole file.
    expect(JSON.parse(committed).sources).toEqual(built.sources);
    // Byte for byte what the build script writes.
    expect(committed).toBe(JSON.stringify(built) + '\n');
  });

  it('covers every written example and counts common 人社 words as common', () => {
    const { documents, df } = buildDomainBackground();
    expect(documents).toBeGreaterThan(1000);
    expect(df['工资']! / documents).toBeGreaterThan(0.05);
  });
});
