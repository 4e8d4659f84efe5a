// Runs the analysis stage (scoring, clustering, events, alert rules) once over a window of the real
// board messages, as if they had been crawled, and prints the alerts with the labelled incident of
// their posts: `node bin/run-ts.mjs analysis/dedupe/real-pipeline-cli.ts 2019-08-18T00:00:00+08:00 2019-09-01T00:00:00+08:00`.
// The messages (research-only licence) are only read to measure; nothing of them is written anywhere.
import { readFileSync } from 'node:fs';
import { openStore } from '../../store/index.ts';
import { analyzeStore } from '../pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { poolTime } from '../corpus/real/pool-time.ts';
const [from, to] = [Date.parse(process.argv[2]!), Date.parse(process.argv[3]!)];
if (!(from < to)) {
  console.error('用法：real-pipeline-cli.ts 起始时间 结束时间（ISO 8601，如 2019-08-18T00:00:00+08:00 2019-09-01T00:00:00+08:00；起始早于结束）');
  process.exit(2);
}
interface PoolRow {
  id: string;
  text: string;
  title?: string;
  time: string | number;
}
const rows = readFileSync(process.env.REAL_MESSAGES ?? '/work/shared/data/real_messages_pool.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as PoolRow);
const truth = new Map(
  readFileSync('analysis/dedupe/real-incidents.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = JSON.parse(l) as { id: string; group: string };
      return [r.id, r.group] as const;
    }),
);
const region = loadRegion();
const store = openStore(':memory:');
const idOf = new Map<string, string>();
for (const r of rows) {
  // The board's clock is the region's (config/region.yaml timeZone).
  const at = poolTime(r.time, region.timeZone)?.getTime() ?? NaN;
  if (!(at >= from && at < to)) continue;
  const { id } = await store.posts.upsert({
    source: 'board',
    url: `http://x/${r.id}`,
    canonicalUrl: `http://x/${r.id}`,
    contentHash: r.id,
    title: r.title ?? '',
    body: r.text.slice((r.title ?? '').length),
    author: `u${r.id}`,
    publishedAt: new Date(at).toISOString(),
    fetchedAt: new Date(at).toISOString(),
    district: null,
  });
  idOf.set(id, r.id);
}
const t0 = Date.now();
const s = await analyzeStore(store, { region, now: new Date(to) });
const alerts = await store.alerts.list({ limit: 10000 });
console.log('posts', idOf.size, 'ms', Date.now() - t0, JSON.stringify(s));
const levels: Record<string, number> = {};
for (const a of alerts) levels[a.level] = (levels[a.level] ?? 0) + 1;
console.log('alerts', alerts.length, JSON.stringify(levels));
for (const a of alerts) {
  const g = a.postIds.map((p) => truth.get(idOf.get(p)!) ?? '-');
  const counts = [...new Set(g)].map((l) => `${l}×${g.filter((x) => x === l).length}`);
  console.log(a.level, a.ruleKey.split(':')[0], a.postIds.length, counts.join(','), a.title.slice(0, 30));
}
