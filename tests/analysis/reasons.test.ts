// Reasons are data (analysis/reasons.ts): stored as JSON, put into words once at the edges. The
// sentences are `minsheng score`'s output contract, so each kind's wording is pinned here, once.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readReasons, reasonText, reasonWords, type Reason } from '../../analysis/reasons.ts';
import { scoreText } from '../../analysis/index.ts';
import { scoreLine } from '../../cli/commands/score.ts';
import { openStore, type PostInput } from '../../store/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SENTENCES: [Reason, string][] = [
  [{ kind: 'negativeWords', words: ['拖欠', '推诿'], negatedPositive: ['满意'] }, '负面词：拖欠、推诿、不满意'],
  [{ kind: 'positiveWords', words: ['感谢'] }, '正面词：感谢'],
  [{ kind: 'irony', words: ["'高效'"] }, "反讽/反问：'高效'"],
  [{ kind: 'grievances', labels: ['工资没发', '不交社保'] }, '投诉情形：工资没发、不交社保'],
  [{ kind: 'negated', words: ['不给'] }, '否定：不给（前有否定词，不计负面）'],
  [{ kind: 'questions', words: ['请问', '吗？'] }, '咨询语气：请问、吗？'],
  [{ kind: 'appeals', words: ['请求解决'] }, '诉求：请求解决'],
  [{ kind: 'courtesyNotPraise' }, '礼貌与期望不算夸奖：没有对办成的事的感谢或表扬，不判正面'],
  [
    { kind: 'titleComplaint', title: '关于某工地拖欠农民工工资长达半年无人过问以及劳务公司推诿的问题', grievance: '拖欠' },
    '标题是投诉：「关于某工地拖欠农民工工资长达半年无人过问以及劳务公司推诿…」（拖欠）',
  ],
  [{ kind: 'overdue', words: '迟迟' }, '问题里有投诉：迟迟（该给的没给、被拒或被推诿）'],
  [{ kind: 'worstClause', clause: '老板说没钱就是没钱', negative: 0.9666 }, '最负面的一句：「老板说没钱就是没钱」（负面概率 0.97）'],
  [{ kind: 'clauseScoring', matter: 5, courtesy: 2 }, '逐句评分：5 句正文，2 句客套话不计'],
  [{ kind: 'crisis', crisis: 'group', words: ['聚集', '拉横幅'] }, '危机信号（群体性）：聚集、拉横幅'],
  [{ kind: 'crisisModel', words: [], probability: 0.613 }, '危机信号（模型）：整体说法（像危机的说法，可能性 0.61）'],
  [{ kind: 'seriousModel', words: ['一批', '大家都'], probability: 0.412 }, '严重信号（本局模型）：一批、大家都（像本局标为严重的说法，可能性 0.41）'],
  [
    { kind: 'seriousModel', words: ['好几年', '每次都'], probability: 0.356, shipped: true },
    '严重信号（模型）：好几年、每次都（像人多或久拖不决的严重投诉，可能性 0.36）',
  ],
  [{ kind: 'thanksIgnoresCrisis' }, '严重度 0：正面（感谢或好结果），其中提到的危机词不计'],
  [{ kind: 'calmIgnoresCrisis' }, '危机词出现在通知、旧闻或提问里（无投诉、语气平静），不计'],
  [{ kind: 'ordinaryComplaint', negative: false }, '严重度 1：一般投诉（陈述了投诉情形，无升级信号）'],
  [{ kind: 'topicWords', words: ['工资'] }, '主题词：工资'],
  [{ kind: 'model', negative: 0.004 }, '模型：负面概率 0.00'],
  [
    { kind: 'review', by: 'qwen', sentiment: 'neutral', severity: 1, agreed: false, rationale: '只是咨询', quotes: ['请问'] },
    '大模型复核（qwen）：改为 neutral、严重度 1；只是咨询；引用：请问',
  ],
  [{ kind: 'reviewFailed', message: '连接被拒绝' }, '大模型复核失败，沿用默认评分：连接被拒绝'],
  [{ kind: 'text', text: '旧的一句理由' }, '旧的一句理由'],
];

describe('reasonText', () => {
  it.each(SENTENCES)('words %j as the sentence duty officers and `minsheng score` have always read', (reason, sentence) => {
    expect(reasonText(reason)).toBe(sentence);
  });

  it('is what `minsheng score` prints: strings, in the order the scorer gave them', () => {
    const text = '我们工地三十多个农民工被拖欠工资半年，多次反映没人管，明天大家一起去县政府门口拉横幅';
    const line = scoreLine(JSON.stringify({ id: 'a', text }), 1);
    expect(line.ok).toBe(true);
    expect(line.output.reasons).toEqual(scoreText(text).reasons.map(reasonText));
    expect((line.output.reasons as string[]).some((r) => r.startsWith('危机信号（群体性）：'))).toBe(true);
  });
});

describe('stored reasons', () => {
  const post: PostInput = {
    source: 'board',
    url: 'http://127.0.0.1/t/1',
    canonicalUrl: 'http://127.0.0.1/t/1',
    contentHash: 'h1',
    title: '工地欠薪',
    body: '工地拖欠工资没人管，大家准备去聚集',
    author: null,
    publishedAt: null,
    fetchedAt: '2026-12-01T00:00:00Z',
    district: null,
  };

  it('survive the store round trip as data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-reasons-'));
    dirs.push(dir);
    const store = openStore(dir);
    const { id } = await store.posts.upsert(post);
    const score = scoreText(`${post.title}\n${post.body}`);
    await store.scores.save({ ...score, postId: id, model: 't', scoredAt: '2026-12-01T00:00:00Z' });
    expect((await store.scores.get(id))!.reasons).toEqual(score.reasons);
    await store.close();
  });

  it('still read from rows written as sentences, with their word lists recovered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-reasons-'));
    dirs.push(dir);
    const store = openStore(dir);
    const { id } = await store.posts.upsert(post);
    await store.close();
    const db = new Database(join(dir, 'minsheng.sqlite'));
    const legacy = [
      '负面词：拖欠、没人管',
      '危机信号（群体性）：聚集',
      '危机信号（模型）：聚集（像危机的说法，可能性 0.70）',
      '主题词：工资',
      '严重度 1：一般投诉（负面，无升级信号）',
    ];
    db.prepare(`INSERT INTO scores (post_id, sentiment, negative, severity, topic, reasons, model, scored_at) VALUES (?,?,?,?,?,?,?,?)`).run(
      id,
      'negative',
      0.9,
      3,
      'wages',
      JSON.stringify(legacy),
      'old',
      '2026-11-01T00:00:00Z',
    );
    db.close();
    const reopened = openStore(dir);
    const reasons = (await reopened.scores.get(id))!.reasons;
    await reopened.close();
    expect(reasons.map(reasonText)).toEqual(legacy);
    expect(reasons[0]).toEqual({ kind: 'negativeWords', words: ['拖欠', '没人管'], negatedPositive: [] });
    expect(reasons[1]).toEqual({ kind: 'crisis', crisis: 'group', words: ['聚集'] });
    expect(reasons[4]).toEqual({ kind: 'text', text: legacy[4] });
    expect(reasonWords(reasons)).toEqual(['拖欠', '没人管', '聚集', '工资']);
  });

  it('reads nothing it cannot understand as a reason', () => {
    expect(readReasons(null)).toEqual([]);
    expect(readReasons([42, { kind: 'model', negative: 0.5 }, '模型：负面概率 0.50'])).toEqual([
      { kind: 'model', negative: 0.5 },
      { kind: 'text', text: '模型：负面概率 0.50' },
    ]);
  });
});
