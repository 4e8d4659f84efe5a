// Near-duplicate clustering: the thresholds' measured quality on the labelled posts, the demo
// board's wage-arrears incident as one cluster, and the store-backed incremental run.
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import type { PostInput } from '../../store/types.ts';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { clusterDocuments, DEFAULT_DEDUPE_CONFIG } from '../../analysis/dedupe/cluster.ts';
import { evaluateThresholds } from '../../analysis/dedupe/evaluate.ts';
import { normaliseText } from '../../analysis/dedupe/features.ts';
import { updateClusters } from '../../analysis/dedupe/index.ts';

describe('thresholds measured on the labelled posts', () => {
  it('keeps every different incident apart and joins most reworded reports (README numbers)', () => {
    const e = evaluateThresholds(DEFAULT_DEDUPE_CONFIG);
    expect(e.pairs.precision).toBe(1);
    expect(e.pairs.hardFalsePositives).toBe(0);
    expect(e.pairs.recall).toBeCloseTo(23 / 28, 5);
    expect(e.clusters.precision).toBe(1);
    expect(e.clusters.recall).toBeCloseTo(23 / 28, 5);
  });

  it('surface similarity alone misses reworded reports (why key terms are needed)', () => {
    const e = evaluateThresholds({ nearThreshold: 0.5, sharedWeightThreshold: Infinity, keyTermThreshold: Infinity });
    expect(e.pairs.rewordedRecall).toBe(0);
    expect(e.pairs.recall).toBeGreaterThan(0);
  });
});

describe('short posts of different people', () => {
  const at = Date.UTC(2026, 10, 20);
  const doc = (id: string, title: string, body: string) => ({ id, title, body, at, clusterId: null });

  it('are not joined by a stock clause and service words they share, only by a name they share', () => {
    // Three different matters (a hotel's contract, a hotline that never called back, a queue at the
    // hall) told with the same opening and closing clause: three people, three clusters.
    const stock = [
      doc('a', '松岭酒店不签合同', '说个事，手里有考勤记录，松岭酒店说试用期不用签合同。之前问过村干部，也说不清楚。'),
      doc('b', '热线反映没人回', '说个事，手里有考勤记录，打了热线说三天回复，等了半个月没人联系。之前问过村干部，也说不清楚。'),
      doc('c', '大厅排队太久', '说个事，手里有考勤记录，上午去大厅取号，排到下午才轮到。之前问过村干部，也说不清楚。'),
    ];
    const apart = clusterDocuments(stock);
    expect(new Set(stock.map((d) => apart.get(d.id))).size).toBe(3);
    // Two people telling one township quarry's injury in their own words share its name: one cluster.
    const quarry = [
      doc('q1', '青杠镇采石场工伤没人管', '我表哥在青杠镇采石场开碎石机，手指被轧断两根，老板赔了三千就不管了，工伤保险也没买。'),
      doc('q2', '采石场老板不认工伤', '青杠镇采石场有工人被碎石机轧伤了手，老板给了几千块想了事，工伤认定也不配合。'),
    ];
    const joined = clusterDocuments(quarry);
    expect(joined.get('q1')).toBe(joined.get('q2'));
  });
});

describe('the demo board', () => {
  const docs = BOARD_POSTS.map((p) => ({
    id: String(p.id),
    title: p.title,
    body: p.body.join('\n'),
    at: Date.UTC(2025, 5, 20) - p.daysAgo * 86_400_000,
    clusterId: null,
  }));
  const clusters = clusterDocuments(docs);
  const incident = BOARD_POSTS.filter((p) => p.kind === 'incident');

  it('puts the whole 宣汉 wage-arrears incident, reposts included, into one cluster', () => {
    expect(incident.length).toBeGreaterThanOrEqual(7);
    const ids = new Set(incident.map((p) => clusters.get(String(p.id))));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBe(String(Math.min(...incident.map((p) => p.id))));
  });

  it('keeps other wage complaints and every other post out of it', () => {
    const incidentCluster = clusters.get(String(incident[0]!.id));
    const others = BOARD_POSTS.filter((p) => p.kind !== 'incident');
    for (const p of others) expect(clusters.get(String(p.id)), p.title).not.toBe(incidentCluster);
    const wageComplaints = others.filter((p) => /工资|欠薪/.test(p.title));
    expect(wageComplaints.length).toBeGreaterThanOrEqual(2);
    expect(new Set(wageComplaints.map((p) => clusters.get(String(p.id)))).size).toBe(wageComplaints.length);
  });
});

describe('normalisation', () => {
  it('ignores repost prefixes, punctuation, width and case', () => {
    expect(normaliseText('转发：社保卡，ＡＢＣ 补办！')).toBe(normaliseText('社保卡ABC补办'));
  });
});

describe('updateClusters over the store', () => {
  let store: Store;
  let seq = 0;
  const at = (hours: number) => new Date(Date.UTC(2025, 4, 1) + hours * 3_600_000).toISOString();
  const add = async (title: string, body: string, hours: number) => {
    seq += 1;
    const input: PostInput = {
      source: 'board',
      url: `http://127.0.0.1/t/${seq}`,
      canonicalUrl: `http://127.0.0.1/t/${seq}`,
      contentHash: `h${seq}`,
      title,
      body,
      author: `网友${seq}`,
      publishedAt: at(hours),
      fetchedAt: at(hours + 1),
      district: null,
    };
    return (await store.posts.upsert(input)).id;
  };

  beforeEach(() => {
    store = openStore(':memory:');
  });

  it('clusters near-duplicates, gives singletons their own id, and is stable on rerun', async () => {
    const a = await add('金桥物流仓库欠搬运工三个月工资', '我们在开江县金桥物流仓库当搬运工，老板三个月没发工资，十几个人都在等。', 0);
    const b = await add('转：金桥物流仓库欠搬运工三个月工资', '我们在开江县金桥物流仓库当搬运工，老板已经三个月没发工资了，十几个人都在等！', 5);
    const c = await add('社保卡丢了去哪补办', '请问社保卡丢了，在通川区哪里可以补办，要带什么？', 6);
    const first = await updateClusters(store);
    expect(first.postsAssigned).toBe(3);
    expect(first.clusters).toBe(1);
    const [pa, pb, pc] = await store.posts.getMany([a, b, c]).then((ps) => [a, b, c].map((id) => ps.find((p) => p.id === id)!));
    expect(pa!.clusterId).toBe(a);
    expect(pb!.clusterId).toBe(a);
    expect(pc!.clusterId).toBe(c);
    expect((await store.clusters.get(a))!.size).toBe(2);

    const again = await updateClusters(store);
    expect(again.postsAssigned).toBe(0);
  });

  it('lets a later reworded report join the existing cluster without renaming it', async () => {
    const a = await add('金桥物流仓库欠搬运工三个月工资', '我们在开江县金桥物流仓库当搬运工，老板三个月没发工资，十几个人都在等。', 0);
    await updateClusters(store);
    const later = await add('开江物流仓库搬运工的工钱什么时候给', '开江县金桥物流仓库的老板欠我们搬运工三个月工资，说仓库生意不好，让我们再等等。', 30);
    const far = await add('金桥物流仓库欠搬运工三个月工资', '我们在开江县金桥物流仓库当搬运工，老板三个月没发工资，十几个人都在等。又一次', 24 * 60);
    const run = await updateClusters(store);
    expect(run.postsAssigned).toBe(2);
    const posts = await store.posts.getMany([a, later, far]);
    expect(posts.find((p) => p.id === later)!.clusterId).toBe(a);
    // Two months later is outside the window: a new incident, even with the same words.
    expect(posts.find((p) => p.id === far)!.clusterId).toBe(far);
  });
});
