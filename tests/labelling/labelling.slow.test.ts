// Labelling through the queue's server functions: the form is read strictly, labels and skips are
// stored with who and when and audited, and what the officers label is what `minsheng train
// --from-triage` trains on and what `npm run eval` reports as the bureau's own set.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type PostLabel, type Store } from '../../store/index.ts';
import { labelFromQueue, LabellingError, nextToLabel, parsePick, parseQueueLabel, skipInQueue } from '../../site/server/labelling.ts';
import { bureauEvaluationSection, bureauLabelledLines } from '../../analysis/labelling/bureau-set.ts';
import { mergeLabels } from '../../analysis/labelling/merged-labels.ts';
import { triageExamples } from '../../cli/commands/train.ts';
import { scoreText } from '../../analysis/index.ts';

let dir: string;
let store: Store;
const posts: Record<string, string> = {};

// Written for this test: a wage complaint, a thank-you, a plain question.
const TEXTS = {
  wages: ['工地三个月没发工资', '老板一直拖着不给，我们去劳动监察大队问了两次也没有结果。', 0.47, 2],
  thanks: ['感谢社保局窗口', '窗口工作人员帮我当天办好了社保卡补办，服务很耐心。', 0.05, 0],
  question: ['灵活就业怎么缴养老保险', '请问在哪里办理，需要带什么材料？', 0.2, 0],
} as const;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-labelling-'));
  store = openStore(dir);
  for (const [key, [title, body, negative, severity]] of Object.entries(TEXTS)) {
    const url = `http://127.0.0.1/board/${key}`;
    const { id } = await store.posts.upsert({
      source: 'board',
      url,
      canonicalUrl: url,
      contentHash: key,
      title,
      body,
      author: null,
      publishedAt: '2026-12-01T08:00:00Z',
      fetchedAt: '2026-12-01T08:05:00Z',
      district: null,
    });
    posts[key] = id;
    await store.scores.save({
      postId: id,
      sentiment: negative > 0.5 ? 'negative' : 'neutral',
      negative,
      severity,
      topic: 'wages',
      reasons: [],
      model: 't',
      scoredAt: '2026-12-01T08:06:00Z',
    });
  }
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (actor: string) => ({ store, actor, ip: '127.0.0.1' });

describe('reading the queue form', () => {
  it('asks for sentiment, severity and topic together, naming what is missing or wrong', () => {
    expect(parseQueueLabel({ sentiment: 'negative', severity: '2', topic: 'wages' })).toEqual({ sentiment: 'negative', severity: 2, topic: 'wages' });
    expect(() => parseQueueLabel({ sentiment: 'negative', severity: '', topic: '' })).toThrow('请选择严重程度、主题');
    expect(() => parseQueueLabel({ sentiment: 'angry', severity: '1', topic: 'wages' })).toThrow(/情感（sentiment）取值无效/);
    expect(() => parseQueueLabel({ sentiment: 'neutral', severity: '4', topic: 'wages' })).toThrow(/严重程度（severity）/);
    expect(() => parseQueueLabel({ sentiment: 'neutral', severity: '1', topic: '<b>x</b>' })).toThrow(LabellingError);
  });
});

describe('labelling through the queue', () => {
  it('shows the least sure post first, then the next once it is labelled or skipped, until none is left for this officer', async () => {
    expect((await nextToLabel(store, 'zhang'))?.post.id).toBe(posts.wages);
    expect((await nextToLabel(store, 'zhang'))?.waiting).toBe(3);

    const at = new Date('2026-12-02T01:00:00Z');
    const saved = await labelFromQueue(ctx('zhang'), posts.wages!, { sentiment: 'negative', severity: 2, topic: 'wages' }, { at });
    expect(saved).toMatchObject({ postId: posts.wages, sentiment: 'negative', severity: 2, topic: 'wages', actor: 'zhang', at: at.toISOString() });
    const second = await nextToLabel(store, 'zhang');
    expect(second?.post.id).toBe(posts.question);
    await skipInQueue(ctx('zhang'), posts.question!, at);
    expect((await nextToLabel(store, 'zhang'))?.post.id).toBe(posts.thanks);
    // Another officer still gets the post zhang skipped.
    expect((await nextToLabel(store, 'li'))?.post.id).toBe(posts.question);
    await labelFromQueue(ctx('zhang'), posts.thanks!, { sentiment: 'positive', severity: 0, topic: 'social_security_card' }, { at });
    expect(await nextToLabel(store, 'zhang')).toBeNull();

    const audit = await store.audit.list({ actor: 'zhang' });
    expect(audit.map((a) => [a.action, a.target])).toEqual([
      ['post.label', posts.thanks],
      ['post.label.skip', posts.question],
      ['post.label', posts.wages],
    ]);
    expect(audit[2]!.detail).toBe('标注队列：负面、严重程度 2 紧急、主题 欠薪/工资');
    expect(audit[2]!.ip).toBe('127.0.0.1');
  });

  it('draws every other post at random (the smallest post id) and stores each label with how it was picked', async () => {
    const at = new Date('2026-12-02T01:00:00Z');
    const first = (await nextToLabel(store, 'zhang'))!;
    expect([first.post.id, first.pick]).toEqual([posts.wages, 'unsure']);
    await labelFromQueue(ctx('zhang'), first.post.id, { sentiment: 'negative', severity: 2, topic: 'wages' }, { at, pick: first.pick });
    const second = (await nextToLabel(store, 'zhang'))!;
    expect([second.post.id, second.pick]).toEqual([[posts.thanks!, posts.question!].sort()[0], 'random']);
    await labelFromQueue(ctx('zhang'), second.post.id, { sentiment: 'neutral', severity: 0, topic: 'other' }, { at, pick: second.pick });
    const labels = await store.labels.list();
    expect(labels.map((l) => [l.postId, l.pick])).toEqual([
      [first.post.id, 'unsure'],
      [second.post.id, 'random'],
    ]);
    expect((await nextToLabel(store, 'zhang'))?.pick).toBe('unsure');
    // minsheng train chooses thresholds on the random pick only
    const merged = mergeLabels(labels);
    expect([merged.get(first.post.id)?.random, merged.get(second.post.id)?.random]).toEqual([undefined, true]);
    // a pick other than the two is refused, in Chinese; none (an older page) is stored as unknown
    expect(() => parsePick('chosen')).toThrow(/挑选方式（pick）取值无效/);
    expect(parsePick('')).toBeUndefined();
  });

  it('refuses to label or skip a post that does not exist', async () => {
    await expect(labelFromQueue(ctx('zhang'), 'gone', { sentiment: 'neutral', severity: 0, topic: 'other' })).rejects.toMatchObject({ status: 404 });
    await expect(skipInQueue(ctx('zhang'), '')).rejects.toMatchObject({ status: 404 });
    expect(await store.labels.list()).toEqual([]);
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { MINSHENG_SENTIMENT_WEIGHTS: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('what the queue labels feed', () => {
  it('minsheng train --from-triage trains on the labels given in the queue', async () => {
    await labelFromQueue(ctx('zhang'), posts.wages!, { sentiment: 'negative', severity: 2, topic: 'wages' });
    await labelFromQueue(ctx('zhang'), posts.thanks!, { sentiment: 'positive', severity: 0, topic: 'social_security_card' });
    await skipInQueue(ctx('zhang'), posts.question!);
    expect(await triageExamples(store)).toEqual([
      { text: `${TEXTS.wages[0]}\n${TEXTS.wages[1]}`, label: 'negative' },
      { text: `${TEXTS.thanks[0]}\n${TEXTS.thanks[1]}`, label: 'positive' },
    ]);
    await store.close();
    const { code, stdout, stderr } = await runCli(['train', '--from-triage', '--replace', '--data', dir]);
    store = openStore(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      '本局标注 2 条，其中工作台上标的（标注队列和研判更正） 2 条：情感 2 条（负面 1、中性 0、正面 1）、严重度 2 条（其中 3 级 0 条）、主题 2 条',
    );
    // the queue's severities and topics teach the crisis and topic models too; with --replace the two severities
    // (2 and 0) hold no crisis, so the crisis model cannot be trained from them alone and the output says so
    expect(stdout).toContain('危机模型没有训练：严重度标注里要既有 3 又有 0–2（--replace 时只用本局标注）');
    expect(stdout).toMatch(/主题模型：共训练 2 条，用时 [\d.]+ 秒/);
  }, 120_000);

  it('npm run eval gets the bureau set: latest label per post, field by field, only posts with a sentiment', async () => {
    await labelFromQueue(ctx('zhang'), posts.wages!, { sentiment: 'neutral', severity: 1, topic: 'wages' });
    await labelFromQueue(ctx('li'), posts.wages!, { sentiment: 'negative', severity: 2, topic: 'wages' });
    await store.labels.save({ postId: posts.question!, sentiment: null, severity: 0, topic: null, actor: 'li', at: '2026-12-02T00:00:00Z' });
    expect(await bureauLabelledLines(store)).toEqual([{ text: `${TEXTS.wages[0]}\n${TEXTS.wages[1]}`, sentiment: 'negative', severity: 2, topic: 'wages' }]);

    const section = await bureauEvaluationSection({ dataDir: dir }, scoreText);
    expect(section).toContain('# 本局自己标注的帖子');
    expect(section).toMatch(/本局标注（.*）（1 条）/);
    expect(section).toContain('严重度（1 条有标注）');
    // no label came from a random draw yet: no separate table
    expect(section).not.toContain('随机抽到的');
    await labelFromQueue(ctx('zhang'), posts.thanks!, { sentiment: 'positive', severity: 0, topic: 'other' }, { pick: 'random' });
    const withRandom = await bureauEvaluationSection({ dataDir: dir }, scoreText);
    expect(withRandom).toMatch(/本局标注（.*）（2 条）/);
    expect(withRandom).toMatch(/其中标注队列随机抽到的 1 条（[^\n]*）（1 条）/);
    // and against the scores stored before the labels, as the console shows them (posts labelled for all three fields only)
    expect(withRandom).toContain('## 入库时的评分对照本局标注');
    expect(withRandom).toContain('| 真实留言 | 随机抽到的（1 条，投诉 0） | 全部（含因为拿不准才排到前面的）（2 条，投诉 1） | 目标 |');
    expect(withRandom).toContain('没有算进来：三项没标全的 1 条，没有评分的 0 条，标注之后重新评过分的 0 条。');
    const empty = mkdtempSync(join(tmpdir(), 'minsheng-labelling-empty-'));
    expect(await bureauEvaluationSection({ dataDir: empty }, scoreText)).toContain('没有库');
    rmSync(empty, { recursive: true, force: true });
  });

  it('merges labels field by field, a later empty field keeping the earlier value', () => {
    const l = (id: number, over: Partial<PostLabel>): PostLabel => ({
      id,
      postId: 'p',
      sentiment: null,
      severity: null,
      topic: null,
      actor: 'a',
      at: '2026-12-01T00:00:00Z',
      ...over,
    });
    expect(mergeLabels([l(2, { severity: 3 }), l(1, { sentiment: 'negative', severity: 1, topic: 'pension' })]).get('p')).toMatchObject({
      sentiment: 'negative',
      severity: 3,
      topic: 'pension',
    });
  });
});
