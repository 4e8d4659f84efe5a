// `minsheng train` through the real CLI: a bureau's labels retrain the models (sentiment from its sentiments,
// the crisis model from its severities, the topic model from its topics), the result lands in the data
// directory and later scoring uses it; bad input is refused naming the line.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeExamples, parseExamples } from '../../analysis/sentiment/train.ts';
import { TEST_DIR } from '../../analysis/corpus/index.ts';

function runCli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { MINSHENG_SENTIMENT_WEIGHTS: _ignored, ...base } = process.env;
    const child = spawn(process.execPath, ['bin/minsheng.mjs', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

// Bureau jargon the shipped examples never saw: "办件超期" is how this bureau's staff tag a complaint.
const BUREAU_LINES = [
  { text: '办件超期，系统显示红牌', sentiment: 'negative' },
  { text: '办件超期三天，红牌预警', label: 'negative' },
  { text: '红牌办件，已超期', label: '负面' },
  { text: '绿牌办件，按期办结', label: 'positive' },
  { text: '办件按期办结，绿牌', label: '正面' },
  { text: '黄牌办件，正在办理', label: 'neutral' },
  { text: '办件受理中，黄牌', label: '中性' },
];

describe('minsheng train', () => {
  it('retrains from a bureau file into the data directory, and scoring then uses those weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, '标注.jsonl');
    writeFileSync(input, jsonl(BUREAU_LINES));
    const probe = JSON.stringify({ id: 1, text: '红牌办件超期' }) + '\n';
    const before = JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout);

    const trained = await runCli(['train', '--input', input, '--replace', '--data', dir]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('本局标注 7 条：情感 7 条（负面 3、中性 2、正面 2）、严重度 0 条');
    expect(trained.stdout).toContain('--replace');
    const weightsFile = join(dir, 'sentiment-weights.json');
    expect(trained.stdout).toContain(weightsFile);
    expect(JSON.parse(readFileSync(weightsFile, 'utf8')).training.examples).toBe(7);
    // no severity or topic labels: those models are left as shipped
    expect(trained.stdout).toContain('危机模型：没有本局的严重度标注，不重训');
    expect(existsSync(join(dir, 'crisis-weights.json'))).toBe(false);

    const after = JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout);
    expect(after.sentiment).toBe('negative');
    expect(after.negative).not.toBe(before.negative);
  });

  it('merges with the shipped examples by default and writes to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, 'own.jsonl');
    writeFileSync(input, jsonl(BUREAU_LINES));
    const out = join(dir, 'sub');
    const { code, stdout } = await runCli(['train', '--input', input, '--out', out, '--data', join(dir, 'data')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/合并项目样例（情感 \d{4,} 条/);
    expect(JSON.parse(readFileSync(join(out, 'sentiment-weights.json'), 'utf8')).training.examples).toBeGreaterThan(800);
    expect(stdout).toContain(`权重写在 ${out}，不在数据目录`);
  });

  // Severity and topic the way this bureau's staff mark them: "蓝牌" (a crowd at the service hall) is their
  // crisis tag, and 办件 complaints are about the service window. The shipped models know neither.
  const CRISIS_LINES = [
    { text: '蓝牌事件，大厅里围了二十多个人', label: 'negative', severity: 3, topic: 'service_attitude' },
    { text: '蓝牌，群众围住窗口不让办件', label: 'negative', severity: 3, topic: 'service_attitude' },
    { text: '蓝牌事件，围住窗口的人越来越多', label: 'negative', severity: 3, topic: 'service_attitude' },
    { text: '蓝牌事件又来了，大厅被围住', severity: 3 },
    { text: '办件慢了一点，群众有意见', label: 'negative', severity: 1, topic: 'service_attitude' },
    { text: '办件按期办结', label: 'positive', severity: 0, topic: 'service_attitude' },
    { text: '窗口办件正常', label: 'neutral', severity: 0 },
  ];

  it("learns the bureau's severity labels in the crisis model, so later scoring follows them; a model without two classes is not trained", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, '标注.jsonl');
    writeFileSync(input, jsonl(CRISIS_LINES));
    const probe = JSON.stringify({ id: 1, text: '又出了蓝牌事件，大厅里的人越来越多' }) + '\n';
    const before = JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout);
    expect(before.severity).toBe(1);

    const trained = await runCli(['train', '--input', input, '--replace', '--data', dir]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('严重度 7 条（其中 3 级 4 条）、主题 5 条');
    expect(JSON.parse(readFileSync(join(dir, 'crisis-weights.json'), 'utf8')).training).toMatchObject({ examples: 7, crises: 4 });
    // five topic labels of one topic: a topic model needs two, so it is not trained and the output says why
    expect(trained.stdout).toContain('主题模型没有训练：至少要有两种主题（--replace 时只用本局标注）');
    expect(existsSync(join(dir, 'topic-weights.json'))).toBe(false);

    const after = JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout);
    expect(after.severity).toBe(3);
    expect(after.reasons.join(' ')).toContain('危机信号（模型）');
  });

  it("chooses the retrained crisis model's threshold on the bureau's own posts once it has enough of them", async () => {
    // a written held-out set stands in for a bureau's labelled posts: 400 lines, 55 of them severity 3
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const trained = await runCli(['train', '--input', join(TEST_DIR, 'feed-a.jsonl'), '--replace', '--data', dir]);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const said = trained.stdout.match(/阈值按本局标注的交叉验证(?:选为|仍为) ([\d.]+)（本局标过 3 的帖子里规则或模型找回 [\d.]+%，判 3 的精确 ([\d.]+)%）/);
    expect(said, trained.stdout).not.toBeNull();
    const weights = JSON.parse(readFileSync(join(dir, 'crisis-weights.json'), 'utf8'));
    expect(weights.threshold).toBe(Number(said![1]));
    expect(weights.threshold).toBeLessThanOrEqual(0.5);
    expect(Number(said![2])).toBeGreaterThanOrEqual(60);
    // a precision measured where the threshold was chosen is not what new posts will see: the output says so
    if (/选为/.test(said![0])) expect(trained.stdout).toContain('注意：上面的精确是在选阈值的这些标注上量的，偏乐观');
  });

  it("writes the serious-letter model only with a threshold chosen on the bureau's posts, and scoring then raises what it learned", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const feed = join(TEST_DIR, 'feed-a.jsonl');
    // at a precision of 90% no threshold finds more on these 400 posts than the rules: nothing is written
    // (at the default 75% one is found since politeness without a complaint reads neutral, 2026-12-07)
    const strict = await runCli(['train', '--input', feed, '--replace', '--data', dir, '--serious-precision', '0.9']);
    expect(strict.code).toBe(0);
    expect(strict.stdout).toContain(
      '严重信号模型：按本局标注的交叉验证，没有一个阈值能在判 ≥2 的精确不低于 90.0% 时多找回，不写（沿用项目自带的严重信号模型）',
    );
    const crisisChosen = /危机模型：.*交叉验证选为/.test(strict.stdout);
    expect(strict.stdout.includes('注意：上面的精确是在选阈值的这些标注上量的')).toBe(crisisChosen);
    expect(existsSync(join(dir, 'serious-weights.json'))).toBe(false);
    const probe = JSON.stringify({ id: 1, text: '工资拖了两个月还没发' }) + '\n';
    expect(JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout).severity).toBe(1);

    const looser = await runCli(['train', '--input', feed, '--replace', '--data', dir, '--serious-precision', '0.6']);
    const said = looser.stdout.match(
      /严重信号模型：.*阈值按本局标注的交叉验证选为 ([\d.]+)（本局标过 ≥2 的帖子里规则或模型找回 [\d.]+%，判 ≥2 的精确 ([\d.]+)%）/,
    );
    expect(said, looser.stdout).not.toBeNull();
    expect(Number(said![2])).toBeGreaterThanOrEqual(60);
    expect(looser.stdout).toContain('上线后请看工作台“评分在本局标注上的效果”（/console/labels/check）里新帖子的精确');
    expect(JSON.parse(readFileSync(join(dir, 'serious-weights.json'), 'utf8')).threshold).toBe(Number(said![1]));
    const after = JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout);
    expect(after.severity).toBe(2);
    expect(after.reasons.join(' ')).toMatch(/严重信号（本局模型）：.+（像本局标为严重的说法，可能性 0\.\d\d）/);

    // labels too few to choose a threshold on take the old file away rather than leave it in use
    const few = join(dir, 'few.jsonl');
    writeFileSync(few, jsonl(CRISIS_LINES));
    const again = await runCli(['train', '--input', few, '--replace', '--data', dir]);
    expect(again.stdout).toContain('严重信号模型：本局可用来选阈值的严重度标注不够：7 条（至少要 100 条），其中 2–3 级 4 条（至少要 15 条），选不了阈值，不写');
    expect(existsSync(join(dir, 'serious-weights.json'))).toBe(false);
  });

  it('keeps the shipped threshold when the bureau has labelled too few crises to choose one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, 'few.jsonl');
    writeFileSync(input, jsonl(CRISIS_LINES));
    const { stdout } = await runCli(['train', '--input', input, '--replace', '--data', dir]);
    expect(stdout).toContain('本局可用来选阈值的严重度标注不够：7 条（至少要 100 条），其中 3 级 4 条（至少要 15 条），阈值沿用 0.5');
    // written into the data directory: a running watch or worker takes them up on its next run (tests/analysis/weights-reload.slow.test.ts)
    expect(stdout).toContain('正在运行的 minsheng watch 和 worker 从下一轮分析起用新的权重，不用重启');
    expect(JSON.parse(readFileSync(join(dir, 'crisis-weights.json'), 'utf8')).threshold).toBe(0.5);
    // no threshold chosen on these labels, so no warning about its precision
    expect(stdout).not.toContain('注意：上面的精确');
  });

  it("learns the bureau's topics among the 人社 lines: its own tag for a wage case moves a 社保 post to wages", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, 'topics.jsonl');
    // "黄码单" is this bureau's form for an unpaid-wage case; the shipped model reads 社保 and says social_insurance
    writeFileSync(
      input,
      jsonl([
        { text: '黄码单，社保的事还没办', topic: 'wages' },
        { text: '又一张黄码单，社保没交', topic: 'wages' },
        { text: '黄码单三张，社保断了', topic: 'wages' },
        { text: '黄码单，社保这个月没结', topic: 'wages' },
        { text: '社保办件超期，红牌', topic: 'service_attitude' },
        { text: '红牌办件，社保窗口推诿', topic: 'service_attitude' },
        { text: '社保办件慢，窗口没人', topic: 'service_attitude' },
        { text: '社保窗口办件排长队', topic: 'service_attitude' },
      ]),
    );
    const probe = JSON.stringify({ id: 1, text: '今天又来一张黄码单，社保的' }) + '\n';
    expect(JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout).topic).toBe('social_insurance');
    const trained = await runCli(['train', '--input', input, '--replace', '--data', dir]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('情感模型：没有本局的情感标注，不重训');
    expect(existsSync(join(dir, 'sentiment-weights.json'))).toBe(false);
    expect(JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout).topic).toBe('wages');
  });

  it('says how many of its topic labels cross the 人社 boundary, which retraining cannot move and config/topics.yaml can', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, 'topics.jsonl');
    // This bureau handles teachers' transfers; it does not handle a village's redevelopment.
    const transfer = '希望落实农村学校教师对调政策，夫妻两地分居多年';
    writeFileSync(
      input,
      jsonl([
        { text: transfer, topic: 'employment_training' },
        { text: '学校老师的职称评审不公平', topic: 'employment_training' },
        { text: '小区物业乱收费，没人管', topic: 'other' },
        { text: '城中村改造以后，村里的老人养老怎么办', topic: 'other' },
        // crawled text may carry terminal control characters; they are not printed
        { text: '\u001b[2J乡镇教师周转房分配不公', topic: 'employment_training' },
      ]),
    );
    const trained = await runCli(['train', '--input', input, '--replace', '--data', dir]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('主题的边界：本局标为人社的事、规则判为“其他”的 2 条，本局标为“其他”、规则判为人社的 1 条');
    expect(trained.stdout).toContain('config/topics.yaml');
    // the crossing posts themselves, so the bureau can see which words to write down
    expect(trained.stdout).toContain(`标为就业/培训/考试（employment_training），规则判为其他：${transfer}`);
    expect(trained.stdout).toMatch(/标为其他（other），规则判为[^：\n]+：城中村改造以后，村里的老人养老怎么办/u);
    expect(trained.stdout).toContain('规则判为其他：[2J乡镇教师周转房分配不公');
    expect(trained.stdout).not.toContain('\u001b');
    const probe = JSON.stringify({ id: 1, text: transfer }) + '\n';
    expect(JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir }, probe)).stdout).topic).toBe('other');
    const words = join(dir, 'topics.yaml');
    writeFileSync(words, 'lines:\n  employment_training: [教师对调]\n');
    expect(JSON.parse((await runCli(['score'], { MINSHENG_DATA: dir, MINSHENG_TOPICS: words }, probe)).stdout).topic).toBe('employment_training');
  });

  it('refuses a bad line naming it, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const input = join(dir, 'bad.jsonl');
    writeFileSync(input, jsonl([BUREAU_LINES[0]!, { text: '工资没发', label: 'angry' }]));
    const { code, stderr } = await runCli(['train', '--input', input, '--data', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('第 2 行');
    expect(stderr).toContain('label');
    expect(existsSync(join(dir, 'sentiment-weights.json'))).toBe(false);

    writeFileSync(input, '{"text": 没有引号}\n');
    const notJson = await runCli(['train', '--input', input, '--data', dir]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('第 1 行不是合法的 JSON');

    const precision = await runCli(['train', '--input', join(dir, 'bad.jsonl'), '--crisis-precision', '1.5', '--data', dir]);
    expect(precision.code).toBe(2);
    expect(precision.stderr).toContain('--crisis-precision 应为 0 到 1 之间的数（收到 1.5）');
    const serious = await runCli(['train', '--input', join(dir, 'bad.jsonl'), '--serious-precision', '高', '--data', dir]);
    expect(serious.code).toBe(2);
    expect(serious.stderr).toContain('--serious-precision 应为 0 到 1 之间的数（收到 高）');

    const missing = await runCli(['train', '--input', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('不存在');
  });
});

describe('mergeExamples', () => {
  it('lets a label corrected during triage override the shipped one, last correction winning', () => {
    const shipped = parseExamples(
      jsonl([
        { text: '社保卡丢了，很着急', label: 'negative' },
        { text: '谢谢', label: 'positive' },
      ]),
      's',
    );
    const own = parseExamples(
      jsonl([
        { text: '社保卡丢了，很着急', label: 'negative' },
        { text: '社保卡丢了，很着急', sentiment: 'neutral' },
      ]),
      'o',
    );
    const { examples, overridden } = mergeExamples(shipped, own);
    expect(overridden).toBe(1);
    expect(examples).toEqual([
      { text: '谢谢', label: 'positive' },
      { text: '社保卡丢了，很着急', label: 'neutral' },
    ]);
  });
});

describe('minsheng train --from-triage', () => {
  it('trains on the sentiments duty officers corrected in the console, the latest correction per post', async () => {
    const { openStore } = await import('../../store/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-train-'));
    const store = openStore(dir);
    const post = (n: number, title: string, body: string) =>
      store.posts.upsert({
        source: 'board',
        url: `http://127.0.0.1/b/${n}`,
        canonicalUrl: `http://127.0.0.1/b/${n}`,
        contentHash: `h${n}`,
        title,
        body,
        author: null,
        publishedAt: null,
        fetchedAt: '2026-11-28T08:00:00Z',
        district: null,
      });
    const a = await post(1, '社保卡丢了很着急', '请问怎么补办');
    const b = await post(2, '红牌办件', '办件超期');
    await store.labels.save({ postId: a.id, sentiment: 'negative', severity: null, topic: null, actor: 'zhang', at: '2026-11-28T09:00:00Z' });
    await store.labels.save({ postId: a.id, sentiment: 'neutral', severity: null, topic: null, actor: 'li', at: '2026-11-28T09:05:00Z' });
    await store.labels.save({ postId: b.id, sentiment: null, severity: 2, topic: null, actor: 'li', at: '2026-11-28T09:06:00Z' });
    await store.close();

    const { triageExamples } = await import('../../cli/commands/train.ts');
    const reopened = openStore(dir);
    expect(await triageExamples(reopened)).toEqual([{ text: '社保卡丢了很着急\n请问怎么补办', label: 'neutral' }]);
    await reopened.close();

    const { code, stdout } = await runCli(['train', '--from-triage', '--data', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '本局标注 2 条，其中工作台上标的（标注队列和研判更正） 2 条：情感 1 条（负面 0、中性 1、正面 0）、严重度 1 条（其中 3 级 0 条）、主题 0 条',
    );
    // a correction made in triage (not drawn at random by the queue) is fitted on, but no threshold is chosen on it
    expect(stdout).toContain('严重度标注 1 条，其中可用来选阈值的 0 条');
    expect(stdout).toContain('危机模型：共训练');
    expect(stdout).toContain('本局可用来选阈值的严重度标注不够：0 条（至少要 100 条），其中 3 级 0 条（至少要 15 条），阈值沿用 0.5');
    expect(existsSync(join(dir, 'sentiment-weights.json'))).toBe(true);
    // the severity-only label teaches the crisis model (merged with the shipped examples), nothing else
    expect(JSON.parse(readFileSync(join(dir, 'crisis-weights.json'), 'utf8')).training.examples).toBeGreaterThan(1000);
    expect(stdout).toContain('主题模型：没有本局的主题标注，不重训');
  });
});
