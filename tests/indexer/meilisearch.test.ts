// The Meilisearch backend's pure parts, without a server: the filter expressions it sends, the
// index settings, and turning Meilisearch's highlighted text into safe HTML. (The contract suite
// runs the backend against a real server when MEILI_URL is set.)
import { describe, expect, it } from 'vitest';
import { indexSettings, markedHtml, meiliFilters, meilisearchConfig, searchOnlyKey, toMeiliPost } from '../../indexer/meilisearch.ts';
import { parseEnv } from '../../config/env.ts';

const meilisearchConfigFromEnv = (vars: Record<string, string>) => meilisearchConfig(parseEnv(vars).meili);
import { loadSynonyms } from '../../indexer/synonyms.ts';
import type { Post } from '../../store/types.ts';

describe('filters', () => {
  it('quotes values so a crafted source name stays one value', () => {
    const [f] = meiliFilters({ q: '', source: ['a" OR source = "b'] });
    expect(f).toBe('source IN ["a\\" OR source = \\"b"]');
  });

  it('turns Beijing dates into millisecond bounds, until inclusive of its day', () => {
    const filters = meiliFilters({ q: '', since: '2025-06-01', until: '2025-06-01', severityAtLeast: 2 });
    expect(filters).toEqual(['severity >= 2', `publishedTs >= ${Date.parse('2025-05-31T16:00:00Z')}`, `publishedTs < ${Date.parse('2025-06-01T16:00:00Z')}`]);
  });
});

describe('index settings', () => {
  const settings = indexSettings(loadSynonyms());
  it('turns typo tolerance off and sends every synonym both ways', () => {
    expect(settings.typoTolerance).toEqual({ enabled: false });
    expect(settings.synonyms['欠薪']).toEqual(expect.arrayContaining(['拖欠工资', '讨薪']));
    expect(settings.synonyms['讨薪']).toContain('欠薪');
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['source', 'district', 'topic', 'sentiment', 'severity', 'publishedTs']));
  });
});

describe('highlighted text', () => {
  it('escapes everything a post contains and adds only <mark>', () => {
    const post = {
      id: 'p',
      title: '<script>alert(1)</script>\uE000社保\uE001',
      body: 'a & b',
      source: 's',
      url: 'u',
      publishedAt: null,
      fetchedAt: '2025-06-01T00:00:00Z',
      district: null,
      clusterId: null,
    } as unknown as Post;
    // A post's own private-use characters are stripped before indexing, so they cannot fake marks.
    const doc = toMeiliPost({ post, score: null, clusterSize: 1 });
    expect(doc.title).toBe('<script>alert(1)</script>社保');
    // What Meilisearch returns with our highlight tags around a match:
    expect(markedHtml('<script>alert(1)</script>\uE000社保\uE001')).toBe('&#60;script&#62;alert(1)&#60;/script&#62;<mark>社保</mark>');
  });
});

describe('configuration', () => {
  it('uses Meilisearch only when MEILI_URL is set, with the master key before an API key', async () => {
    expect(meilisearchConfigFromEnv({})).toBeNull();
    expect(await searchOnlyKey(undefined)).toBeNull();
    const c = meilisearchConfigFromEnv({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'm', MEILI_API_KEY: 'a' });
    expect(c).toMatchObject({ host: 'http://127.0.0.1:7700', apiKey: 'm', index: 'posts' });
  });
});
