// `minsheng sources`: how each crawl source is doing (status), and checking a new source before
// it is scheduled (test).
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, UsageError, requiredOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir, type SourceHealth } from '../../store/index.ts';
import { loadSources, type Source } from '../../crawler/sources.ts';
import { STATE_NAMES } from '../../crawler/health.ts';

/** The JSON shape of `sources status --json`, one object per source that has run. */
export function statusJson(h: SourceHealth) {
  return {
    id: h.sourceId,
    state: h.state,
    lastSuccessAt: h.lastSuccessAt,
    lastNewPostAt: h.lastNewPostAt,
    lastError: h.lastError,
    itemsLastRun: h.itemsLastRun,
  };
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : '从未');

export const command: Command = {
  name: 'sources',
  summary: '来源状态（status）和试抓一个新来源（test）',
  usage: `用法: minsheng sources status [--json] [--data DIR]
      minsheng sources test FILE --source ID

status  列出每个抓取过的来源的状态：正常（ok）、抓取失败（failing）、抓不到内容（empty，
        多半是网站改版、选择器失效）、长时间无新帖（silent）。不正常的排在前面。
        --json 输出 [{"id","state","lastSuccessAt","lastNewPostAt","lastError","itemsLastRun"}]
test    按来源文件 FILE 里编号为 ID 的来源，抓一个列表页和第一条帖子（遵守 robots.txt、限速），
        逐项说明每个选择器找到了什么、缺什么。不入库。缺标题和正文或一个条目也没找到时退出码为 1。

选项:
  --json            （status）输出 JSON
  --source ID       （test）要试抓的来源编号
${DATA_HELP}

示例:
  minsheng sources test my-sources.yaml --source dazhou-board
  minsheng sources status --json`,
  options: { ...DATA_OPTION, json: { type: 'boolean' }, source: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run(args, io, env) {
    const [verb, fileArg] = args.positionals;
    if (verb === 'status') {
      if (fileArg) throw new UsageError(`多余的参数: ${fileArg}`);
      const store = openStore(resolveDataDir(stringOption(args, 'data'), env), { databaseUrl: env?.databaseUrl });
      try {
        const order = { failing: 0, empty: 1, silent: 2, ok: 3 } as const;
        const list = (await store.sourceHealth.list()).sort((a, b) => order[a.state] - order[b.state] || a.sourceId.localeCompare(b.sourceId));
        if (args.values.json) {
          io.stdout.write(JSON.stringify(list.map(statusJson), null, 2) + '\n');
        } else if (list.length === 0) {
          io.stdout.write('还没有来源抓取过。先运行 minsheng crawl --sources FILE。\n');
        } else {
          for (const h of list) {
            io.stdout.write(
              `${h.state === 'ok' ? '  ' : '！'}${h.sourceId}  ${STATE_NAMES[h.state]}（${h.state}）  ${h.detail}\n` +
                `    上次成功 ${when(h.lastSuccessAt)} · 上次有新帖 ${when(h.lastNewPostAt)} · 上一轮条目 ${h.itemsLastRun}` +
                (h.lastError ? `\n    最近错误：${h.lastError}` : '') +
                '\n',
            );
          }
        }
        return 0;
      } finally {
        await store.close();
      }
    }
    if (verb === 'test') {
      if (!fileArg) throw new UsageError('缺少来源文件：minsheng sources test FILE --source ID');
      const file = loadSources(fileArg);
      const id = requiredOption(args, 'source');
      const source = file.sources.find((s) => s.id === id);
      if (!source) throw new UsageError(`来源文件中没有编号为 ${id} 的来源（有：${file.sources.map((s) => s.id).join('、')}）`);
      const { checkSource, checkText } = await import('../../crawler/source-check.ts');
      // A throwaway store: robots.txt is cached for this check only, nothing is written to --data.
      const scratch = openStore(':memory:');
      let closeBrowser = async () => {};
      try {
        let render: ((s: Source, url: string) => Promise<string>) | undefined;
        if (source.type === 'browser') {
          const { BrowserPool } = await import('../../crawler/sources/browser.ts');
          const pool = new BrowserPool({ userAgent: file.userAgent });
          closeBrowser = () => pool.close();
          render = (_s, url) => pool.renderForCheck(source, url, scratch.crawl);
        }
        const check = await checkSource(file, source, { state: scratch.crawl, render });
        io.stdout.write(checkText(check, source.name));
        return check.problems.length === 0 ? 0 : 1;
      } finally {
        await closeBrowser();
        await scratch.close();
      }
    }
    throw new UsageError(`未知的子命令 “${verb}”，可用：status、test`);
  },
};
