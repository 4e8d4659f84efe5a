// `minsheng index` and `minsheng search` as a user runs them: on a data directory, terminal
// output with 【】 highlights and facet counts, JSON for tools, --help, bad input refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openStore } from '../../store/index.ts';
import type { Command, ParsedArgs } from '../../cli/command.ts';
import { command as indexCommand } from '../../cli/commands/index.ts';
import { command as searchCommand } from '../../cli/commands/search.ts';
import { parseArgs } from 'node:util';
import { runCli } from '../helpers/cli.ts';

let dataDir: string;

async function runCommand(cmd: Command, argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, options: cmd.options, allowPositionals: true, strict: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const code = await cmd.run({ values: values as ParsedArgs['values'], positionals }, { stdout, stderr, stdin: new PassThrough() });
  return { code, out };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'minsheng-search-cli-'));
  const store = openStore(dataDir);
  const posts = [
    { t: '工地拖欠工资半年', b: '宣汉县一个工地拖欠工资半年，<script>alert(1)</script> 没人管。', d: '宣汉县', s: 'board' },
    { t: '讨薪难', b: '大竹县的餐馆老板欠薪两个月。', d: '大竹县', s: 'forum' },
    { t: '社保卡补办', b: '通川区社保卡怎么补办？', d: '通川区', s: 'board' },
  ];
  for (const [i, p] of posts.entries()) {
    const url = `http://127.0.0.1/t/${i}`;
    await store.posts.upsert({
      source: p.s,
      url,
      canonicalUrl: url,
      contentHash: `h${i}`,
      title: p.t,
      body: p.b,
      author: null,
      publishedAt: `2025-06-0${i + 1}T10:00:00+08:00`,
      fetchedAt: '2025-06-05T00:00:00Z',
      district: p.d,
    });
  }
  await store.close();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('minsheng index / search', () => {
  it('indexes once, then has nothing to do', async () => {
    const first = await runCommand(indexCommand, ['--data', dataDir]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/写入 3 条，删除 0 条，共 3 条/);
    expect((await runCommand(indexCommand, ['--data', dataDir])).out).toMatch(/写入 0 条/);
    expect((await runCommand(indexCommand, ['--data', dataDir, '--rebuild'])).out).toMatch(/写入 3 条/);
  });

  it('prints hits with 【】 around matches, synonyms included, and crawled markup as text', async () => {
    const { code, out } = await runCommand(searchCommand, ['拖欠工资', '--data', dataDir]);
    expect(code).toBe(0);
    expect(out).toContain('找到 2 条');
    expect(out).toContain('【拖欠工资】');
    expect(out).toContain('【欠薪】');
    expect(out).toContain('<script>alert(1)</script>');
    expect(out).toContain('2025年6月1日');
  });

  it('filters by district and date and prints facet counts', async () => {
    const { out } = await runCommand(searchCommand, ['欠薪', '--district', '大竹县', '--facets', '--data', dataDir]);
    expect(out).toContain('找到 1 条');
    expect(out).toMatch(/区县：大竹县 1/);
    const all = await runCommand(searchCommand, ['--facets', '--since', '2025-06-02', '--data', dataDir]);
    expect(all.out).toContain('找到 2 条');
    expect(all.out).toMatch(/来源：(board 1，forum 1|forum 1，board 1)/);
  });

  it('prints JSON with escaped highlights for tools', async () => {
    const { out } = await runCommand(searchCommand, ['欠薪', '--json', '--source', 'board', '--data', dataDir]);
    const result = JSON.parse(out);
    expect(result.engine).toBe('embedded');
    expect(result.total).toBe(1);
    expect(result.hits[0].snippetHtml).toContain('&#60;script&#62;');
    expect(result.hits[0].titleHtml).toContain('<mark>拖欠工资</mark>');
  });

  it('refuses an unreadable date and a bad sentiment with a Chinese message', async () => {
    await expect(runCommand(searchCommand, ['欠薪', '--since', '上周', '--data', dataDir])).rejects.toThrow(/起始时间/);
    await expect(runCommand(searchCommand, ['--sentiment', 'angry', '--data', dataDir])).rejects.toThrow(/--sentiment/);
  });

  it('has --help for both commands through the CLI', async () => {
    for (const name of ['index', 'search']) {
      const { stdout } = await runCli([name, '--help']);
      expect(stdout).toMatch(new RegExp(`用法: minsheng ${name}`));
    }
  });
});
