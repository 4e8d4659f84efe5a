// Runs the analysis stage (scoring, clustering, events, alert rules) once over one of the written
// incident feeds, stored directly (no crawl), and prints its alerts with the labels of their posts
// and the figures: `node bin/run-ts.mjs analysis/dedupe/feed-pipeline-cli.ts [feed-index]`.
// A quick check while changing the grouping rules; the end-to-end test (tests/e2e/incident-feeds.slow.test.ts)
// runs `minsheng run` over RSS and is what the README reports.
// --url-base (default http://x) changes the posts' URLs and so their ids and the order the store lists
// them in — the same posts, another arrival: the alerts must not change (issue 13, determinism).
import { parseArgs } from 'node:util';
import { openStore } from '../../store/index.ts';
import { analyzeStore } from '../pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { INCIDENT_FEEDS, feedPosts } from '../../tests/analysis/fixtures/incident-feeds.ts';

const { values, positionals } = parseArgs({ options: { 'url-base': { type: 'string' } }, allowPositionals: true });
const feed = INCIDENT_FEEDS[Number(positionals[0] ?? INCIDENT_FEEDS.length - 1)]!;
const now = Date.parse('2026-12-01T12:00:00Z');
const store = openStore(':memory:');
const label = new Map<string, string>();
const base = values['url-base'] ?? 'http://x';
for (const [n, { post, label: l }] of feedPosts(feed).entries()) {
  const at = new Date(now - post.h * 3_600_000).toISOString();
  const { id } = await store.posts.upsert({
    source: n % 2 ? 'forum' : 'board',
    url: `${base}/post/${n}`,
    canonicalUrl: `${base}/post/${n}`,
    contentHash: String(n),
    title: post.t,
    body: post.b,
    author: post.a,
    publishedAt: at,
    fetchedAt: at,
    district: null,
  });
  label.set(id, l);
}
await analyzeStore(store, { region: loadRegion(), now: new Date(now) });
const alerts = await store.alerts.list({ limit: 10_000 });
const labelsOf = (postIds: string[]) => postIds.map((id) => label.get(id)!);
const isIncident = (l: string) => /^(mixed|repost-)/.test(l) || feed.incidents.some((i) => i.id === l);
const useful = (ids: string[]) => labelsOf(ids).some((l) => l.startsWith('severe') || isIncident(l));
const listed = alerts.filter((a) => a.level !== 'blue');
for (const a of listed) console.log(useful(a.postIds) ? ' ' : '✗', a.level, a.title.slice(0, 40), `[${labelsOf(a.postIds).sort().join(',')}]`);
const alerted = new Set(listed.flatMap((a) => labelsOf(a.postIds)));
const severe = feed.severe.map((_, k) => `severe-${k}`);
console.log(
  `${feed.name}: alerts ${alerts.length} (listed ${listed.length}); precision ${listed.filter((a) => useful(a.postIds)).length}/${listed.length}; ` +
    `severe ${severe.filter((s) => alerted.has(s)).length}/${severe.length}; incidents ` +
    feed.incidents
      .map(
        (i) =>
          `${i.id} ${alerts
            .filter((a) => labelsOf(a.postIds).includes(i.id))
            .map((a) => labelsOf(a.postIds).filter((l) => l === i.id).length)
            .join('+')}/10`,
      )
      .join(', '),
);
await store.close();
