// Alert reasons are data; the words a duty officer reads are made once (alertReasonText) and must
// stay the words alerts have always had. Alerts stored while reasons were sentences still read and show.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertReasonText, readAlertReasons, type AlertReason } from '../../analysis/alerts/reasons.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';
import { openStore } from '../../store/index.ts';
import { runCli } from '../helpers/cli.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const spike = { dimension: 'topic', subject: 'wages', crisis: { kind: 'crisisCrowd', people: 6 } } as const;

// Every kind the rules produce, with the sentence the console, notifications and `minsheng alerts` showed for it.
const WORDED: [AlertReason, string][] = [
  [
    { kind: 'level', level: 'red', why: { kind: 'crowdAcrossSources', people: 10, sources: 2, severity: 3 } },
    '定级红色（特别重大）：10 人在 2 个来源反映，且有严重度 3 的危机信号',
  ],
  [{ kind: 'level', level: 'orange', why: { kind: 'crowdInCrisis', people: 9, severity: 3 } }, '定级橙色（重大）：9 人反映同一事件，且有严重度 3 的危机信号'],
  [{ kind: 'level', level: 'orange', why: { kind: 'crisisPost', severity: 3 } }, '定级橙色（重大）：出现严重度 3 的帖子（危机）'],
  [{ kind: 'level', level: 'yellow', why: { kind: 'crowd', people: 3 } }, '定级黄色（较大）：3 人反映同一事件'],
  [{ kind: 'level', level: 'yellow', why: { kind: 'crisisSignal', severity: 2 } }, '定级黄色（较大）：出现严重度 2 的危机信号'],
  [{ kind: 'level', level: 'blue', why: { kind: 'severity', severity: 2 } }, '定级蓝色（一般）：严重度 2'],
  [{ kind: 'level', level: 'red', why: { kind: 'watchWords', words: ['围堵市政府'] } }, '定级红色（特别重大）：命中关注词：围堵市政府'],
  [{ kind: 'level', level: 'yellow', why: { kind: 'growth', hours: 6, posts: 5 } }, '定级黄色（较大）：同一事件 6 小时内新增 5 条帖子'],
  [{ kind: 'level', level: 'orange', why: { kind: 'spike', spike } }, '定级橙色（重大）：「欠薪/工资」负面帖子激增，且 6 人的帖子含危机信号'],
  [
    { kind: 'level', level: 'red', why: { kind: 'spike', spike: { ...spike, crisis: { kind: 'redCrowd', people: 10, sources: 2, severity: 3 } } } },
    '定级红色（特别重大）：「欠薪/工资」负面帖子激增，10 人在 2 个来源反映，且有严重度 3 的危机信号',
  ],
  [
    {
      kind: 'level',
      level: 'yellow',
      why: { kind: 'spike', spike: { dimension: 'district', subject: '通川区', crisis: { kind: 'crisisFewPeople', people: 1 } } },
    },
    '定级黄色（较大）：「通川区」辖区负面帖子激增（含危机信号，但只有 1 位发帖人）',
  ],
  [{ kind: 'incident', posts: 9, people: 9, sources: ['dazhou-board'] }, '同一事件 9 条帖子、9 位发帖人、1 个来源（dazhou-board）'],
  [{ kind: 'negativeShare', negative: 9, posts: 9 }, '负面帖子 9/9 条'],
  [{ kind: 'signal', crisis: 'group', words: ['聚集', '拉横幅'] }, '危机信号（群体性）：聚集、拉横幅'],
  [{ kind: 'watchList', level: 'orange', words: ['堵桥'] }, '关注词（橙色（重大））：堵桥'],
  [{ kind: 'negativeWords', words: ['拖欠', '欠薪'] }, '负面词：拖欠、欠薪'],
  [{ kind: 'spikeCount', hours: 24, count: 6, windows: 7, baselineMean: 2 / 7 }, '24 小时内 6 条，是前 7 个同长时段均值 0.3 条的 21.0 倍'],
  [{ kind: 'spikeCount', hours: 24, count: 5, windows: 4, baselineMean: 0 }, '24 小时内 5 条，前 4 个同长时段没有同类负面帖子'],
  [{ kind: 'spikePeople', people: 6, sources: ['board', 'forum'] }, '6 位发帖人、2 个来源（board、forum）'],
  [{ kind: 'outage', sources: ['forum'] }, '未计入采集不完整的来源：forum'],
  [{ kind: 'alsoSpike', spike }, '同时：「欠薪/工资」负面帖子激增，且 6 人的帖子含危机信号'],
  [{ kind: 'alsoSpike', spike: { ...spike, crisis: null }, incidentPosts: 2 }, '同时：「欠薪/工资」负面帖子激增（其中本事件 2 条）'],
  [
    {
      kind: 'listedIncidents',
      incidents: [
        { ruleKey: 'cluster:a', title: '柏树湾工地欠薪 等 3 条', posts: 3 },
        { ruleKey: 'post:b', title: '鞋厂停工', posts: 1 },
      ],
    },
    '其中已单独预警的事件：「柏树湾工地欠薪 等 3 条」3 条；「鞋厂停工」1 条（帖子不在本条重复列出）',
  ],
];

describe('alert reasons in words', () => {
  it.each(WORDED)('%j reads as a duty officer has always read it', (reason, words) => {
    expect(alertReasonText(reason)).toBe(words);
  });

  it('keeps sentences stored before reasons were structured as they were written, and drops what is no reason', () => {
    const stored = ['定级黄色（较大）：3 人反映同一事件', { kind: 'negativeShare', negative: 1, posts: 3 }, 42, null];
    const reasons = readAlertReasons(stored);
    expect(reasons).toEqual([
      { kind: 'text', text: '定级黄色（较大）：3 人反映同一事件' },
      { kind: 'negativeShare', negative: 1, posts: 3 },
    ]);
    expect(reasons.map(alertReasonText)).toEqual(['定级黄色（较大）：3 人反映同一事件', '负面帖子 1/3 条']);
    expect(readAlertReasons('not a list')).toEqual([]);
  });
});

describe('`minsheng alerts` on old and new alerts', () => {
  it('prints an alert stored with sentences as before, and a structured one in the same words; --json gives words and data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-alert-reasons-'));
    dirs.push(dir);
    const store = openStore(dir);
    const base = { sources: ['board'], postIds: ['p1'], firstSeen: '2026-12-01T00:00:00Z', lastSeen: '2026-12-01T00:00:00Z' };
    // Before reasons were structured this same call stored a JSON array of sentences.
    const sentences = ['定级黄色（较大）：3 人反映同一事件', '负面词：拖欠、欠薪'];
    await raiseAlert(
      store,
      { ...base, ruleKey: 'cluster:old', level: 'yellow', title: '旧预警', reasons: sentences as unknown as AlertReason[] },
      '2026-12-01T01:00:00Z',
    );
    const typed: AlertReason[] = [
      { kind: 'level', level: 'orange', why: { kind: 'crisisPost', severity: 3 } },
      { kind: 'signal', crisis: 'group', words: ['聚集'] },
    ];
    await raiseAlert(store, { ...base, ruleKey: 'post:p2', level: 'orange', title: '新预警', postIds: ['p2'], reasons: typed }, '2026-12-01T02:00:00Z');
    await store.close();

    const text = await runCli(['alerts', '--data', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('新预警\n');
    expect(text.stdout).toContain('    · 定级橙色（重大）：出现严重度 3 的帖子（危机）\n    · 危机信号（群体性）：聚集\n');
    expect(text.stdout).toContain('    · 定级黄色（较大）：3 人反映同一事件\n    · 负面词：拖欠、欠薪\n');

    const json = await runCli(['alerts', '--json', '--data', dir]);
    const byTitle = new Map((JSON.parse(json.stdout) as { title: string; reasons: string[]; reasonData: AlertReason[] }[]).map((a) => [a.title, a]));
    expect(byTitle.get('新预警')).toMatchObject({ reasons: typed.map(alertReasonText), reasonData: typed });
    expect(byTitle.get('旧预警')).toMatchObject({ reasons: sentences, reasonData: sentences.map((s) => ({ kind: 'text', text: s })) });
  });
});
