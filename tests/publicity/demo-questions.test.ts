// 居民在问 on the demo board: every post scored by the shipped scorer, then grouped. The board's
// posts carry their kind (consult, complaint …), written by the demo's authors; we measure how many
// consultations the board shows and how many non-questions slip in.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOARD_POSTS } from '../../demo/board/posts.ts';
import { instantOf, boardDay } from '../../demo/board/calendar.ts';
import { scoreText } from '../../analysis/index.ts';
import { groupQuestions, type QuestionPost } from '../../publicity/questions.ts';
import { summarizeSource } from '../../publicity/summary.ts';
import { projectPath } from '../../config/paths.ts';

describe('居民在问 on the demo board', () => {
  const now = new Date();
  const day = boardDay(now);
  const posts: (QuestionPost & { kind: string })[] = BOARD_POSTS.map((p) => {
    const s = scoreText(`${p.title}\n${p.body.join('\n')}`);
    return {
      id: String(p.id),
      kind: p.kind,
      title: p.title,
      body: p.body.join('\n'),
      url: `http://127.0.0.1/thread/${p.id}`,
      at: instantOf(day, p.daysAgo, p.time).toISOString(),
      topic: s.topic,
      sentiment: s.sentiment,
    };
  });
  const dir = projectPath('site', 'content', 'explainers');
  const explainers = readdirSync(dir).map((f) => ({ id: f.replace(/\.md$/, ''), topic: summarizeSource(readFileSync(`${dir}/${f}`, 'utf8')).topic }));
  const groups = groupQuestions(posts, explainers, now, 100);
  const shown = new Set(groups.flatMap((g) => g.examples.map((e) => e.id)));
  const consult = posts.filter((p) => p.kind === 'consult');
  const found = consult.filter((p) => shown.has(p.id)).length;
  const strays = posts.filter((p) => p.kind !== 'consult' && shown.has(p.id));

  it('groups most of the demo consultations by matter, each linked to its explainer where one exists', () => {
    console.log(
      `居民在问（演示留言板 ${posts.length} 帖，咨询 ${consult.length} 帖）：收进 ${found} 帖咨询，混入非咨询 ${strays.length} 帖（${strays.map((p) => p.kind).join('、') || '无'}）；${groups.length} 组`,
    );
    expect(found / consult.length).toBeGreaterThanOrEqual(0.9);
    expect(strays.length).toBeLessThanOrEqual(2);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(groups.some((g) => g.explainers.length > 0)).toBe(true);
  });
});
