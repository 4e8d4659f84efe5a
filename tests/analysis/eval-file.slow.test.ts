// `npm run eval -- FILE.jsonl`: how a bureau checks issue 12's targets on its own held-back messages. The
// script is run as the bureau runs it; the lines are written for this test.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../config/paths.ts';
import { CRISIS_WEIGHTS_FILE } from '../../analysis/crisis-model/model.ts';

const run = promisify(execFile);
const script = ['bin/run-ts.mjs', 'tests/bench/sentiment.eval.ts'];
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function evalFile(rows: object[] | string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'minsheng-eval-')), 'bureau.jsonl');
  writeFileSync(file, typeof rows === 'string' ? rows : jsonl(rows));
  try {
    const { MINSHENG_SENTIMENT_WEIGHTS: _ignored, ...base } = process.env;
    const { stdout } = await run(process.execPath, [...script, file], { cwd: PROJECT_ROOT, env: { ...base, ...env } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('npm run eval -- FILE', () => {
  it("prints issue 12's table for a fully labelled file: a line labelled 3 that the scorer does not find counts against severity-3 recall", async () => {
    const { code, out } = await evalFile([
      { text: '我们厂八十多名工人的工资已经拖了半年，多次到劳动监察大队反映都没有结果', label: 'negative', severity: 2, topic: 'wages' },
      { text: '请问灵活就业人员养老保险怎么交？', label: 'neutral', severity: 0, topic: 'social_insurance' },
      { text: '再不给钱我们就一起去市政府门口拉横幅', label: 'negative', severity: 3, topic: 'wages' },
      // labelled 3 by the "bureau", but nothing in it is a crisis: the table must show the miss
      { text: '社保卡补办要多久？', label: 'neutral', severity: 3, topic: 'social_security_card' },
    ]);
    expect(code).toBe(0);
    const table = out.slice(out.indexOf('按 issue 12 的目标表'));
    expect(table).toContain('bureau.jsonl（4 条，投诉 2）');
    // two letters labelled 3 say little: each share carries its 95% interval, and the verdict is "说不准"
    expect(table).toContain('| 严重度 3 召回 / 精确 | 50.0%（9.5–90.5%，说不准） / 100.0%（20.7–100.0%，说不准）（2 条） | ≥ 85% / ≥ 50% |');
    expect(table).toContain('| 投诉的主题准确率 | 100.0%（34.2–100.0%，说不准） | ≥ 80% |');
  }, 60_000);

  it('scores with the data directory’s retrained models, the ones minsheng train wrote, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-eval-data-'));
    const rows = [{ text: '再不给钱我们就一起去市政府门口拉横幅', label: 'negative', severity: 3, topic: 'wages' }];
    const shipped = await evalFile(rows, { MINSHENG_DATA: dir });
    expect(shipped.out).toContain(`（数据目录 ${dir} 里重训的权重，没有的用项目自带的）`);
    const crisis = JSON.parse(readFileSync(CRISIS_WEIGHTS_FILE, 'utf8'));
    writeFileSync(join(dir, 'crisis-weights.json'), JSON.stringify({ ...crisis, bias: [0, 0] }));
    const retrained = await evalFile(rows, { MINSHENG_DATA: dir });
    const version = (out: string) => out.match(/-crisis-([0-9a-f]{10})/)?.[1];
    expect(version(retrained.out)).toBeDefined();
    expect(version(retrained.out)).not.toBe(version(shipped.out));
  }, 60_000);

  it('leaves the table out when a line has no severity, and names a bad line in Chinese without printing figures', async () => {
    const partial = await evalFile([{ text: '工资三个月没发', label: 'negative', topic: 'wages' }]);
    expect(partial.code).toBe(0);
    expect(partial.out).toContain('有的行没有 severity 或 topic：不打印 issue 12 的目标表');
    const bad = await evalFile('{"text":"工资三个月没发","label":"angry"}\n');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 1 行：label（或 sentiment）应为 negative、neutral 或 positive');
    expect(bad.out).not.toContain('按 issue 12 的目标表');
  }, 60_000);
});
