// Second opinion from a local LLM through Ollama's chat API (official `ollama` client),
// with structured output constrained by a JSON schema. Only used when OLLAMA_HOST is set.
import { Ollama } from 'ollama';
import { z } from 'zod';
import { judgementSchema, parseJudgement, type Judgement, type SecondOpinion, SecondOpinionError } from './second-opinion.ts';

const SYSTEM_PROMPT = `你是人社局舆情值班助手。阅读一条群众帖子，判断：
- sentiment：negative（投诉、不满、求助无门）、neutral（咨询、陈述）或 positive（感谢、表扬）；礼貌的咨询是 neutral。
- negative：帖子为负面的把握，0 到 1。
- severity：0 无风险；1 一般投诉；2 较大（多次反映无果、多人受影响、扬言曝光）；3 重大（聚集、堵路、以死相逼、伤亡）。
- rationale：一两句中文理由。
- quotes：从帖子原文中逐字摘录的支持理由的短语（不得改写，不得编造）。
只输出 JSON。`;

export class OllamaSecondOpinion implements SecondOpinion {
  readonly name: string;

  constructor(
    private readonly host: string,
    private readonly model: string,
    private readonly timeoutMs = 60_000,
  ) {
    this.name = `ollama:${model}`;
  }

  async judge(text: string): Promise<Judgement> {
    if (text.trim() === '') throw new SecondOpinionError('帖子内容为空，无法判断');
    // The client's abort() only reaches streamed requests, so the timeout aborts this call's own
    // fetch; one client per call, so a slow post never cancels the others running alongside it.
    const controller = new AbortController();
    const client = new Ollama({ host: this.host, fetch: (input, init) => fetch(input, { ...init, signal: controller.signal }) });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await client.chat({
        model: this.model,
        stream: false,
        format: z.toJSONSchema(judgementSchema),
        options: { temperature: 0 },
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: text.slice(0, 4000) },
        ],
      });
      return parseJudgement(response.message.content, text, this.name);
    } catch (err) {
      if (err instanceof SecondOpinionError) throw err;
      if (timedOut) throw new SecondOpinionError(`Ollama（${this.model}）${this.timeoutMs} 毫秒内没有回答`);
      throw new SecondOpinionError(`无法从 Ollama（${this.model}）取得第二意见：${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
