// One contract for every second-opinion backend: the embedded scorer always, Ollama only when
// OLLAMA_HOST points at a real server (otherwise reported as skipped — never faked).
import { describe, expect, it } from 'vitest';
import {
  checkQuotes,
  DEFAULT_LLM_MODEL,
  EmbeddedSecondOpinion,
  OllamaSecondOpinion,
  parseJudgement,
  SecondOpinionError,
  type SecondOpinion,
} from '../../analysis/second-opinion/index.ts';

const CRISIS = '宣汉县安置房工地拖欠我们三十多个农民工工资快半年了，多次反映没人管，明天大家一起去县政府门口拉横幅讨说法，再不给钱有人要跳楼了。';
const THANKS = '感谢通川区人社局窗口的工作人员，耐心帮我办好了失业金申领，五天就到账了，点赞！';
const QUESTION = '请问灵活就业人员养老保险的缴费基数今年是多少？在哪里可以办理？';

function contract(name: string, make: () => SecondOpinion, timeout = 5_000) {
  describe(`second opinion contract: ${name}`, () => {
    it('judges a crisis post negative and severe, quoting the post verbatim', { timeout }, async () => {
      const j = await make().judge(CRISIS);
      expect(j.sentiment).toBe('negative');
      expect(j.severity).toBeGreaterThanOrEqual(2);
      expect(j.negative).toBeGreaterThan(0.5);
      for (const q of j.quotes) expect(CRISIS.replace(/\s+/g, '')).toContain(q.replace(/\s+/g, ''));
    });

    it('does not call thanks or a polite question negative', { timeout }, async () => {
      const opinion = make();
      expect((await opinion.judge(THANKS)).sentiment).not.toBe('negative');
      expect((await opinion.judge(QUESTION)).sentiment).not.toBe('negative');
    });

    it('refuses an empty post with a Chinese message', { timeout }, async () => {
      await expect(make().judge('  ')).rejects.toThrow(/帖子内容为空/);
    });
  });
}

contract('embedded', () => new EmbeddedSecondOpinion());

const ollamaHost = process.env.OLLAMA_HOST;
describe.skipIf(!ollamaHost)('against a real Ollama server (OLLAMA_HOST)', () => {
  contract(
    `ollama ${process.env.MINSHENG_LLM_MODEL ?? DEFAULT_LLM_MODEL}`,
    () => new OllamaSecondOpinion(ollamaHost!, process.env.MINSHENG_LLM_MODEL ?? DEFAULT_LLM_MODEL),
    120_000,
  );
});

describe('answer checking', () => {
  it('drops quotes that are not in the post and counts them', () => {
    expect(checkQuotes(CRISIS, ['拖欠我们三十多个农民工工资', '已经有人受伤住院', '拉 横幅'])).toEqual({
      quotes: ['拖欠我们三十多个农民工工资', '拉 横幅'],
      invented: 1,
    });
  });

  it('explains a malformed model answer instead of guessing', () => {
    expect(() => parseJudgement('好的，这是负面帖子', CRISIS, 'm')).toThrow(SecondOpinionError);
    expect(() => parseJudgement('{"sentiment":"angry"}', CRISIS, 'm')).toThrow(/sentiment/);
    const ok = parseJudgement(
      JSON.stringify({ sentiment: 'negative', negative: 0.9, severity: 3, rationale: '扬言跳楼', quotes: ['有人要跳楼了', '编造的话'] }),
      CRISIS,
      'm',
    );
    expect(ok.quotes).toEqual(['有人要跳楼了']);
    expect(ok.inventedQuotes).toBe(1);
  });
});
