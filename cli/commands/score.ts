// `minsheng score`: JSON lines in, one score per line out. A stable contract other tools build
// on; a bad line gets an error line (in Chinese) and the rest is still scored.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from '../command.ts';
import { stringOption } from '../command.ts';
import { scoreText } from '../../analysis/index.ts';
import { reasonText } from '../../analysis/reasons.ts';
import type { ScoreResult } from '../../store/types.ts';
import type { Env } from '../../config/env.ts';

type LineResult = { ok: true; output: Record<string, unknown>; score: ScoreResult } | { ok: false; output: Record<string, unknown> };

/** The output line of a score: the contract prints each reason as the sentence it has always been. */
function scoreOutput(id: string | number, s: ScoreResult): Record<string, unknown> {
  return { id, sentiment: s.sentiment, negative: s.negative, severity: s.severity, topic: s.topic, reasons: s.reasons.map(reasonText) };
}

/** Scores one input line; exported for tests of the contract without a process. */
export function scoreLine(line: string, lineNumber: number): LineResult {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return { ok: false, output: { id: null, line: lineNumber, error: `第 ${lineNumber} 行不是合法的 JSON` } };
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return { ok: false, output: { id: null, line: lineNumber, error: `第 ${lineNumber} 行应为 {"id": …, "text": …} 对象` } };
  }
  const { id, text } = row as { id?: unknown; text?: unknown };
  const validId = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (validId === null) {
    return { ok: false, output: { id: null, line: lineNumber, error: `第 ${lineNumber} 行缺少 id（应为文字或数字）` } };
  }
  if (typeof text !== 'string') {
    return { ok: false, output: { id: validId, line: lineNumber, error: `第 ${lineNumber} 行的 text 应为文字` } };
  }
  const score = scoreText(text);
  return { ok: true, output: scoreOutput(validId, score), score };
}

/** Lines reviewed together: enough to keep `concurrency` requests busy, small enough to stream. */
const REVIEW_BATCH = 32;

export const command: Command = {
  name: 'score',
  summary: '给文本打分：情感、严重度、主题（JSON 行进出）',
  usage: `用法: minsheng score [--input FILE]

从标准输入（或 --input 文件）逐行读取 {"id": "…", "text": "…"}，每行输出一行结果：
  {"id","sentiment":"negative|neutral|positive","negative":0..1,"severity":0..3,"topic":"…","reasons":[…]}
某行有误时输出 {"id","line","error"} 并继续处理后面的行，最后退出码为 1。
本地计算，不联网。

选项:
  --input FILE      输入文件（默认标准输入）
  --review          设置了 OLLAMA_HOST 时，把不确定或严重度 ≥2 的帖子交给本地大模型复核（模型取 MINSHENG_LLM_MODEL）；
                    大模型不可用或回答不合格时沿用默认评分，理由里注明

示例:
  echo '{"id":"1","text":"工地拖欠工资三个月没人管"}' | minsheng score`,
  options: { input: { type: 'string', short: 'i' }, review: { type: 'boolean' } },
  async run(args, io, env) {
    const file = stringOption(args, 'input');
    const review = args.values.review === true && env?.llm ? await openReview(env.llm) : null;
    let pending: { result: LineResult; text: string }[] = [];
    const flush = async () => {
      if (review) await review(pending);
      for (const { result } of pending) io.stdout.write(JSON.stringify(result.output) + '\n');
      pending = [];
    };
    const input = file ? createReadStream(file, { encoding: 'utf8' }) : io.stdin;
    const lines = createInterface({ input, crlfDelay: Infinity });
    let bad = 0;
    let n = 0;
    try {
      for await (const raw of lines) {
        n += 1;
        const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (!line.trim()) continue;
        const result = scoreLine(line, n);
        if (!result.ok) bad += 1;
        pending.push({ result, text: result.ok ? (JSON.parse(line) as { text: string }).text : '' });
        if (pending.length >= REVIEW_BATCH) await flush();
      }
      await flush();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        io.stderr.write(`minsheng score: 输入文件 ${file} 不存在\n`);
        return 1;
      }
      throw err;
    }
    if (bad) io.stderr.write(`minsheng score: ${bad} 行有误，其余已评分\n`);
    return bad ? 1 : 0;
  },
};

/** The LLM review for `--review`: replaces the score fields of reviewed lines in place. */
async function openReview(llm: NonNullable<Env['llm']>): Promise<(batch: { result: LineResult; text: string }[]) => Promise<void>> {
  const { openSecondOpinion, reviewScores, ReviewCache } = await import('../../analysis/second-opinion/index.ts');
  const opinion = openSecondOpinion(llm);
  const cache = new ReviewCache();
  return async (batch) => {
    const scored = batch.flatMap(({ result, text }) => (result.ok ? [{ result, text }] : []));
    const items = scored.map(({ result, text }) => ({ text, score: result.score }));
    const reviewed = await reviewScores(items, opinion, { cache });
    scored.forEach(({ result }, i) => {
      result.score = reviewed[i]!.score;
      result.output = scoreOutput(result.output.id as string | number, result.score);
    });
  };
}
