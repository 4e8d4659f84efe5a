// 居民在问 grouping and what the 明白纸 list reads from a text.
import { describe, expect, it } from 'vitest';
import { draftFromQuestions, groupQuestions, isQuestion, type QuestionPost } from '../../publicity/questions.ts';
import { reviewState, staleParameters, summarizeSource } from '../../publicity/summary.ts';

const now = new Date('2026-03-31T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
let n = 0;
const post = (title: string, topic: string, days: number, sentiment = 'neutral'): QuestionPost => ({
  id: String(++n),
  title,
  body: '',
  url: `https://board.example/${n}`,
  at: daysAgo(days),
  topic,
  sentiment,
});

describe('isQuestion', () => {
  it('tells questions from complaints and reports', () => {
    expect(isQuestion('请问灵活就业人员怎么交养老保险', '')).toBe(true);
    expect(isQuestion('失业金能领几个月？', '')).toBe(true);
    expect(isQuestion('社保卡补办要什么材料', '')).toBe(true);
    expect(isQuestion('某工地拖欠工资三个月', '老板跑了')).toBe(false);
    expect(isQuestion('感谢社保局工作人员', '办事很快')).toBe(false);
  });
});

describe('groupQuestions', () => {
  const posts = [
    post('请问失业金怎么领？', 'unemployment', 1),
    post('失业保险金能领多久', 'unemployment', 2),
    post('失业了能领钱吗', 'unemployment', 10),
    post('社保卡丢了怎么补办', 'social_security_card', 3),
    post('社保卡在哪里激活？', 'social_security_card', 9),
    post('社保卡怎么挂失', 'social_security_card', 11),
    post('拖欠工资怎么办？', 'wages', 2, 'negative'), // a complaint, not a neutral question
    post('养老金什么时候发？', 'pension', 40), // older than 30 days
    post('工地今天开工', 'wages', 1), // not a question
    post('联系电话13812345678请问怎么办理', 'unemployment', 0.5),
  ];
  const groups = groupQuestions(
    posts,
    [
      { id: 'unemployment-benefit', topic: '失业保险' },
      { id: 'retirement', topic: '养老保险' },
    ],
    now,
  );

  it('counts neutral questions per matter over 7 and 30 days, with the week-on-week trend', () => {
    expect(groups.map((g) => [g.topic, g.last7, g.last30, g.previous7, g.trend])).toEqual([
      ['unemployment', 3, 4, 1, 'up'],
      ['social_security_card', 1, 3, 2, 'down'],
    ]);
  });

  it('links each matter to the explainers on its topic, or none yet', () => {
    expect(groups[0]!.explainers).toEqual(['unemployment-benefit']);
    expect(groups[1]!.explainers).toEqual([]);
  });

  it('shows the newest examples, with phone numbers masked', () => {
    expect(groups[0]!.examples.map((e) => e.title)).toEqual(['联系电话138****5678请问怎么办理', '请问失业金怎么领？', '失业保险金能领多久']);
  });

  it('starts a draft from the questions with the matching glossary words', () => {
    const draft = draftFromQuestions(groups[1]!, '社保卡', ['社保卡']);
    expect(draft).toContain('topic: 社保卡');
    expect(draft).toContain('- 社保卡丢了怎么补办');
    expect(draft).toContain('glossary: [社保卡]');
    expect(summarizeSource(draft).title).toBe('社保卡怎么办');
  });
});

describe('summarizeSource', () => {
  const source = '---\ntitle: 失业金怎么领\ntopic: 失业保险\neffectiveFrom: 2025-01-01\nreviewBy: 2026-03-01\nparameters: [a/b]\n---\n\n正文\n';
  it('reads title, topic and dates, tolerating broken drafts', () => {
    expect(summarizeSource(source)).toMatchObject({
      title: '失业金怎么领',
      topic: '失业保险',
      effectiveFrom: '2025-01-01',
      reviewBy: '2026-03-01',
      parameters: ['a/b'],
      body: '\n正文\n',
    });
    expect(summarizeSource('---\ntitle: [unclosed\n---\n')).toMatchObject({ title: null, parameters: [] });
    expect(summarizeSource('no front matter').body).toBe('no front matter');
  });
  it('finds quoted figures with a newer value and review dates that passed', () => {
    const files = { 'a/b': { label: '失业保险金标准', values: { '2024-07-01': 1, '2025-07-01': 2, '2027-01-01': 3 } } };
    expect(staleParameters(summarizeSource(source), files, '2026-03-31')).toEqual([{ id: 'a/b', label: '失业保险金标准', since: '2025-07-01' }]);
    expect(staleParameters({ parameters: ['a/b'], effectiveFrom: '2025-08-01' }, files, '2026-03-31')).toEqual([]);
    expect(reviewState('2026-03-01', '2026-03-31')).toBe('overdue');
    expect(reviewState('2026-04-15', '2026-03-31')).toBe('soon');
    expect(reviewState('2026-12-01', '2026-03-31')).toBe('ok');
    expect(reviewState(null, '2026-03-31')).toBe('missing');
  });
});
