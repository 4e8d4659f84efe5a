import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile } from '../../config/load.ts';
import { findDistrict, loadRegion, regionSchema } from '../../config/region.ts';
import { loadSources, sourcesFileSchema } from '../../crawler/sources.ts';

function write(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'minsheng-config-')), name);
  writeFileSync(file, text);
  return file;
}

function problemsOf(fn: () => unknown): { file: string; problems: string[] } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return { file: err.file, problems: err.problems };
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('region config', () => {
  it('loads the bundled region with the seven 达州 districts', () => {
    const region = loadRegion();
    expect(region.city).toBe('达州市');
    expect(region.districts.map((d) => d.name)).toEqual(['通川区', '达川区', '万源市', '宣汉县', '开江县', '大竹县', '渠县']);
  });

  it('finds the district a post names, by alias too', () => {
    const region = loadRegion();
    expect(findDistrict(region, '我在宣汉一个工地干活')).toBe('宣汉县');
    expect(findDistrict(region, '市区的事')).toBeNull();
  });

  it('refuses an invalid region file naming the file, the field and what was expected', () => {
    const file = write('region.yaml', 'city: 达州市\nprovince: 四川省\nbureau: 人社局\ndistricts: []\nretentionDays: -1\n');
    const { file: named, problems } = problemsOf(() => loadConfigFile(regionSchema, file));
    expect(named).toBe(file);
    expect(problems).toContain('districts：至少要有一个区县');
    expect(problems).toContain('retentionDays：不能为负数');
  });

  it('reports unknown keys and YAML syntax errors with a line number', () => {
    const typo = write('region.yaml', 'city: 达州市\nprovince: 四川省\nbureau: 人社局\ndistrict: []\n');
    expect(problemsOf(() => loadConfigFile(regionSchema, typo)).problems.join('\n')).toMatch(/district/);
    const broken = write('region.yaml', 'city: [达州\n');
    expect(problemsOf(() => loadConfigFile(regionSchema, broken)).problems[0]).toMatch(/^无法解析第 \d+ 行/);
  });

  it('says plainly when the file does not exist', () => {
    expect(problemsOf(() => loadRegion('/nonexistent/region.yaml')).problems).toEqual(['文件不存在']);
  });
});

describe('sources config', () => {
  const valid = `sources:
  - id: dazhou-board
    name: 达州市民留言板
    type: html
    start: http://127.0.0.1:8080/board/list?page=1
    allowPrivateNetwork: true
    list: { item: "ul.threads li", link: "a.title@href", next: "a.next@href", maxPages: 5 }
    post: { title: "h1", body: ".content", publishedAt: ".meta time", author: ".meta .author" }
`;

  it('accepts the documented html source and fills defaults', () => {
    const file = loadSources(write('sources.yaml', valid));
    const source = file.sources[0]!;
    expect(source.rateLimit).toEqual({ perSecond: 1 });
    expect(source.encoding).toBe('auto');
  });

  it('names the source index and field of a bad start URL and a duplicate id', () => {
    const bad = valid + valid.replace('sources:\n', '').replace('http://127.0.0.1:8080/board/list?page=1', 'not a url');
    const { problems } = problemsOf(() => loadConfigFile(sourcesFileSchema, write('sources.yaml', bad)));
    expect(problems).toContain('sources[1].start：应为网址（http:// 或 https:// 开头）');
    expect(problems).toContain('sources[1].id：来源编号 dazhou-board 重复');
  });
});
