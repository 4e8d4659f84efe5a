// `minsheng export`: every stored post as one JSON line, with its score and cluster.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { reasonText } from '../../analysis/reasons.ts';

export const command: Command = {
  name: 'export',
  summary: '把库里的每条帖子按 JSON 行输出（含评分与聚类）',
  usage: `用法: minsheng export [--data DIR]

把所有帖子逐行输出为 JSON：
  {"id","source","url","title","body","author","publishedAt","fetchedAt","cluster","score":{…}}
没有评分的帖子 score 为 null。

选项:
${DATA_HELP}

例: minsheng export > posts.jsonl`,
  options: { ...DATA_OPTION },
  async run(args, io, env) {
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      let afterId: string | undefined;
      for (;;) {
        const posts = await store.posts.list({ afterId, limit: 500 });
        if (posts.length === 0) break;
        const scores = await store.scores.getMany(posts.map((p) => p.id));
        for (const p of posts) {
          const s = scores.get(p.id);
          const line = {
            id: p.id,
            source: p.source,
            url: p.url,
            title: p.title,
            body: p.body,
            author: p.author,
            publishedAt: p.publishedAt,
            fetchedAt: p.fetchedAt,
            cluster: p.clusterId,
            score: s ? { sentiment: s.sentiment, negative: s.negative, severity: s.severity, topic: s.topic, reasons: s.reasons.map(reasonText) } : null,
          };
          if (!io.stdout.write(JSON.stringify(line) + '\n')) await new Promise((r) => io.stdout.once('drain', r));
        }
        afterId = posts.at(-1)!.id;
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
