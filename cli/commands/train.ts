// `minsheng train`: retrains the sentiment model from a bureau's own labelled posts (including labels
// corrected during triage), merged with the project's examples or replacing them, and writes weights
// that every later `minsheng score` / `analyze` picks up from the data directory.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, requiredOption, stringOption, UsageError } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import type { Store } from '../../store/store.ts';
import { postText } from '../../analysis/pipeline.ts';
import { CLASSES, predict, retrainedWeightsFile } from '../../analysis/sentiment/model.ts';
import { extractFeatures } from '../../analysis/sentiment/features.ts';
import { SENTIMENT_LABEL } from '../../shared/vocabulary.ts';
import { mergeExamples, parseExamples, readShippedExamples, serializeWeights, train, type Example } from '../../analysis/sentiment/train.ts';

/** Sentiments corrected during triage: the latest correction per post, as the text the scorer saw. */
export async function triageExamples(store: Store): Promise<Example[]> {
  const latest = new Map<string, Example['label']>();
  for (const l of await store.labels.list()) if (l.sentiment) latest.set(l.postId, l.sentiment);
  const posts = await store.posts.getMany([...latest.keys()]);
  return posts.map((p) => ({ text: postText(p), label: latest.get(p.id)! }));
}

function countByLabel(examples: Example[]): string {
  return CLASSES.map((c) => `${SENTIMENT_LABEL[c]} ${examples.filter((e) => e.label === c).length}`).join('、');
}

export const command: Command = {
  name: 'train',
  summary: '用本局标注的帖子重新训练情感模型',
  usage: `用法: minsheng train (--input FILE.jsonl | --from-triage) [--out FILE] [--replace]

读取本局标注（每行一个 JSON：{"text": "…", "label": "negative|neutral|positive"}，
也可用 "sentiment" 字段，或写 负面/中性/正面），与项目自带样例合并后重新训练情感模型。
同一条文字在两边都有时以本局标注为准（研判时改过的标签就是这样生效的）。

选项:
  --input FILE      本局标注文件（JSON 行）
  --from-triage     使用值班员在控制台研判时改过的情感标签（数据目录里的库）；可与 --input 同用
  --out FILE        权重输出文件（默认 <数据目录>/sentiment-weights.json）
  --replace         只用本局标注训练，不合并项目样例
${DATA_HELP}

默认位置的权重会被之后的评分自动使用（数据目录取 MINSHENG_DATA，否则 ./data）；
写到别处时用环境变量 MINSHENG_SENTIMENT_WEIGHTS=FILE 指定。删除该文件即恢复项目自带的模型。
标注可能含个人信息，不要提交到代码仓库。

示例:
  minsheng train --input 研判标注.jsonl`,
  options: {
    input: { type: 'string', short: 'i' },
    'from-triage': { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    replace: { type: 'boolean' },
    ...DATA_OPTION,
  },
  async run(args, io, env) {
    const fromTriage = args.values['from-triage'] === true;
    const input = fromTriage ? stringOption(args, 'input') : requiredOption(args, 'input');
    if (input && !existsSync(input)) throw new UsageError(`标注文件 ${input} 不存在`);
    const dataDir = resolveDataDir(stringOption(args, 'data'), env);
    let own: Example[] = [];
    let triaged = 0;
    if (fromTriage) {
      if (!env?.databaseUrl && !existsSync(dataDir)) throw new UsageError(`数据目录 ${dataDir} 不存在`);
      const store = openStore(dataDir, { databaseUrl: env?.databaseUrl });
      try {
        own = await triageExamples(store);
      } finally {
        await store.close();
      }
      triaged = own.length;
    }
    if (input) {
      try {
        own = [...own, ...parseExamples(readFileSync(input, 'utf8'), input)];
      } catch (err) {
        io.stderr.write(`minsheng train: ${(err as Error).message}\n`);
        return 1;
      }
    }
    if (!own.length) {
      io.stderr.write(`minsheng train: ${input ?? '研判记录'} 里没有可用的情感标注\n`);
      return 1;
    }
    const replace = args.values.replace === true;
    if (replace && new Set(own.map((e) => e.label)).size < 2) {
      io.stderr.write('minsheng train: 只用本局标注训练时至少要有两种标签（负面、中性、正面）\n');
      return 1;
    }
    const shipped = replace ? [] : readShippedExamples();
    const { examples, overridden } = mergeExamples(shipped, own);

    const started = performance.now();
    const weights = train(examples);
    const ms = performance.now() - started;
    const out = stringOption(args, 'out') ?? retrainedWeightsFile(dataDir);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, serializeWeights(weights));

    // How well the new model fits the bureau's own lines (training fit, not an evaluation: use npm run eval on held-back lines).
    const fit = own.filter((e) => {
      const p = predict(extractFeatures(e.text), weights);
      return CLASSES.reduce((a, b) => (p[b] > p[a] ? b : a)) === e.label;
    }).length;
    io.stdout.write(
      [
        `本局标注 ${own.length} 条（${countByLabel(own)}）${fromTriage ? `，其中研判改过的 ${triaged} 条` : ''}`,
        replace ? '未合并项目样例（--replace）' : `合并项目样例 ${shipped.length} 条，其中 ${overridden} 条被本局标注改了标签`,
        `共训练 ${examples.length} 条（${countByLabel(examples)}），用时 ${(ms / 1000).toFixed(1)} 秒，n-gram ${Object.keys(weights.grams).length} 个`,
        `本局标注上的拟合准确率 ${((fit / own.length) * 100).toFixed(1)}%（训练集，不代表真实效果；用 npm run eval -- 留出标注.jsonl 评估）`,
        `权重已写入 ${out}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
