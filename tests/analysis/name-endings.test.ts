// Pins what the name endings of analysis/dedupe/events.ts read out of a text (the names, their kinds,
// in order) and how the written feeds group, so a change to how the endings and their kinds are
// tabled shows here when it changes behaviour. The snapshot was taken before that table was rewritten.
import { describe, expect, it } from 'vitest';
import { clusterDocuments } from '../../analysis/dedupe/cluster.ts';
import { groupEvents, namedIn, type EventDocument } from '../../analysis/dedupe/events.ts';
import { LABELLED_POSTS } from '../../analysis/dedupe/labelled.ts';
import { loadRegion } from '../../config/region.ts';
import { ALL_FEEDS, feedPosts } from './fixtures/incident-feeds.ts';
import { LARGE_FEED } from './fixtures/incident-feed-large.ts';

const region = loadRegion();

/** Made-up texts in which an ending sits inside, or right after, another. */
const OVERLAPS = [
  '鑫源有限责任公司和鑫源有限公司、鑫源股份公司、鑫源分公司都欠钱',
  '华达电子厂、恒丰服装厂、佳美制衣厂、丽步鞋厂、金岭工厂、红星砖厂',
  '柏树湾安置房工地、城南二期安置小区、丽发新城小区、东林大桥工程项目部',
  '永杉酒店隔壁的永杉饭店和永杉餐厅，还有永杉店',
  '嘉利花园物业公司、嘉利纺织厂、嘉利纺织、佳美鞋业、金岭汽修厂',
  '青石卫生院、青石医院、青石小学、青石中学、青石大学、青石学院、青石幼儿园',
  '滨河物流园、滨河产业园、滨河工业园、滨河公园、石梯镇、伊景园滨河院',
  '社保APP、社保App、社保app、社保小程序、社保公众号、社保系统、社保平台',
  '黄河煤矿和黄河矿，凤凰国际城广场，凤凰大厦公寓，凤凰苑，凤凰搅拌站',
];

function partition(groups: Map<string, string>): string[] {
  const members = new Map<string, string[]>();
  for (const [id, group] of groups) members.set(group, [...(members.get(group) ?? []), id]);
  return [...members.values()]
    .filter((m) => m.length > 1)
    .map((m) => m.sort().join(','))
    .sort();
}

function grouped(docs: EventDocument[]) {
  const clusters = clusterDocuments(docs);
  return groupEvents(
    docs.map((d) => ({ ...d, clusterId: clusters.get(d.id) ?? null })),
    region,
  );
}

describe('name endings', () => {
  it('read the same names and kinds from endings that overlap', () => {
    expect(OVERLAPS.map((t) => namedIn(t).map((n) => `${n.name}@${n.kind}`))).toMatchSnapshot();
  });

  it('read the same names and kinds from every written post', () => {
    const texts = [...LABELLED_POSTS.map((p) => `${p.title}\n${p.body}`), ...[ALL_FEEDS, LARGE_FEED].flatMap(feedPosts).map((p) => `${p.post.t}\n${p.post.b}`)];
    const read = texts.map((t) => namedIn(t).map((n) => `${n.name}@${n.kind}`));
    expect(read.filter((r) => r.length > 0).length).toBeGreaterThan(300);
    expect(read).toMatchSnapshot();
  });

  it('group the written feeds into the same events', () => {
    const all = [ALL_FEEDS, LARGE_FEED].flatMap(feedPosts);
    const docs = all.map((p, i) => ({ id: `f${String(i).padStart(4, '0')}`, title: p.post.t, body: p.post.b, at: -p.post.h * 3_600_000, clusterId: null }));
    expect(partition(grouped(docs))).toMatchSnapshot();
  }, 120_000);
});
