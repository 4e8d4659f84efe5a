// `minsheng search "QUERY"`: searches the posts the way the console does, with filters, facet
// counts and highlights (matches in 【】 on a terminal), or JSON for other tools.
import type { Command, ParsedArgs } from '../command.ts';
import { DATA_HELP, DATA_OPTION, UsageError, intOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { FACETS, openSearchEngine, type SearchQuery, type SearchResult } from '../../indexer/index.ts';
import { highlightForTerminal } from '../../indexer/highlight.ts';
import { TOPIC_LABELS, topicLabel } from '../../analysis/topic.ts';
import { SENTIMENT_LABEL } from '../../shared/vocabulary.ts';
import { localParts } from '../../shared/time.ts';

const FACET_NAMES: Record<string, string> = { source: '来源', district: '区县', topic: '主题', sentiment: '情感', severity: '严重度' };

/** Repeated or comma-separated values: --source a --source b, or --source a,b. */
function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const raw = args.values[name];
  const values = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [])
    .flatMap((v) => v.split(/[,，]/))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

export function queryFromArgs(args: ParsedArgs): SearchQuery {
  const severity = stringOption(args, 'severity');
  return {
    q: args.positionals.join(' '),
    source: listOption(args, 'source'),
    topic: listOption(args, 'topic'),
    district: listOption(args, 'district'),
    sentiment: listOption(args, 'sentiment'),
    severityAtLeast: severity === undefined ? undefined : intOption(args, 'severity', 0, [0, 3]),
    since: stringOption(args, 'since'),
    until: stringOption(args, 'until'),
    limit: intOption(args, 'limit', 20, [1, 1000]),
    offset: intOption(args, 'offset', 0, [0, 1_000_000]),
    facets: args.values.facets ? [...FACETS] : [],
  };
}

function formatDate(iso: string | null): string {
  if (!iso) return '日期不详';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '日期不详';
  // The region's calendar day (config/region.yaml timeZone), not a hand-written UTC+8.
  const day = localParts(t);
  return `${day.year}年${day.month}月${day.day}日`;
}

export function formatResult(result: SearchResult, query: SearchQuery): string {
  const lines: string[] = [];
  lines.push(result.total === 0 ? '没有找到相关帖子。' : `找到 ${result.total} 条（显示 ${result.hits.length} 条）：`);
  result.hits.forEach((h, i) => {
    const n = (query.offset ?? 0) + i + 1;
    const meta = [h.source, h.district ?? '区县不详', formatDate(h.publishedAt)];
    if (h.sentiment) meta.push((SENTIMENT_LABEL as Record<string, string>)[h.sentiment] ?? h.sentiment);
    if (h.severity) meta.push(`严重度 ${h.severity}`);
    if (h.topic) meta.push(topicLabel(h.topic));
    if (h.clusterSize > 1) meta.push(`同类 ${h.clusterSize} 帖`);
    lines.push('');
    lines.push(`${n}. ${highlightForTerminal(h.titleHtml)}`);
    lines.push(`   ${meta.join(' · ')}`);
    lines.push(`   ${highlightForTerminal(h.snippetHtml)}`);
    lines.push(`   ${h.url}`);
  });
  const facetNames = Object.keys(result.facets);
  if (facetNames.length) {
    lines.push('');
    lines.push('分布：');
    for (const name of facetNames) {
      const counts = Object.entries(result.facets[name as keyof typeof result.facets] ?? {});
      const text = counts.length
        ? counts
            .map(([k, v]) => `${name === 'sentiment' ? ((SENTIMENT_LABEL as Record<string, string>)[k] ?? k) : name === 'topic' ? topicLabel(k) : k} ${v}`)
            .join('，')
        : '（无）';
      lines.push(`  ${FACET_NAMES[name] ?? name}：${text}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const command: Command = {
  name: 'search',
  summary: '搜索帖子（分词、同义词、筛选、分布统计、高亮）',
  usage: `用法: minsheng search "关键词" [选项]

按词搜索已入库的帖子，同义词自动扩展（如 欠薪 = 拖欠工资 = 讨薪，见 config/synonyms.yaml）。
多个词之间是“并且”。不写关键词时按时间倒序列出符合筛选条件的帖子。终端里命中的词用【】标出。

选项:
  --source S        只看某个来源（可重复，或用逗号分隔）
  --topic T         只看某个主题（编号），如 wages；可选：${Object.entries(TOPIC_LABELS)
    .map(([id, label]) => `${id}（${label}）`)
    .join('、')}
  --district D      只看某个区县，如 宣汉县
  --sentiment S     negative / neutral / positive
  --severity N      严重度至少为 N（0–3）
  --since DATE      起始日期（含），如 2025-06-01
  --until DATE      截止日期（含当天）
  --limit N         显示条数（默认 20，最多 1000）
  --offset N        跳过前 N 条（翻页）
  --facets          显示按来源、区县、主题、情感、严重度的分布
  --json            输出 JSON（hits、total、facets、engine）
${DATA_HELP}

先运行 minsheng index 建立索引。设置了 MEILI_URL 时搜索 Meilisearch。

示例:
  minsheng search "拖欠工资" --district 宣汉县 --since 2025-06-01 --facets`,
  options: {
    ...DATA_OPTION,
    source: { type: 'string', multiple: true },
    topic: { type: 'string', multiple: true },
    district: { type: 'string', multiple: true },
    sentiment: { type: 'string', multiple: true },
    severity: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    facets: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 20 },
  async run(args, io, env) {
    const query = queryFromArgs(args);
    for (const s of query.sentiment ?? []) {
      if (!(s in SENTIMENT_LABEL)) throw new UsageError(`--sentiment 应为 negative、neutral 或 positive，收到 “${s}”`);
    }
    const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
    try {
      const engine = openSearchEngine(store, env?.meili);
      let result: SearchResult;
      try {
        result = await engine.search(query);
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(err.message);
        throw err;
      }
      io.stdout.write(args.values.json ? JSON.stringify(result, null, 2) + '\n' : formatResult(result, query));
      return 0;
    } finally {
      await store.close();
    }
  },
};
