// analyzeStore over a real in-memory store: scores new posts, fills districts, raises alerts once,
// escalates when an incident grows, and notifies on raise/escalation only.
// Near-duplicate clustering belongs to analysis/dedupe (another module); here it is replaced by a
// small stand-in that puts posts naming the same site into one cluster through the real store.
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import type { Alert, PostInput } from '../../store/types.ts';
import { loadRegion } from '../../config/region.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { reasonText } from '../../analysis/reasons.ts';
import type { Notifier } from '../../analysis/notify/index.ts';

async function bySite(store: Store) {
  const posts = await store.posts.list({ limit: 10_000 });
  const members = posts.filter((p) => p.title.includes('城东安置房'));
  if (members.length) await store.clusters.assign(members.map((p) => ({ postId: p.id, clusterId: 'chengdong' })));
  return { postsAssigned: members.length, clusters: members.length ? 1 : 0 };
}

const NOW = new Date('2025-06-10T12:00:00+08:00');
const region = loadRegion();
let store: Store;
let seq = 0;

function input(title: string, body: string, author: string, source = 'board'): PostInput {
  seq += 1;
  return {
    source,
    url: `http://127.0.0.1/board/thread/${seq}`,
    canonicalUrl: `http://127.0.0.1/board/thread/${seq}`,
    contentHash: `hash-${seq}`,
    title,
    body,
    author,
    publishedAt: new Date(NOW.getTime() - (20 - seq) * 600_000).toISOString(),
    fetchedAt: NOW.toISOString(),
    district: null,
  };
}

function recorder() {
  const calls: { level: Alert['level']; change: string; title: string }[] = [];
  const notifier: Notifier = {
    async alert(alert, change) {
      calls.push({ level: alert.level, change, title: alert.title });
      return 'logged';
    },
    async digest() {
      return 'logged';
    },
  };
  return { calls, notifier };
}

const INCIDENT = [
  ['城东安置房工地拖欠工资', '渠县城东安置房工地拖欠我们农民工工资三个月，包工头跑路了，没人管'],
  ['城东安置房项目欠薪', '几十个工友今天聚集在项目部门口讨薪，项目部一直推诿'],
  ['城东安置房工地工资什么时候发', '我们在工地门口等了一天没人理，工资到底什么时候发'],
  ['城东安置房欠薪拉横幅', '工人们在工地门口拉横幅讨要血汗钱'],
  ['城东安置房工地欠薪四个月', '欠薪快四个月了，投诉无门，家里等着用钱'],
  ['城东安置房老板拖欠工资', '老板拖欠工资不给，工人聚集在门口'],
] as const;

beforeEach(async () => {
  store = openStore(':memory:');
  seq = 0;
  for (const [i, [title, body]] of INCIDENT.entries()) await store.posts.upsert(input(title, body, `工友${i}`));
  await store.posts.upsert(input('社保补缴咨询', '您好，请问灵活就业人员社保断缴了还能补缴吗？', '居民甲'));
  await store.posts.upsert(input('感谢监察大队', '感谢劳动监察大队帮我们讨回了工资，点赞', '居民乙'));
  await store.posts.upsert(input('养老金少算', '达川区的养老金少算问题多次反映，一直没人管', '居民丙'));
});

describe('analyzeStore', () => {
  it('scores every new post, fills districts from the text, and raises the incident as orange', async () => {
    const { calls, notifier } = recorder();
    const summary = await analyzeStore(store, { region, now: NOW, notify: notifier, cluster: bySite });
    expect(summary.scored).toBe(9);
    expect(summary.clusters).toBe(1);
    expect(await store.scores.count()).toBe(9);

    const posts = await store.posts.list({ limit: 100 });
    expect(posts.find((p) => p.title === '城东安置房工地拖欠工资')!.district).toBe('渠县');
    expect(posts.find((p) => p.title === '养老金少算')!.district).toBe('达川区');

    const alerts = await store.alerts.list();
    const incident = alerts.find((a) => a.ruleKey === 'cluster:chengdong')!;
    expect(incident.level).toBe('orange');
    expect(incident.postIds).toHaveLength(6);
    expect(incident.title).toBe('城东安置房工地拖欠工资 等 6 条');
    // 多次反映、一直没人管 = severity 2 (long unresolved), one person: blue, the daily digest.
    expect(alerts.find((a) => a.title === '养老金少算')?.level).toBe('blue');
    expect(alerts.some((a) => a.title.includes('社保补缴') || a.title.includes('感谢'))).toBe(false);
    expect(summary.alerts.raised).toBe(alerts.length);
    expect(calls).toContainEqual({ level: 'orange', change: 'raised', title: '城东安置房工地拖欠工资 等 6 条' });
  });

  it('raises nothing new and notifies nobody when run again', async () => {
    await analyzeStore(store, { region, now: NOW, notify: recorder().notifier, cluster: bySite });
    const before = await store.alerts.list();
    const { calls, notifier } = recorder();
    const again = await analyzeStore(store, { region, now: new Date(NOW.getTime() + 600_000), notify: notifier, cluster: bySite });
    expect(again).toMatchObject({ scored: 0, alerts: { raised: 0, escalated: 0, updated: 0 } });
    expect(await store.alerts.list()).toEqual(before);
    expect(calls).toEqual([]);
  });

  it('escalates the incident to red when it grows across sources with media attention', async () => {
    await analyzeStore(store, { region, now: NOW, notify: recorder().notifier, cluster: bySite });
    const incidentPostIds = (await store.alerts.list()).find((a) => a.ruleKey === 'cluster:chengdong')!.postIds;
    for (let i = 0; i < 5; i++) {
      await store.posts.upsert(input(`城东安置房讨薪上了新闻 ${i}`, '几十个农民工聚集堵路讨薪，记者已经到现场了', `网友${i}`, 'forum'));
    }
    const { calls, notifier } = recorder();
    const later = new Date(NOW.getTime() + 3600_000);
    const summary = await analyzeStore(store, { region, now: later, notify: notifier, cluster: bySite });
    expect(summary.scored).toBe(5);
    expect(summary.alerts.escalated).toBeGreaterThanOrEqual(1);
    // One incident = one alert: the later posts joined the open alert instead of opening another.
    const incidents = (await store.alerts.list()).filter((a) => a.postIds.some((id) => id === incidentPostIds[0]));
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident.ruleKey).toBe('cluster:chengdong');
    expect(incident.level).toBe('red');
    expect(incident.postIds).toHaveLength(11);
    expect(incident.sources).toEqual(['board', 'forum']);
    expect(calls).toContainEqual(expect.objectContaining({ level: 'red', change: 'escalated' }));
    const events = await store.alerts.events(incident.id);
    expect(events.map((e) => e.action)).toEqual(['raised', 'notified', 'escalated', 'notified']);
    expect(events.filter((e) => e.action === 'notified').map((e) => e.note)).toEqual(['orange logged', 'red logged']);
  });
});

describe('LLM review in the pipeline', () => {
  it('asks the second opinion only about uncertain or severe posts, records it, and keeps the default when it fails', async () => {
    const store = openStore(':memory:');
    const asked: string[] = [];
    let fail = false;
    const review = {
      name: 'test-llm',
      async judge(text: string) {
        asked.push(text);
        if (fail) throw new Error('连接被拒绝');
        return {
          sentiment: 'negative' as const,
          negative: 0.9,
          severity: 2,
          rationale: '多人受影响',
          quotes: ['三十多个工人'],
          inventedQuotes: 0,
          by: 'test-llm',
        };
      },
    };
    const severe = await store.posts.upsert(input('工地欠薪', '城东工地拖欠三十多个工人工资半年，多次反映没人管，准备去媒体曝光', '网友甲'));
    const thanks = await store.posts.upsert(input('感谢', '感谢窗口工作人员耐心帮我办好了社保卡，点赞！', '网友乙'));
    await analyzeStore(store, { region, now: NOW, cluster: bySite, review });
    expect(asked).toHaveLength(1);
    const reviewed = await store.scores.get(severe.id);
    expect(reviewed?.model).toMatch(/\+test-llm$/);
    expect(reasonText(reviewed!.reasons.at(-1)!)).toMatch(/^大模型复核（test-llm）/);
    expect((await store.scores.get(thanks.id))?.model).not.toContain('test-llm');

    fail = true;
    const later = await store.posts.upsert(input('又一个工地欠薪', '城西工地拖欠八十名工人工资，多次反映没人管，再不给钱就去县政府', '网友丙'));
    await analyzeStore(store, { region, now: NOW, cluster: bySite, review });
    const kept = await store.scores.get(later.id);
    expect(kept?.sentiment).toBe('negative');
    expect(reasonText(kept!.reasons.at(-1)!)).toMatch(/^大模型复核失败，沿用默认评分：连接被拒绝/);
    await store.close();
  });
});
