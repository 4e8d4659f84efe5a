// `minsheng index`: brings the search index up to date with the store (new and changed posts,
// scores, clusters; posts removed by retention), or rebuilds it; can also print a search-only
// Meilisearch key for the console.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, UsageError, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { MeilisearchEngine, createSearchOnlyKey, meilisearchConfig, openSearchEngine, updateIndex } from '../../indexer/index.ts';

export const command: Command = {
  name: 'index',
  summary: '更新搜索索引（新帖、评分、聚类变化，删除已清理的帖子）',
  usage: `用法: minsheng index [--rebuild] [--search-key] [--data DIR]

把数据库里新增或变化的帖子（正文、评分、聚类）写进搜索索引，删掉数据库里已不存在的帖子。
重复运行只处理有变化的部分。

选项:
  --rebuild         全部重建（改了同义词或索引设置后使用）。内置索引先清空再写入；
                    Meilisearch 先写进一个新索引，写完再原子地换下旧索引，重建期间搜索照常
  --search-key      （Meilisearch）输出一个只能搜索帖子索引的密钥，供值班台前端使用
${DATA_HELP}

搜索引擎（环境变量）:
  MEILI_URL                     设置后使用 Meilisearch，例如 http://127.0.0.1:7700
  MEILI_MASTER_KEY / MEILI_API_KEY   Meilisearch 密钥（--search-key 需要主密钥）
  MEILI_INDEX                   索引名（默认 posts）
未设置 MEILI_URL 时使用内置的 SQLite 全文索引（与数据库同一文件）。

示例:
  minsheng index
  minsheng index --rebuild --data ./data`,
  options: { ...DATA_OPTION, rebuild: { type: 'boolean' }, 'search-key': { type: 'boolean' } },
  async run(args, io, env) {
    if (args.values['search-key']) {
      const meili = meilisearchConfig(env?.meili);
      if (!meili) throw new UsageError('--search-key 只用于 Meilisearch：请先设置 MEILI_URL 和 MEILI_MASTER_KEY');
      io.stdout.write(`${await createSearchOnlyKey(meili)}\n`);
      return 0;
    }
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      const engine = openSearchEngine(store, env?.meili);
      const started = Date.now();
      const rebuild = args.values.rebuild === true;
      const result =
        rebuild && engine instanceof MeilisearchEngine
          ? await engine.rebuildBySwap(store.fullText, (staging) => updateIndex(store, staging, { rebuild: true }))
          : await updateIndex(store, engine, { rebuild });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.stdout.write(`索引（${engine.name}）：写入 ${result.indexed} 条，删除 ${result.removed} 条，共 ${await engine.count()} 条，用时 ${seconds} 秒\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
