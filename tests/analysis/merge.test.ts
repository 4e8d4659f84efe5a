// The merge rule (analysis/alerts/merge.ts) and a duty officer's grouping corrections
// (analysis/alerts/overrides.ts) as pure functions; then the same corrections through the store and
// analyzeStore: a merge or a move made in the console sticks on later runs.
import { beforeEach, describe, expect, it } from 'vitest';
import { mergeAlert, matchAlert } from '../../analysis/alerts/merge.ts';
import { applyCorrections, corrections } from '../../analysis/alerts/overrides.ts';
import type { AnalyzedPost } from '../../analysis/alerts/rules.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { openStore, type Store } from '../../store/index.ts';
import type { Alert, AlertInput, PostInput } from '../../store/types.ts';

const AT = '2026-12-01T08:00:00.000Z';
const LATER = '2026-12-01T09:00:00.000Z';

function input(extra: Partial<AlertInput> = {}): AlertInput {
  return {
    ruleKey: 'event:p1',
    level: 'yellow',
    title: '柏树湾工地欠薪 等 3 条',
    reasons: [{ kind: 'level', level: 'yellow', why: { kind: 'crowd', people: 3 } }],
    postIds: ['p1', 'p2', 'p3'],
    sources: ['board'],
    firstSeen: '2026-11-30T01:00:00Z',
    lastSeen: '2026-11-30T05:00:00Z',
    ...extra,
  };
}

function stored(extra: Partial<Alert> = {}): Alert {
  return { ...input(), id: 'a1', status: 'acknowledged', assignee: 'zhang', createdAt: AT, updatedAt: AT, ...extra };
}

describe('the merge rule', () => {
  it('raises a new alert with one raised event', () => {
    const d = mergeAlert(null, input(), AT);
    expect(d.change).toBe('raised');
    expect(d.next.status).toBe('new');
    expect(d.events.map((e) => e.action)).toEqual(['raised']);
  });

  it('changes nothing and records nothing when the incident brings no new post and no higher level', () => {
    const d = mergeAlert(stored(), input({ postIds: ['p2', 'p1'] }), LATER);
    expect(d).toMatchObject({ change: 'unchanged', events: [] });
  });

  it('adds new posts and keeps posts it no longer sees; the level never falls', () => {
    const d = mergeAlert(stored({ level: 'orange' }), input({ level: 'blue', postIds: ['p3', 'p4'], sources: ['forum'] }), LATER);
    expect(d.change).toBe('updated');
    expect(d.next.level).toBe('orange');
    expect(d.next.postIds.sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(d.next.sources).toEqual(['board', 'forum']);
    expect(d.next.status).toBe('acknowledged');
    expect(d.events).toEqual([{ action: 'updated', note: '帖子 3 → 4' }]);
  });

  it('escalates once per rise, saying from which level to which', () => {
    const d = mergeAlert(stored(), input({ level: 'orange', reasons: [{ kind: 'level', level: 'orange', why: { kind: 'crisisPost', severity: 3 } }] }), LATER);
    expect(d.change).toBe('escalated');
    // The history note is for people: the reasons in words, as the console showed them then.
    expect(d.events[0]!.note).toBe('yellow → orange；定级橙色（重大）：出现严重度 3 的帖子（危机）');
  });

  it('keeps a closed alert closed (with its closing reasons) when more of the same arrives', () => {
    const closedOn = [{ kind: 'text' as const, text: '定级黄色（较大）：3 人反映同一事件' }];
    const d = mergeAlert(stored({ status: 'closed', reasons: closedOn }), input({ postIds: ['p1', 'p9'] }), LATER);
    expect(d.next.status).toBe('closed');
    expect(d.next.reasons).toEqual(closedOn);
    expect(d.events.map((e) => e.action)).toEqual(['updated']);
  });

  it('reopens a closed or false-positive alert when its incident rises above the level it was closed at', () => {
    for (const status of ['closed', 'false_positive'] as const) {
      const d = mergeAlert(stored({ status }), input({ level: 'red' }), LATER);
      expect(d.next.status).toBe('new');
      expect(d.events.map((e) => e.action)).toEqual(['reopened', 'escalated']);
    }
  });
});

describe('which alert an incident continues', () => {
  const alerts = [
    { id: 'old', ruleKey: 'cluster:c1', postIds: ['p1', 'p2'], createdAt: '2026-11-01' },
    { id: 'newer', ruleKey: 'post:p3', postIds: ['p3'], createdAt: '2026-11-02' },
    { id: 'burst', ruleKey: 'burst:wages:2026-11-30', postIds: ['p1', 'p2', 'p3', 'p4'], createdAt: '2026-11-03' },
  ];
  it('prefers the rule key, else the incident alert sharing most posts, never a burst', () => {
    expect(matchAlert(input({ ruleKey: 'post:p3', postIds: ['p1', 'p2', 'p3'] }), alerts)).toBe('newer');
    expect(matchAlert(input({ ruleKey: 'event:p0', postIds: ['p0', 'p1', 'p2', 'p3'] }), alerts)).toBe('old');
    expect(matchAlert(input({ ruleKey: 'event:p4', postIds: ['p4'] }), alerts)).toBeNull();
  });
  it('follows an alert merged by hand to the one it was merged into', () => {
    expect(matchAlert(input({ ruleKey: 'post:p3', postIds: ['p3'] }), alerts, new Map([['newer', 'old']]))).toBe('old');
  });
});

function analyzed(id: string, eventId: string | null, clusterId: string | null = null): AnalyzedPost {
  return {
    id,
    source: 'board',
    author: id,
    title: id,
    at: AT,
    clusterId,
    eventId,
    signals: [],
    score: { sentiment: 'negative', negative: 0.9, severity: 1, topic: 'wages', reasons: [] },
  };
}

describe('grouping corrections', () => {
  it('glues every event holding a post of a merge target into one, later posts of those events included', () => {
    const posts = [analyzed('p1', 'e1'), analyzed('p2', 'e1'), analyzed('p5', 'e2'), analyzed('p6', 'e2'), analyzed('p9', 'e3')];
    const fixes = corrections([{ id: 1, kind: 'merge', alertId: 'b', targetAlertId: 'a', actor: 'zhang', at: AT }]);
    const out = applyCorrections(
      posts,
      [
        { id: 'a', postIds: ['p1', 'p5'] },
        { id: 'b', postIds: [] },
      ],
      fixes,
    );
    const events = new Map(out.map((p) => [p.id, p.eventId]));
    expect(new Set([events.get('p1'), events.get('p2'), events.get('p5'), events.get('p6')]).size).toBe(1);
    expect(events.get('p9')).toBe('e3');
  });

  it('makes a moved-out post stand alone, out of its event and its near-duplicate cluster', () => {
    const posts = [analyzed('p1', 'e1', 'c1'), analyzed('p2', 'e1', 'c1')];
    const out = applyCorrections(posts, [], corrections([{ id: 1, kind: 'move_out', alertId: 'a', postId: 'p2', actor: 'zhang', at: AT }]));
    expect(out.find((p) => p.id === 'p2')).toMatchObject({ eventId: 'moved:p2', clusterId: null });
    expect(out.find((p) => p.id === 'p1')!.eventId).toBe('e1');
  });
});

describe('corrections through the store and later runs', () => {
  const NOW = new Date('2026-12-01T12:00:00+08:00');
  const region = loadRegion();
  let store: Store;
  let seq = 0;
  const post = (title: string, body: string, author: string): PostInput => {
    seq += 1;
    return {
      source: 'board',
      url: `http://127.0.0.1/t/${seq}`,
      canonicalUrl: `http://127.0.0.1/t/${seq}`,
      contentHash: `h-${seq}`,
      title,
      body,
      author,
      publishedAt: new Date(NOW.getTime() - (30 - seq) * 600_000).toISOString(),
      fetchedAt: NOW.toISOString(),
      district: null,
    };
  };
  const SITE_A = [
    ['柏树湾安置房工地欠薪', '宣汉县柏树湾安置房工地欠我们泥工四个月工资，包工头电话不接'],
    ['柏树湾安置房项目拖欠工钱', '柏树湾安置房项目的钢筋工工钱拖了四个月，劳务公司一直推'],
    ['柏树湾工地工人讨薪', '柏树湾安置房工地几十个工人今天在门口讨工资，说要拉横幅'],
  ];
  const SITE_B = [
    ['东林大桥工程欠薪', '宣汉东林大桥工程的劳务公司欠我们小工两个月工钱，工地照样开工'],
    ['东林大桥工地拖欠工资', '东林大桥工程拖欠农民工工资两个月，我们去问就说没钱，准备集体上访'],
  ];

  beforeEach(() => {
    store = openStore(':memory:');
    seq = 0;
  });

  const run = (at: Date) => analyzeStore(store, { region, now: at });
  const holding = async (postId: string) => (await store.alerts.list({ limit: 100 })).filter((a) => a.postIds.includes(postId) && a.status !== 'closed');

  it('keeps two alerts merged by hand as one, and a moved-out post out, on later runs', async () => {
    const ids: string[] = [];
    for (const [t, b] of [...SITE_A, ...SITE_B]) ids.push((await store.posts.upsert(post(t!, b!, `网友${seq}`))).id);
    await run(NOW);
    const a = (await holding(ids[0]!))[0]!;
    const b = (await holding(ids[3]!))[0]!;
    expect(a.id).not.toBe(b.id);
    expect(a.postIds).toEqual(expect.arrayContaining(ids.slice(0, 3)));

    const merged = await store.alerts.merge(b.id, a.id, { actor: 'zhang', at: NOW.toISOString(), note: '同一包工头' });
    expect(merged.postIds).toEqual(expect.arrayContaining(ids));
    expect((await store.alerts.get(b.id))!.status).toBe('closed');
    expect((await store.alerts.events(a.id)).some((e) => e.action === 'merged' && e.actor === 'zhang')).toBe(true);

    await store.alerts.moveOut(a.id, ids[2]!, { actor: 'zhang', at: NOW.toISOString() });

    // New posts of both sites arrive; the next run keeps them in the merged alert and P3 out of it.
    const later = new Date(NOW.getTime() + 3600_000);
    const newA = (
      await store.posts.upsert({
        ...post('柏树湾安置房欠薪还没解决', '柏树湾安置房工地的工资还是没发，工人们很着急', '新网友1'),
        publishedAt: later.toISOString(),
      })
    ).id;
    const newB = (
      await store.posts.upsert({ ...post('东林大桥工程工资', '东林大桥工程欠的工钱还是没给，我们八个人天天等', '新网友2'), publishedAt: later.toISOString() })
    ).id;
    await run(new Date(later.getTime() + 600_000));
    const open = (await store.alerts.list({ limit: 100 })).filter((x) => x.status !== 'closed');
    const theOne = open.filter((x) => x.postIds.includes(newA));
    expect(theOne).toHaveLength(1);
    expect(theOne[0]!.id).toBe(a.id);
    expect(theOne[0]!.postIds).toContain(newB);
    expect(theOne[0]!.postIds).not.toContain(ids[2]);
    expect(open.filter((x) => x.postIds.includes(ids[3]!) && x.id !== a.id)).toEqual([]);
    expect(await store.alerts.overrides()).toHaveLength(2);
  });

  it('refuses a merge into itself and a move of a post the alert does not hold, in Chinese', async () => {
    for (const [t, b] of SITE_A) await store.posts.upsert(post(t!, b!, `网友${seq}`));
    await run(NOW);
    const [a] = await store.alerts.list();
    await expect(store.alerts.merge(a!.id, a!.id, { actor: 'zhang', at: AT })).rejects.toThrow('不能把预警并入它自己');
    await expect(store.alerts.moveOut(a!.id, 'nope', { actor: 'zhang', at: AT })).rejects.toThrow(/不在预警/);
  });
});
