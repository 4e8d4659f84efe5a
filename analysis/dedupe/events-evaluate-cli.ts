// Prints event grouping's pairwise and B-cubed figures on the labelled incident sets (the table in
// analysis/dedupe/README.md): `node bin/run-ts.mjs analysis/dedupe/events-evaluate-cli.ts [--real FILE]`.
// Grouping runs as in the pipeline: near-duplicate clusters first, events over them.
// The real board messages (research-only licence) are read only to measure; only their ids and the
// incident labels are in the repository (real-incidents.jsonl). The hand-written feeds live with the
// tests that run them (tests/analysis/fixtures/incident-feeds.ts).
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { clusterDocuments, DEFAULT_DEDUPE_CONFIG } from './cluster.ts';
import { DEFAULT_EVENT_CONFIG, groupEvents, type EventConfig, type EventDocument } from './events.ts';
import { groupingMetrics, type GroupingMetrics } from './events-evaluate.ts';
import { LABELLED_POSTS } from './labelled.ts';
import { loadRegion } from '../../config/region.ts';
import { projectPath } from '../../config/paths.ts';
import { poolTime } from '../corpus/real/pool-time.ts';
import { INCIDENT_FEEDS, feedPosts } from '../../tests/analysis/fixtures/incident-feeds.ts';

const { values } = parseArgs({ options: { real: { type: 'string', default: '/work/shared/data/real_messages_pool.jsonl' } } });
const region = loadRegion();

function grouped(docs: EventDocument[], config: EventConfig = DEFAULT_EVENT_CONFIG, withClusters = true): Map<string, string> {
  const clusters = withClusters ? clusterDocuments(docs, DEFAULT_DEDUPE_CONFIG) : new Map<string, string>();
  return groupEvents(
    docs.map((d) => ({ ...d, clusterId: clusters.get(d.id) ?? null })),
    region,
    config,
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function row(name: string, m: GroupingMetrics): string {
  return `| ${name} | ${m.posts} | ${m.groups} | ${pct(m.pairPrecision)} | ${pct(m.pairRecall)} | ${pct(m.bcubedPrecision)} | ${pct(m.bcubedRecall)} | ${pct(m.bcubedF1)} | ${m.truePairs}/${m.falsePairs}/${m.missedPairs} |`;
}

console.log('| 集合 | 帖子 | 组 | 成对 P | 成对 R | B³ P | B³ R | B³ F1 | 对：对/错并/漏 |');
console.log('|---|---|---|---|---|---|---|---|---|');
{
  const docs = LABELLED_POSTS.map((p, i) => ({ id: `l${i}`, title: p.title, body: p.body, at: i * 3_600_000, clusterId: null }));
  const truth = new Map(LABELLED_POSTS.map((p, i) => [`l${i}`, p.group]));
  console.log(row('相似帖标注集（labelled.ts），只用相似帖聚类', groupingMetrics(truth, clusterDocuments(docs))));
  console.log(row('相似帖标注集（labelled.ts），事件', groupingMetrics(truth, grouped(docs))));
}
for (const feed of INCIDENT_FEEDS) {
  const posts = feedPosts(feed);
  const docs = posts.map((p, i) => ({ id: `f${i}`, title: p.post.t, body: p.post.b, at: -p.post.h * 3_600_000, clusterId: null }));
  const truth = new Map(posts.map((p, i) => [`f${i}`, p.label]));
  console.log(row(`手写 RSS「${feed.name}」，只用相似帖聚类`, groupingMetrics(truth, clusterDocuments(docs))));
  console.log(row(`手写 RSS「${feed.name}」，事件`, groupingMetrics(truth, grouped(docs))));
  if (feed.background.length > 100) {
    // The generated background (questions, one-person complaints) scored apart: how incidents fare
    // against their hard negatives, severe posts and each other, grouped among all the posts.
    // A repost is its incident's post; a post about two incidents belongs to neither alone (left out).
    const incidentSide = new Map(
      [...truth]
        .filter(([, label]) => !label.startsWith('background') && !label.startsWith('mixed'))
        .map(([id, label]) => [id, label.replace(/^repost-/, '')] as const),
    );
    console.log(row(`手写 RSS「${feed.name}」，事件，只计事件帖（含转发）、难负例和危机帖`, groupingMetrics(incidentSide, grouped(docs))));
  }
}
if (values.real && existsSync(values.real)) {
  // The pool's times are the board's wall clock (Excel day numbers or 2019/7/18 … strings), read in the region's time zone.
  const time = (t: unknown) => poolTime(String(t), region.timeZone)?.getTime() ?? 0;
  const rows = readFileSync(values.real, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; title?: string; text: string; time: unknown });
  const docs = rows.map((r) => ({ id: r.id, title: r.title ?? '', body: r.text.slice((r.title ?? '').length), at: time(r.time), clusterId: null }));
  const truth = new Map(
    readFileSync(projectPath('analysis', 'dedupe', 'real-incidents.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const r = JSON.parse(l) as { id: string; group: string };
        return [r.id, r.group] as const;
      }),
  );
  const clusters = clusterDocuments(docs);
  console.log(row(`真实留言（${rows.length} 条中标注的），只用相似帖聚类`, groupingMetrics(truth, clusters)));
  const withClusters = docs.map((d) => ({ ...d, clusterId: clusters.get(d.id) ?? null }));
  console.log(row(`真实留言（${rows.length} 条中标注的），事件`, groupingMetrics(truth, groupEvents(withClusters, region))));
  for (const windowDays of [7, 30]) {
    console.log(
      row(`真实留言，事件，窗口 ${windowDays} 天`, groupingMetrics(truth, groupEvents(withClusters, region, { ...DEFAULT_EVENT_CONFIG, windowDays }))),
    );
  }
} else {
  console.log(`（未找到真实留言文件 ${values.real}，跳过）`);
}
