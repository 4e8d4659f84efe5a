// Alert rules as pure functions over scored posts: levels, bursts, and what the officer reads.
import { describe, expect, it } from 'vitest';
import { scoreText } from '../../analysis/index.ts';
import { detectCrisisSignals } from '../../analysis/severity.ts';
import { defaultAlertConfig, alertConfigSchema, loadAlertConfig } from '../../analysis/alerts/config.ts';
import { burstAlerts, evaluateAlerts, incidentAlerts, localDate, type AnalyzedPost } from '../../analysis/alerts/rules.ts';
import { parseConfigText } from '../../config/load.ts';

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
      [
        post('1', '社保窗口排队太久了，工作人员态度冷漠'),
        post('2', '请问社保断缴一个月还能补缴吗？'),
        post('3', '感谢监察大队帮我们讨回了工资'),
      ],
      config,
    );
    expect(alerts).toEqual([]);
  });

  it('puts a repeated, ignored complaint on blue (daily digest)', () => {
    const [alert] = incidentAlerts([post('1', '养老金少算的问题多次反映，一直没人管')], config);
    expect(alert).toMatchObject({ ruleKey: 'post:1', level: 'blue', postIds: ['1'] });
    expect(alert!.reasons).toContain('危机信号（重复投诉）：多次反映、一直没人管');
  });

  it('raises yellow for three people complaining about one incident', () => {
    const posts = INCIDENT.slice(0, 1).concat(['工地拖欠工资三个月了没人管', '这个工地欠薪好久了，一直拖着不给']).map((t, i) =>
      post(String(i), t, { clusterId: 'c1' }),
    );
    const [alert] = incidentAlerts(posts, config);
    expect(alert).toMatchObject({ ruleKey: 'cluster:c1', level: 'yellow' });
    expect(alert!.title).toMatch(/等 3 条$/);
  });

  it('raises orange for a cluster of five or more people with a gathering (the demo incident)', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { clusterId: 'wage' }));
    const [alert] = incidentAlerts(posts, config);
    expect(alert!.level).toBe('orange');
    expect(alert!.reasons[0]).toMatch(/^定级橙色（重大）：6 人反映同一事件/);
    expect(alert!.reasons).toContain('同一事件 6 条帖子、6 位发帖人、1 个来源（board）');
    expect(alert!.reasons.some((r) => r.startsWith('危机信号（群体性）：') && r.includes('聚集') && r.includes('拉横幅'))).toBe(true);
    expect(alert!.reasons.some((r) => r.startsWith('负面词：') && r.includes('拖欠'))).toBe(true);
  });

  it('counts people, not posts: one author posting six times stays below orange', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { clusterId: 'wage', author: '同一个人' }));
    expect(incidentAlerts(posts, config)[0]!.level).toBe('yellow');
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
    const recent = Array.from({ length: 6 }, (_, i) => post(`r${i}`, `工伤认定拖了半年没人管，太失望了（${i}）`, { at: hoursAgo(i + 1) }));
    const before = [post('b1', '工伤待遇迟迟不发，没人管', { at: hoursAgo(50) }), post('b2', '工伤认定太慢了，没人管', { at: hoursAgo(100) })];
    const alerts = burstAlerts([...recent, ...before], config, NOW);
    expect(alerts).toHaveLength(1);
    const [a] = alerts;
    expect(a!.ruleKey).toBe('burst:工伤保险:2025-06-10');
    expect(a!.level).toBe('yellow');
    expect(a!.postIds).toHaveLength(6);
    expect(a!.reasons).toContain('24 小时内 6 条，是前 7 个同长时段均值 0.3 条的 21.0 倍');
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
    expect(burst).toMatchObject({ level: 'orange', ruleKey: 'burst:欠薪/劳动关系:2025-06-10', sources: ['board'] });
    expect(burst!.reasons[0]).toBe('定级橙色（重大）：「欠薪/劳动关系」负面帖子激增，且 6 人的帖子含危机信号');
  });

  it('keeps a burst with crisis words from one person at yellow and says why', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), author: '同一个人' }));
    const [burst] = burstAlerts(posts, config, NOW);
    expect(burst!.level).toBe('yellow');
    expect(burst!.reasons[0]).toContain('只有 1 位发帖人');
  });

  it('keeps a burst of many people without crisis words at yellow', () => {
    const posts = Array.from({ length: 12 }, (_, i) =>
      post(`r${i}`, `工伤认定拖了半年没人管，太失望了（${i}）`, { at: hoursAgo(i + 1), source: i % 2 ? 'board' : 'forum' }),
    );
    expect(burstAlerts(posts, config, NOW)[0]!.level).toBe('yellow');
  });

  it('raises a burst to red only when its posts meet the red conditions: ten people, two sources, severity 3', () => {
    const text = (i: number) => `城东工地欠薪，几十个工人聚集堵路，记者已经来了（${i}）`;
    const oneSource = Array.from({ length: 10 }, (_, i) => post(String(i), text(i), { at: hoursAgo(i + 1) }));
    expect(burstAlerts(oneSource, config, NOW)[0]!.level).toBe('orange');
    const twoSources = Array.from({ length: 10 }, (_, i) => post(String(i), text(i), { at: hoursAgo(i + 1), source: i % 2 ? 'board' : 'forum' }));
    const [red] = burstAlerts(twoSources, config, NOW);
    expect(red!.level).toBe('red');
    expect(red!.reasons[0]).toContain('10 人在 2 个来源反映');
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
    expect(alerts[0]!.reasons.some((r) => r.startsWith('同时：「欠薪/劳动关系」负面帖子激增'))).toBe(true);
    expect(alerts[0]!.reasons.some((r) => /^24 小时内 6 条/.test(r))).toBe(true);
  });

  it('keeps a spike spread over different incidents as its own alert', () => {
    const posts = INCIDENT.map((t, i) => post(String(i), t, { at: hoursAgo(i + 1), clusterId: `c${i}` }));
    const keys = evaluateAlerts(posts, config, NOW).map((a) => a.ruleKey);
    expect(keys).toContain('burst:欠薪/劳动关系:2025-06-10');
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
