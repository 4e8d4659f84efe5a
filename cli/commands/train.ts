// `minsheng train`: retrains the models from a bureau's own labelled posts (including labels given in the
// console's labelling queue and while correcting alerts) — the sentiment model from the labelled sentiments,
// the crisis model from the labelled severities, the topic model from the labelled topics — merged with
// the project's examples or replacing them, and writes weights that every later `minsheng score` /
// `analyze` picks up from the data directory. The severity models' thresholds are chosen on labels from a
// file and on posts the labelling queue drew at random only (analysis/labelling/queue.ts says why).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../../shared/write-atomic.ts';
import { join, resolve } from 'node:path';
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, requiredOption, stringOption, UsageError } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import { postText } from '../../analysis/pipeline.ts';
import { CLASSES, predict, RETRAINED_WEIGHTS_NAME } from '../../analysis/sentiment/model.ts';
import { extractFeatures } from '../../analysis/sentiment/features.ts';
import { SENTIMENT_LABEL, topicLabel } from '../../shared/vocabulary.ts';
import { readShippedExamples, serializeWeights, train, type Example } from '../../analysis/sentiment/train.ts';
import { crisisExamplesFrom } from '../../analysis/crisis-model/train.ts';
import { crisisWeightsSlot } from '../../analysis/crisis-model/model.ts';
import { topicExamplesFrom, trainTopics } from '../../analysis/topic-model/train.ts';
import { acrossBoundary, topicWeightsSlot } from '../../analysis/topic-model/model.ts';
import { seriousExamplesFrom } from '../../analysis/serious-model/train.ts';
import { seriousWeightsSlot } from '../../analysis/serious-model/model.ts';
import { jsonlFilesIn, TRAIN_DIR } from '../../analysis/corpus/index.ts';
import { mergeLabels } from '../../analysis/labelling/merged-labels.ts';
import { withoutInvisible } from '../../crawler/text.ts';
import { THRESHOLD_MIN_LABELS, THRESHOLD_MIN_POSITIVES, thresholdReadiness, type ThresholdReadiness } from '../../analysis/labelling/readiness.ts';
import {
  bureauCrisisModel,
  bureauSeriousModel,
  cannotTrain,
  mergeTrainingSets,
  ownExamples,
  ownFromTriage,
  parseOwnLabels,
  severityThresholdOn,
  type OwnLabel,
  THRESHOLD_MIN_PRECISION,
  type TrainingSets,
} from '../../analysis/labelling/training-sets.ts';

/** The labels given in the console: the latest per post, field by field, as the text the scorer saw. */
export async function triageLabels(store: Store): Promise<OwnLabel[]> {
  const latest = mergeLabels(await store.labels.list());
  const posts = await store.posts.getMany([...latest.keys()]);
  return ownFromTriage(latest, new Map(posts.map((p) => [p.id, postText(p)])));
}

/** Sentiments corrected during triage, as sentiment examples (the latest correction per post). */
export async function triageExamples(store: Store): Promise<Example[]> {
  return ownExamples(await triageLabels(store)).sentiment;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function countByLabel(examples: Example[]): string {
  return CLASSES.map((c) => `${SENTIMENT_LABEL[c]} ${examples.filter((e) => e.label === c).length}`).join('、');
}

/** --crisis-precision / --serious-precision, or the default (see THRESHOLD_MIN_PRECISION). */
function precisionOption(args: Parameters<Command['run']>[0], model: 'crisis' | 'serious'): number {
  const text = stringOption(args, `${model}-precision`);
  const value = text === undefined ? THRESHOLD_MIN_PRECISION[model] : Number(text);
  if (!(value > 0 && value <= 1)) throw new UsageError(`--${model}-precision 应为 0 到 1 之间的数（收到 ${text}）`);
  return value;
}

const MODELS = [
  { key: 'sentiment', name: '情感模型', field: '情感', file: RETRAINED_WEIGHTS_NAME },
  { key: 'crisis', name: '危机模型', field: '严重度', file: crisisWeightsSlot.retrainedName },
  { key: 'serious', name: '严重信号模型', field: '严重度', file: seriousWeightsSlot.retrainedName },
  { key: 'topic', name: '主题模型', field: '主题', file: topicWeightsSlot.retrainedName },
] as const;

export const command: Command = {
  name: 'train',
  summary: '用本局标注的帖子重新训练情感、危机（严重度 3）、严重信号（严重度 ≥2）和主题模型',
  usage: `用法: minsheng train (--input FILE.jsonl | --from-triage) [--out DIR] [--replace]

读取本局标注（每行一个 JSON：{"text": "…", "label": "negative|neutral|positive", "severity": 0-3, "topic": "wages"}，
三项标签至少要有一项；情感也可用 "sentiment" 字段，或写 负面/中性/正面），与项目自带样例合并后重新训练：
有情感标注就训练情感模型，有严重度标注就训练危机模型（严重度 3 = 危机）和严重信号模型（严重度 ≥2），
有主题标注就训练主题模型；
某一项没有标注的模型不动。同一条文字在两边都有时以本局标注为准（研判时改过的标签就是这样生效的）。

选项:
  --input FILE      本局标注文件（JSON 行）
  --from-triage     使用值班员在控制台标注队列和研判时给的标签（数据目录里的库）；可与 --input 同用
  --out DIR         权重写到这个目录（默认数据目录）：sentiment-weights.json、crisis-weights.json、
                    serious-weights.json、topic-weights.json
  --replace         只用本局标注训练，不合并项目样例（每个模型都要有两类以上的标签）
  --crisis-precision P
                    危机模型的阈值按本局标注交叉验证选：在判 3 的精确率不低于 P 的前提下找回最多（默认 0.6；
                    本局严重度标注至少 100 条、其中 3 级至少 15 条时才选，否则沿用 0.5）
  --serious-precision P
                    严重信号模型（严重度 ≥2）同样按本局标注选阈值，判 ≥2 的精确率不低于 P（默认 0.75）；
                    选不出阈值时不写，沿用项目自带的严重信号模型（只读 100 字以上的信）
${DATA_HELP}

数据目录里的权重会被之后的评分自动使用（数据目录取 MINSHENG_DATA，否则 ./data）；
情感模型写到别处时可用环境变量 MINSHENG_SENTIMENT_WEIGHTS=FILE 指定。删除这些文件即恢复项目自带的模型。
标注可能含个人信息，不要提交到代码仓库。

示例:
  minsheng train --from-triage
  minsheng train --input 研判标注.jsonl`,
  options: {
    input: { type: 'string', short: 'i' },
    'from-triage': { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    replace: { type: 'boolean' },
    'crisis-precision': { type: 'string' },
    'serious-precision': { type: 'string' },
    ...DATA_OPTION,
  },
  async run(args, io, env) {
    const fromTriage = args.values['from-triage'] === true;
    const input = fromTriage ? stringOption(args, 'input') : requiredOption(args, 'input');
    if (input && !existsSync(input)) throw new UsageError(`标注文件 ${input} 不存在`);
    const minPrecision = { crisis: precisionOption(args, 'crisis'), serious: precisionOption(args, 'serious') };
    const dataDir = resolveDataDir(stringOption(args, 'data'), env);
    let own: OwnLabel[] = [];
    let triaged = 0;
    if (fromTriage) {
      if (!env?.databaseUrl && !existsSync(dataDir)) throw new UsageError(`数据目录 ${dataDir} 不存在`);
      const store = openStore(dataDir, { databaseUrl: env?.databaseUrl });
      try {
        own = await triageLabels(store);
      } finally {
        await store.close();
      }
      triaged = own.length;
    }
    if (input) {
      try {
        own = [...own, ...parseOwnLabels(readFileSync(input, 'utf8'), input)];
      } catch (err) {
        io.stderr.write(`minsheng train: ${(err as Error).message}\n`);
        return 1;
      }
    }
    const mine = ownExamples(own);
    // Thresholds are chosen on labels from a file and on posts the queue drew at random only (analysis/labelling/queue.ts).
    const thresholdOn = severityThresholdOn(own);
    const forThreshold = thresholdOn.filter(Boolean).length;
    if (!own.length) {
      io.stderr.write(`minsheng train: ${input ?? '研判记录'} 里没有可用的标注\n`);
      return 1;
    }
    const replace = args.values.replace === true;
    const shipped: TrainingSets = replace
      ? { sentiment: [], crisis: [], serious: [], topic: [] }
      : {
          sentiment: readShippedExamples(),
          crisis: crisisExamplesFrom(jsonlFilesIn(TRAIN_DIR)),
          serious: seriousExamplesFrom(jsonlFilesIn(TRAIN_DIR)),
          topic: topicExamplesFrom(jsonlFilesIn(TRAIN_DIR)),
        };
    const { sets, overridden } = mergeTrainingSets(shipped, mine);
    // Only models the bureau labelled for are retrained, and only if their examples hold two classes.
    const labelled = MODELS.filter((m) => mine[m.key].length).map((m) => ({ m, why: cannotTrain(m.key, sets) }));
    const refusals = labelled.flatMap(({ m, why }) => (why ? [`${m.name}没有训练：${why}${replace ? '（--replace 时只用本局标注）' : ''}`] : []));
    const trainable = labelled.flatMap(({ m, why }) => (why ? [] : [m]));
    const lines = [
      `本局标注 ${own.length} 条${fromTriage ? `，其中工作台上标的（标注队列和研判更正） ${triaged} 条` : ''}：情感 ${mine.sentiment.length} 条（${countByLabel(mine.sentiment)}）、` +
        `严重度 ${mine.crisis.length} 条（其中 3 级 ${mine.crisis.filter((e) => e.crisis).length} 条）、主题 ${mine.topic.length} 条`,
    ];
    if (!trainable.length) {
      io.stderr.write(`minsheng train: ${[...refusals, '没有可以训练的模型，什么也没写'].join('\n')}\n`);
      return 1;
    }
    const outDir = resolve(stringOption(args, 'out') ?? dataDir);
    mkdirSync(outDir, { recursive: true });
    lines.push(
      replace
        ? '未合并项目样例（--replace）'
        : `合并项目样例（情感 ${shipped.sentiment.length} 条、严重度 ${shipped.crisis.length} 条、主题 ${shipped.topic.length} 条）`,
    );
    if (forThreshold < mine.crisis.length)
      lines.push(
        `严重度标注 ${mine.crisis.length} 条，其中可用来选阈值的 ${forThreshold} 条（标注队列随机抽到的和标注文件里的；因为拿不准才排到前面的、研判时改的只用来训练）`,
      );
    const readiness = thresholdReadiness(own);
    const tooFew = (level: string, r: ThresholdReadiness) =>
      `本局可用来选阈值的严重度标注不够：${r.labels} 条（至少要 ${THRESHOLD_MIN_LABELS} 条），其中 ${level} ${r.atLevel} 条（至少要 ${THRESHOLD_MIN_POSITIVES} 条）`;
    let sentimentWeights: ReturnType<typeof train> | null = null;
    let chosenOnOwn = false;
    for (const m of MODELS) {
      if (!mine[m.key].length) {
        lines.push(`${m.name}：没有本局的${m.field}标注，不重训`);
        continue;
      }
      if (!trainable.includes(m)) continue;
      const started = performance.now();
      const out = join(outDir, m.file);
      let threshold = '';
      if (m.key === 'sentiment') writeFileAtomic(out, serializeWeights((sentimentWeights = train(sets.sentiment))));
      else if (m.key === 'topic') writeFileAtomic(out, JSON.stringify(trainTopics(sets.topic)) + '\n');
      else if (m.key === 'crisis') {
        const { weights, choice } = bureauCrisisModel(shipped.crisis, mine.crisis, minPrecision.crisis, thresholdOn);
        writeFileAtomic(out, JSON.stringify(weights) + '\n');
        if (choice?.why === 'chosen') chosenOnOwn = true;
        threshold = choice
          ? `；阈值按本局标注的交叉验证${choice.why === 'chosen' ? '选为' : '仍为'} ${choice.threshold}（本局标过 3 的帖子里规则或模型找回 ${pct(choice.recall)}，判 3 的精确 ${pct(choice.precision)}）`
          : `；${tooFew('3 级', readiness.crisis)}，阈值沿用 ${weights.threshold}`;
      } else {
        // Written only with a threshold chosen on the bureau's own posts; otherwise the shipped model stays.
        const { weights, choice } = bureauSeriousModel(shipped.serious, mine.serious, minPrecision.serious, thresholdOn);
        if (!choice || choice.why !== 'chosen') {
          rmSync(out, { force: true });
          lines.push(
            `${m.name}：${
              choice
                ? `按本局标注的交叉验证，没有一个阈值能在判 ≥2 的精确不低于 ${pct(minPrecision.serious)} 时多找回`
                : `${tooFew('2–3 级', readiness.serious)}，选不了阈值`
            }，不写（沿用项目自带的严重信号模型）`,
          );
          continue;
        }
        writeFileAtomic(out, JSON.stringify(weights) + '\n');
        chosenOnOwn = true;
        threshold = `；阈值按本局标注的交叉验证选为 ${choice.threshold}（本局标过 ≥2 的帖子里规则或模型找回 ${pct(choice.recall)}，判 ≥2 的精确 ${pct(choice.precision)}）`;
      }
      const changed = replace ? '' : `，其中 ${overridden[m.key]} 条项目样例被本局标注改了标签`;
      lines.push(
        `${m.name}：共训练 ${sets[m.key].length} 条${changed}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒${threshold}，权重已写入 ${out}`,
      );
      if (m.key === 'topic') {
        // Whether a post is 人社 business at all is the rules' (and config/topics.yaml's) call, not the model's.
        const across = acrossBoundary(mine.topic);
        if (across.ownNotRules + across.rulesNotOwn) {
          lines.push(
            `主题的边界：本局标为人社的事、规则判为“其他”的 ${across.ownNotRules} 条，本局标为“其他”、规则判为人社的 ${across.rulesNotOwn} 条。` +
              '是不是人社的事由规则定，重训挪不动；本局的分工请写进 config/topics.yaml（见 README“配置”），例如这些帖子标题里说明分工的词：',
          );
          // The bureau's own labelled posts, but crawled text (perhaps stored before the crawler cleaned it, or from a
          // labels file): the crawler's own cleaning, on one line, so nothing but the title reaches the terminal.
          for (const c of [...across.examples.ownNotRules, ...across.examples.rulesNotOwn])
            lines.push(`  标为${topicLabel(c.labelled)}（${c.labelled}），规则判为${topicLabel(c.read)}：${withoutInvisible(c.title).replace(/\s+/gu, ' ')}`);
        }
      }
    }
    lines.push(...refusals);
    // A threshold chosen as the lowest that keeps precision on these labels is chosen where precision happened to
    // look good: on letters that came after, it measured 3–13 points lower (tests/bench/bureau-loop.ts, README).
    if (chosenOnOwn)
      lines.push(
        '注意：上面的精确是在选阈值的这些标注上量的，偏乐观——在后来进来的帖子上曾低 3–13 个百分点。上线后请看工作台“评分在本局标注上的效果”（/console/labels/check）里新帖子的精确；低于目标就用 --crisis-precision / --serious-precision 调高后重训',
      );
    if (sentimentWeights) {
      // How well the new model fits the bureau's own lines (training fit, not an evaluation: use npm run eval on held-back lines).
      const weights = sentimentWeights;
      const fit = mine.sentiment.filter((e) => {
        const p = predict(extractFeatures(e.text), weights);
        return CLASSES.reduce((a, b) => (p[b] > p[a] ? b : a)) === e.label;
      }).length;
      lines.push(
        `本局情感标注上的拟合准确率 ${((fit / mine.sentiment.length) * 100).toFixed(1)}%（训练集，不代表真实效果；用 npm run eval -- 留出标注.jsonl 评估）`,
      );
    }
    if (outDir !== resolve(dataDir))
      lines.push(`权重写在 ${outDir}，不在数据目录 ${dataDir}：评分只读数据目录里的这些文件（情感模型也可用 MINSHENG_SENTIMENT_WEIGHTS 指定）`);
    else lines.push('正在运行的 minsheng watch 和 worker 从下一轮分析起用新的权重，不用重启；已经入库的评分不变（每条评分记着给它打分的模型版本）');
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
