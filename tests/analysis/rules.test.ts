// Alert rules as pure functions over scored posts: levels, bursts, and what the officer reads.
import { describe, expect, it } from 'vitest';
import { scoreText } from '../../analysis/index.ts';
import { detectCrisisSignals } from '../../analysis/severity.ts';
import { defaultAlertConfig, alertConfigSchema, loadAlertConfig } from '../../analysis/alerts/config.ts';
import { burstAlerts, evaluateAlerts, incidentAlerts, localDate, type AnalyzedPost } from '../../analysis/alerts/rules.ts';
import { parseConfigText } from '../../config/load.ts';
import { findAlertReason, type AlertReason } from '../../analysis/alerts/reasons.ts';

const ofKind = <K extends AlertReason['kind']>(reasons: readonly AlertReason[], kind: K) =>
  reasons.filter((r): r is Extract<AlertReason, { kind: K }> => r.kind === kind);

const config = defaultAlertConfig();
const NOW = new Date('2025-06-10T12:00:00+08:00');

function post(id: string, text: string, extra: Partial<AnalyzedPost> = {}): AnalyzedPost {
  return {
    id,
    source: 'board',
    author: `网友${id}`,
    title: text.slice(0, 20),
    at: '2025-06-10T09:00:00+08:00',
    clusterId: null,
    score: scoreText(text),
    signals: detectCrisisSignals(text),
    ...extra,
  };
}

const INCIDENT = [
  '城东安置房工地拖欠农民工工资三个月，包工头跑路了，没人管',
  '城东安置房项目欠我们工钱，几十个工友今天聚集在项目部门口讨薪',
  '安置房工地的工资到底什么时候发？我们在工地门口等了一天没人理',
  '城东安置房工地欠薪，工人们拉横幅讨要血汗钱',
  '我也是城东安置房工地的，欠薪快四个月了，投诉无门',
  '城东安置房工地老板拖欠工资不给，工人聚集在门口',
];

describe('incident levels', () => {
  it('leaves an ordinary complaint without a crisis signal unalerted, and a question and thanks too', () => {
    const alerts = incidentAlerts(
      [post('1', '社保窗口排队太久了，工作人员态度冷漠'), post('2', '请问社保断缴一个月还能补缴吗？'), post('3', '感谢监察大队帮我们讨回了工资')],
      config,
    );
    expect(alerts).toEqual([]);
  });

  it("puts one person's repeated, ignored complaint (severity 2) in the daily digest (blue) and names the signal", () => {
    // One person, not yet a crowd: 一般 (blue). Kept off the duty list since issue 13: on the 460-post
    // feed such single posts were half the list (analysis/dedupe/README.md).
    const [alert] = incidentAlerts([post('1', '养老金少算的问题多次反映，一直没人管')], config);
    expect(alert).toMatchObject({ ruleKey: 'post:1', level: 'blue', postIds: ['1'] });
    expect(ofKind(alert!.reasons, 'signal').some((r) => r.words.includes('多次反映'))).toBe(true);
  });

  it('puts two people with ordinary complaints about one incident on blue (daily digest), one alone nowhere', () => {
    const two = [0, 1].map((i) => scored(`b${i}`, { severity: 1 }, { clusterId: 'b' }));
    expect(incidentAlerts(two, config)[0]).toMatchObject({ ruleKey: 'cluster:b', level: 'blue' });
    expect(incidentAlerts(two.slice(0, 1), config)).toEqual([]);
  });

  it('raises yellow for three people complaining about one incident', () => {
    const posts = INCIDENT.slice(0, 1)
      .concat(['工地拖欠工资三个月了没人管', '这个工地欠薪好久了，一直拖着不给'])
      .map((t, i) => post(String(i), t, { clusterId: 'c1' }));
    const [alert] = incidentAlerts(posts, config);
    expect(alert).toMatchObject({ ruleKey: 'cluster:c1', level: 'yellow' });
    expect(alert!.title).toMatch(/等 3 条$/);
  });

  it('raises orange for a cluster of five or more people with a gathering (the demo incident)', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { clusterId: 'wage' }));
    const [alert] = incidentAlerts(posts, config);
    expect(alert!.level).toBe('orange');
    expect(alert!.reasons[0]).toMatchObject({ kind: 'level', level: 'orange', why: { kind: 'crowdInCrisis', people: 6 } });
    expect(alert!.reasons).toContainEqual({ kind: 'incident', posts: 6, people: 6, sources: ['board'] });
    const group = ofKind(alert!.reasons, 'signal').find((r) => r.crisis === 'group');
    expect(group?.words).toEqual(expect.arrayContaining(['聚集', '拉横幅']));
    expect(findAlertReason(alert!.reasons, 'negativeWords')?.words).toContain('拖欠');
  });

  it('counts people, not posts: one author posting six urgent posts stays below orange, six people do not', () => {
    const posts = [0, 1, 2, 3, 4, 5].map((i) => scored(String(i), { severity: 2 }, { clusterId: 'wage', author: '同一个人' }));
    expect(incidentAlerts(posts, config)[0]!.level).toBe('yellow');
    expect(
      incidentAlerts(
        posts.map((p, i) => ({ ...p, author: `人${i}` })),
        config,
      )[0]!.level,
    ).toBe('orange');
  });

  it('raises orange for an extreme signal even from one post', () => {
    expect(incidentAlerts([post('1', '工资讨不回来，工友说要跳楼')], config)[0]!.level).toBe('orange');
  });

  it('raises red for ten people across two sources with severity 3', () => {
    const posts = Array.from({ length: 10 }, (_, i) =>
      post(String(i), `城东工地欠薪，几十个工人聚集堵路，记者已经来了（${i}）`, { clusterId: 'big', source: i % 2 ? 'board' : 'forum' }),
    );
    const [alert] = incidentAlerts(posts, config);
    expect(alert!.level).toBe('red');
    expect(alert!.sources).toEqual(['board', 'forum']);
  });

  it('is a pure function: same posts, same alerts', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { clusterId: 'wage' }));
    expect(evaluateAlerts(posts, config, NOW)).toEqual(evaluateAlerts([...posts].reverse(), config, NOW));
  });
});

describe('bursts', () => {
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

  it('flags a topic whose negative posts jump against the previous days, with the ratio in words', () => {
    // Ordinary complaints (severity 1): the spike alone decides.
    const recent = Array.from({ length: 6 }, (_, i) => scored(`r${i}`, { severity: 1 }, { at: hoursAgo(i + 1) }));
    const before = [scored('b1', { severity: 1 }, { at: hoursAgo(50) }), scored('b2', { severity: 1 }, { at: hoursAgo(100) })];
    const alerts = burstAlerts([...recent, ...before], config, NOW);
    expect(alerts).toHaveLength(1);
    const [a] = alerts;
    expect(a!.ruleKey).toBe('burst:work_injury:2025-06-10');
    expect(a!.title).toBe('「工伤」负面帖子激增：24 小时内 6 条');
    expect(a!.level).toBe('yellow');
    expect(a!.postIds).toHaveLength(6);
    // The data begins 100 hours back: the baseline is the four windows it covers, not seven.
    expect(a!.reasons).toContainEqual({ kind: 'spikeCount', hours: 24, count: 6, windows: 4, baselineMean: 0.5 });
  });

  it('compares a feed that holds only the last three days with those days, not with days it never saw (issue 13)', () => {
    // Six a day for three days: steady. Against seven windows (four of them before the data) it would be a spike.
    const steady = Array.from({ length: 18 }, (_, i) => scored(`d${i}`, { severity: 1 }, { at: hoursAgo(i * 4 + 1) }));
    expect(burstAlerts(steady, config, NOW)).toEqual([]);
  });

  it('does not fire on small counts or on a steady level', () => {
    const few = Array.from({ length: 3 }, (_, i) => post(`r${i}`, `工伤认定拖了半年没人管（${i}）`, { at: hoursAgo(i + 1) }));
    expect(burstAlerts(few, config, NOW)).toEqual([]);
    const steady = Array.from({ length: 48 }, (_, i) => post(`s${i}`, `工伤认定拖了半年没人管（${i}）`, { at: hoursAgo(i * 3.5 + 0.5) }));
    expect(burstAlerts(steady, config, NOW)).toEqual([]);
  });

  it('grades a burst like an incident: crowd words from five people make it orange, not red, from one source', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1) }));
    const [burst] = burstAlerts(posts, config, NOW);
    const topic = posts[0]!.score.topic;
    expect(burst).toMatchObject({ level: 'orange', ruleKey: `burst:${topic}:2025-06-10`, sources: ['board'] });
    expect(burst!.reasons[0]).toEqual({
      kind: 'level',
      level: 'orange',
      why: { kind: 'spike', spike: { dimension: 'topic', subject: topic, crisis: { kind: 'crisisCrowd', people: 6 } } },
    });
  });

  it('keeps a burst with crisis words from one person at yellow and says why', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), author: '同一个人' }));
    const [burst] = burstAlerts(posts, config, NOW);
    expect(burst!.level).toBe('yellow');
    expect(burst!.reasons[0]).toMatchObject({ level: 'yellow', why: { spike: { crisis: { kind: 'crisisFewPeople', people: 1 } } } });
  });

  it('keeps a burst of many people without crisis words at yellow', () => {
    const posts = Array.from({ length: 12 }, (_, i) => scored(`r${i}`, { severity: 1 }, { at: hoursAgo(i + 1), source: i % 2 ? 'board' : 'forum' }));
    expect(burstAlerts(posts, config, NOW)[0]!.level).toBe('yellow');
  });

  it('raises a burst to red only when its posts meet the red conditions: ten people, two sources, severity 3', () => {
    const text = (i: number) => `城东工地欠薪，几十个工人聚集堵路，记者已经来了（${i}）`;
    const oneSource = Array.from({ length: 10 }, (_, i) => post(String(i), text(i), { at: hoursAgo(i + 1) }));
    expect(burstAlerts(oneSource, config, NOW)[0]!.level).toBe('orange');
    const twoSources = Array.from({ length: 10 }, (_, i) => post(String(i), text(i), { at: hoursAgo(i + 1), source: i % 2 ? 'board' : 'forum' }));
    const [red] = burstAlerts(twoSources, config, NOW);
    expect(red!.level).toBe('red');
    expect(red!.reasons[0]).toMatchObject({ level: 'red', why: { spike: { crisis: { kind: 'redCrowd', people: 10, sources: 2 } } } });
    const nine = twoSources.slice(0, 9);
    expect(burstAlerts(nine, config, NOW)[0]!.level).toBe('orange');
  });

  it('refuses a thresholds file that would let a burst alone reach orange or red', () => {
    expect(() => parseConfigText(alertConfigSchema, 'burst:\n  level: orange\n', 'alerts.yaml')).toThrow(/burst\.level[\s\S]*最高黄色/);
    expect(() => parseConfigText(alertConfigSchema, 'burst:\n  crisisLevel: red\n', 'alerts.yaml')).toThrow(/burst\.crisisLevel/);
  });

  it('folds a spike made of one alerted incident into that incident: one alert, the spike among its reasons', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), clusterId: 'c1' }));
    const alerts = evaluateAlerts(posts, config, NOW);
    expect(alerts.map((a) => a.ruleKey)).toEqual(['cluster:c1']);
    const topic = posts[0]!.score.topic;
    expect(findAlertReason(alerts[0]!.reasons, 'alsoSpike')).toMatchObject({ spike: { dimension: 'topic', subject: topic } });
    expect(findAlertReason(alerts[0]!.reasons, 'spikeCount')).toMatchObject({ hours: 24, count: 6 });
    // Topic and district spikes of the same posts fold in too, without saying the count twice.
    const withDistrict = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), clusterId: 'c1', district: '宣汉县' }));
    const reasons = evaluateAlerts(withDistrict, config, NOW)[0]!.reasons;
    expect(new Set(reasons.map((r) => JSON.stringify(r))).size).toBe(reasons.length);
    expect(ofKind(reasons, 'spikeCount')).toHaveLength(1);
  });

  it('adds a spike of posts already alerted as their own incidents to them instead of a second alert (issue 13)', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), clusterId: `c${i}` }));
    const alerts = evaluateAlerts(posts, config, NOW);
    expect(alerts.some((a) => a.ruleKey.startsWith('burst'))).toBe(false);
    const topic = posts[0]!.score.topic;
    const incidents = alerts.filter((a) => ofKind(a.reasons, 'alsoSpike').some((r) => r.spike.subject === topic && r.incidentPosts === 1));
    expect(incidents.length).toBeGreaterThan(0);
  });

  it('keeps a spike of posts no incident alert holds as its own alert, listing the alerted incidents instead of repeating their posts', () => {
    const quiet = [
      '公司拖欠工资两个月了，老板说下个月一起发',
      '单位欠我们工资一直不发，希望有人管管',
      '拖欠工资快三个月了，问老板就说没钱',
      '厂里欠薪两个月，每天还让加班',
      '老板拖欠工资不给，说等回款',
      '工资拖了两个月还没发',
    ];
    const spread = quiet.map((t, i) => post(`q${i}`, t, { at: hoursAgo(i + 1) }));
    const incident = INCIDENT.slice(0, 3).map((t, i) => post(`i${i}`, t, { at: hoursAgo(i + 1), clusterId: 'site' }));
    const topic = spread[0]!.score.topic;
    expect(spread.every((p) => p.score.topic === topic && p.score.severity <= 1)).toBe(true);
    const alerts = evaluateAlerts([...spread, ...incident], config, NOW);
    const burst = alerts.find((a) => a.ruleKey === `burst:${topic}:2025-06-10`)!;
    expect(burst).toBeDefined();
    expect(burst.postIds.some((id) => id.startsWith('i'))).toBe(false);
    expect(incident.every((p) => p.score.topic === topic)).toBe(true);
    const site = alerts.find((a) => a.ruleKey === 'cluster:site')!;
    expect(findAlertReason(burst.reasons, 'listedIncidents')?.incidents).toEqual([{ ruleKey: 'cluster:site', title: site.title, posts: 3 }]);
  });

  it('dates the burst key in the configured time zone', () => {
    expect(localDate(new Date('2025-06-09T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-06-10');
  });
});

describe('alert thresholds file', () => {
  it('fills defaults and refuses a wrong field in Chinese naming it', () => {
    expect(parseConfigText(alertConfigSchema, 'levels:\n  orange:\n    minPeople: 4\n', 'alerts.yaml').levels.orange).toEqual({
      minPeople: 4,
      minSeverityWithPeople: 2,
      minSeverity: 3,
    });
    expect(() => parseConfigText(alertConfigSchema, 'burst:\n  level: purple\n', 'alerts.yaml')).toThrow(/alerts\.yaml[\s\S]*burst\.level/);
    expect(loadAlertConfig()).toEqual(defaultAlertConfig());
    expect(() => parseConfigText(alertConfigSchema, 'timezone: Mars/Base\n', 'alerts.yaml')).toThrow(/timezone：不是有效的时区/);
  });
});

// These tests give each post its score directly, so they pin the rules and not the scorer's wording.
function scored(id: string, score: Partial<AnalyzedPost['score']>, extra: Partial<AnalyzedPost> = {}): AnalyzedPost {
  return {
    id,
    source: 'board',
    author: `网友${id}`,
    title: `帖子${id}`,
    at: '2025-06-10T09:00:00+08:00',
    clusterId: null,
    score: { sentiment: 'negative', negative: 0.9, severity: 0, topic: 'work_injury', reasons: [], ...score },
    signals: [],
    ...extra,
  };
}

describe('issue 7 rules: level mapping, cluster growth, watch words, district bursts, source outages', () => {
  const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
  const calm = { sentiment: 'neutral' as const, negative: 0.1 };

  it('maps a post at severity 3 to orange at once and severity 2 to blue (the digest), even from one calm post', () => {
    expect(incidentAlerts([scored('3', { ...calm, severity: 3 })], config, NOW)[0]).toMatchObject({ level: 'orange', ruleKey: 'post:3' });
    expect(incidentAlerts([scored('2', { ...calm, severity: 2 })], config, NOW)[0]).toMatchObject({ level: 'blue', ruleKey: 'post:2' });
    // Three people with severity 2 are 较大 (yellow).
    const three = ['a', 'b', 'c'].map((author, i) => scored(`t${i}`, { ...calm, severity: 2 }, { clusterId: 't', author }));
    expect(incidentAlerts(three, config, NOW)[0]).toMatchObject({ level: 'yellow', ruleKey: 'cluster:t' });
    expect(incidentAlerts([scored('0', { ...calm, severity: 0 })], config, NOW)).toEqual([]);
  });

  it('grades a group of people asking the same calm question by those who complain, not by all who asked', () => {
    // Five people ask how to apply for a 公益性岗位; one of them scores severity 2. Counting all five
    // made it orange (five people, severity 2); it is one person's matter: blue, the digest.
    const asked = ['a', 'b', 'c', 'd', 'e'].map((author, i) =>
      scored(`q${i}`, { ...calm, severity: i === 0 ? 2 : 0 }, { clusterId: 'q', author, at: hoursAgo(20 + i) }),
    );
    expect(incidentAlerts(asked, config, NOW)).toMatchObject([{ ruleKey: 'cluster:q', level: 'blue' }]);
    // Three of them complaining (severity 1 and up, or negative) are three people reporting: yellow.
    const complaining = asked.map((p, i) => (i === 1 || i === 2 ? { ...p, score: { ...p.score, severity: 1 as const } } : p));
    expect(incidentAlerts(complaining, config, NOW)).toMatchObject([{ ruleKey: 'cluster:q', level: 'yellow' }]);
  });

  it('raises a cluster growing past N posts within the window, and not a slow or smaller one', () => {
    // One author and no crisis signal: nothing but the growth itself can raise it.
    const fast = Array.from({ length: 5 }, (_, i) => scored(`f${i}`, {}, { clusterId: 'g', author: '同一个人', at: hoursAgo(i + 0.5) }));
    const [alert] = incidentAlerts(fast, config, NOW);
    expect(alert).toMatchObject({ ruleKey: 'cluster:g', level: 'yellow' });
    expect(alert!.reasons[0]).toEqual({ kind: 'level', level: 'yellow', why: { kind: 'growth', hours: 6, posts: 5 } });
    expect(incidentAlerts(fast.slice(0, 4), config, NOW)).toEqual([]);
    const slow = fast.map((p, i) => ({ ...p, at: hoursAgo(i * 20 + 1) }));
    expect(incidentAlerts(slow, config, NOW)).toEqual([]);
    // Five people asking the same polite question is not an incident.
    expect(
      incidentAlerts(
        fast.map((p) => ({ ...p, score: { ...p.score, ...calm } })),
        config,
        NOW,
      ),
    ).toEqual([]);
  });

  it('keeps later posts of one incident in the same alert and lets them raise its level', () => {
    const first = [0, 1, 2].map((i) => scored(`p${i}`, {}, { clusterId: 'c9', at: hoursAgo(30 - i) }));
    const later = [0, 1, 2].map((i) => scored(`q${i}`, { severity: 2 }, { clusterId: 'c9', at: hoursAgo(2 - i * 0.5) }));
    const before = evaluateAlerts(first, config, NOW);
    const after = evaluateAlerts([...first, ...later], config, NOW);
    expect(before.map((a) => [a.ruleKey, a.level])).toEqual([['cluster:c9', 'yellow']]);
    expect(after.map((a) => [a.ruleKey, a.level])).toEqual([['cluster:c9', 'orange']]);
    expect(after[0]!.postIds).toHaveLength(6);
  });

  it('alerts on a watch word at its level, even in a calm post, and names the word', () => {
    const [alert] = incidentAlerts([scored('w', calm, { text: '听说工友们明天要去堵桥' })], config, NOW);
    expect(alert!.level).toBe('orange');
    expect(alert!.reasons).toContainEqual({ kind: 'watchList', level: 'orange', words: ['堵桥'] });
    const custom = parseConfigText(alertConfigSchema, 'watchWords:\n  - level: red\n    words: [围堵市政府]\n', 'alerts.yaml');
    const [red] = incidentAlerts([scored('r', calm, { text: '标题\n明天大家一起去围堵市政府' })], custom, NOW);
    expect(red!.level).toBe('red');
    expect(red!.reasons[0]).toEqual({ kind: 'level', level: 'red', why: { kind: 'watchWords', words: ['围堵市政府'] } });
    expect(incidentAlerts([scored('n', calm, { text: '请问退休手续怎么办' })], custom, NOW)).toEqual([]);
    expect(() => parseConfigText(alertConfigSchema, 'watchWords:\n  - level: purple\n    words: [x]\n', 'alerts.yaml')).toThrow(
      /watchWords\[0\]\.level：应为 blue、yellow、orange 或 red/,
    );
  });

  it('flags a district whose negative posts jump although no single topic does', () => {
    const posts = Array.from({ length: 6 }, (_, i) =>
      scored(`d${i}`, { topic: i % 2 ? 'pension' : 'work_injury' }, { at: hoursAgo(i + 1), district: '通川区' }),
    );
    const alerts = burstAlerts(posts, config, NOW);
    expect(alerts.map((a) => a.ruleKey)).toEqual(['burst:district:通川区:2025-06-10']);
    expect(alerts[0]!.title).toBe('「通川区」辖区负面帖子激增：24 小时内 6 条');
  });

  it('makes one alert, not two, when a district spike is the same posts as a topic spike', () => {
    const posts = Array.from({ length: 6 }, (_, i) => scored(`d${i}`, {}, { at: hoursAgo(i + 1), district: '通川区' }));
    const alerts = burstAlerts(posts, config, NOW);
    expect(alerts.map((a) => a.ruleKey)).toEqual(['burst:work_injury:2025-06-10']);
    expect(findAlertReason(alerts[0]!.reasons, 'alsoSpike')?.spike).toMatchObject({ dimension: 'district', subject: '通川区' });
  });

  // Board fetches 5 ordinary posts a day; today 6 negative posts on one topic arrive.
  function dailyFiller(downDays: number[], source = 'board') {
    const out: AnalyzedPost[] = [];
    for (let day = 0; day <= 7; day += 1) {
      if (downDays.includes(day)) continue;
      for (let i = 0; i < 5; i += 1) {
        const at = hoursAgo(day * 24 + i + 2);
        out.push(scored(`${source}${day}-${i}`, calm, { at, fetchedAt: at, source }));
      }
    }
    return out;
  }
  const spike = () => Array.from({ length: 6 }, (_, i) => scored(`s${i}`, {}, { at: hoursAgo(i + 1), fetchedAt: hoursAgo(i + 1) }));

  it('raises a burst when every source collected normally', () => {
    const alerts = burstAlerts([...dailyFiller([]), ...spike()], config, NOW);
    expect(alerts.map((a) => a.ruleKey)).toEqual(['burst:work_injury:2025-06-10']);
    expect(findAlertReason(alerts[0]!.reasons, 'outage')).toBeUndefined();
  });

  it('raises no burst when the source was down in the compared windows (its baseline cannot be trusted)', () => {
    expect(burstAlerts([...dailyFiller([2, 3, 4]), ...spike()], config, NOW)).toEqual([]);
  });

  it('raises no burst from a catch-up: posts without a publish date fetched at once after an outage', () => {
    const before = dailyFiller([0, 1]);
    const catchUp = spike().map((p) => ({ ...p, at: hoursAgo(0.5), fetchedAt: hoursAgo(0.5) }));
    // Day 1 fetched nothing, day 0 only the catch-up: the board was down.
    expect(burstAlerts([...before, ...catchUp], config, NOW)).toEqual([]);
  });

  it('still raises a burst seen on a healthy source while another source is down, and says which was left out', () => {
    const alerts = burstAlerts([...dailyFiller([]), ...dailyFiller([1, 2], 'forum'), ...spike()], config, NOW);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.reasons).toContainEqual({ kind: 'outage', sources: ['forum'] });
  });
});
