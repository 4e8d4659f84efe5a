// The monitoring side of “another city is configuration only”: with the made-up 青山市 region file
// the pipeline files posts under 青山’s districts (by name or alias) and under none of 达州’s.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { openStore } from '../../store/index.ts';
import type { PostInput } from '../../store/types.ts';

const region = loadRegion(join(import.meta.dirname, '..', 'fixtures', 'region-qingshan', 'region.yaml'));
const NOW = new Date('2025-06-10T12:00:00+08:00');

function post(n: number, title: string, body: string): PostInput {
  const url = `http://127.0.0.1/board/thread/${n}`;
  return {
    source: 'board',
    url,
    canonicalUrl: url,
    contentHash: `h${n}`,
    title,
    body,
    author: `居民${n}`,
    publishedAt: NOW.toISOString(),
    fetchedAt: NOW.toISOString(),
    district: null,
  };
}

describe('pipeline in another region', () => {
  it('fills districts from that region’s names and aliases only', async () => {
    const store = openStore(':memory:');
    await store.posts.upsert(post(1, '失业金咨询', '我在西岭一家厂里上班，厂子关了，失业金怎么领？'));
    await store.posts.upsert(post(2, '社保卡补办', '东湖区社保卡在哪里补办？'));
    await store.posts.upsert(post(3, '养老金咨询', '达川区的养老金什么时候调整？'));
    const summary = await analyzeStore(store, { region, now: NOW, cluster: async () => ({ postsAssigned: 0, clusters: 0 }) });
    expect(summary.scored).toBe(3);
    const district = Object.fromEntries((await store.posts.list({ limit: 10 })).map((p) => [p.title, p.district]));
    expect(district).toEqual({ 失业金咨询: '西岭县', 社保卡补办: '东湖区', 养老金咨询: null });
    await store.close();
  });
});
