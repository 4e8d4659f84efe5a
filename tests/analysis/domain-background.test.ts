// The committed IDF background (analysis/dedupe/domain-background.json) is what its sources give
// today: a changed example file or project dictionary without a rebuild fails here, instead of the
// clustering silently weighing words by an old or missing background (issue 17 item 8).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDomainBackground, DOMAIN_BACKGROUND_FILE } from '../../analysis/dedupe/features.ts';

describe('the domain background', () => {
  it('is fresh: rebuilding it from its sources gives the committed file', () => {
    const committed = JSON.parse(readFileSync(DOMAIN_BACKGROUND_FILE, 'utf8'));
    const built = buildDomainBackground();
    expect(committed.sources).toEqual(built.sources);
    expect(committed.documents).toBe(built.documents);
    expect(committed.df).toEqual(built.df);
  });

  it('covers every written example and counts common 人社 words as common', () => {
    const { documents, df } = buildDomainBackground();
    expect(documents).toBeGreaterThan(1000);
    expect(df['工资']! / documents).toBeGreaterThan(0.05);
  });
});
