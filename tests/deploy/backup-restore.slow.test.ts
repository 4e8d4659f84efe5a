// The restore drill of deploy/README.md for a single-machine (SQLite) install, with the real
// scripts and the real `minsheng` binary: back up while the store is open and has just written
// (part of it still in the WAL), delete the data directory and the 明白纸 folder, restore, and
// `minsheng alerts` and `minsheng export` print exactly what they printed before.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../config/paths.ts';
import { openStore } from '../../store/index.ts';
import { loadRegion } from '../../config/region.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';

const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
const root = mkdtempSync(join(tmpdir(), 'minsheng-restore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, MINSHENG_DATA: '' } });
  expect(r.status, `${cmd} ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}
const minsheng = (...args: string[]) => run(process.execPath, [projectPath('bin', 'minsheng.mjs'), ...args]);
const folderDigest = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map(
      (f) =>
        `${f}:${createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex')}`,
    );

// Posts written for this test: one company's unpaid wages reported by many people in one district
// within two days, plus a threat of collective petitioning — enough for the alert rules.
const COMPANY_POSTS = [
  '某劳务公司拖欠我们工资三个月了，老板电话不接',
  '在工地干了半年，劳务公司一分钱工资没发',
  '劳务公司欠薪，几十个工人等着工资过年',
  '再不发工资我们只能集体去市政府上访了',
  '劳务公司老板跑路了，拖欠工资谁来管',
  '找了劳动监察也没用，工资还是拖欠着',
  '农民工工资被拖欠，家里老人看病都没钱',
  '拖欠工资这么久，劳务公司还在接新工程',
];

describe.skipIf(!hasSqlite3)('backup and restore drill (SQLite install)', () => {
  it('restores the database and the 明白纸 folder after both were deleted: same alerts, same posts', async () => {
    const data = join(root, 'data');
    const content = join(root, 'explainers');
    const backup = join(root, 'backup');
    cpSync(projectPath('site', 'content', 'explainers'), content, { recursive: true });

    const store = openStore(data);
    const day = Date.parse('2026-11-20T02:00:00Z');
    for (const [i, text] of COMPANY_POSTS.entries()) {
      const at = new Date(day + i * 3_600_000).toISOString();
      const url = `https://board.example.gov.cn/m/${i}`;
      await store.posts.upsert({
        source: 'board',
        url,
        canonicalUrl: url,
        contentHash: `drill-${i}`,
        title: text.slice(0, 12),
        body: `${text}。地点在通川区。`,
        author: null,
        publishedAt: at,
        fetchedAt: at,
        district: '通川区',
      });
    }
    const analysis = await analyzeStore(store, { region: loadRegion(), now: new Date(day + 12 * 3_600_000) });
    expect(analysis.alerts.raised).toBeGreaterThan(0);
    // The store stays open: its last writes are in the WAL, not yet in the main file.
    expect(statSync(join(data, 'minsheng.sqlite-wal')).size).toBeGreaterThan(0);

    const alertsBefore = minsheng('alerts', '--json', '--data', data);
    const exportBefore = minsheng('export', '--data', data);
    const contentBefore = folderDigest(content);
    expect(JSON.parse(alertsBefore)).not.toHaveLength(0);

    run('sh', [projectPath('deploy', 'backup.sh'), data, content, backup]);
    await store.close();

    rmSync(data, { recursive: true });
    rmSync(content, { recursive: true });
    expect(existsSync(data) || existsSync(content)).toBe(false);

    run('sh', [projectPath('deploy', 'restore.sh'), backup, data, content]);
    expect(minsheng('alerts', '--json', '--data', data)).toBe(alertsBefore);
    expect(minsheng('export', '--data', data)).toBe(exportBefore);
    expect(folderDigest(content)).toEqual(contentBefore);
  });

  it('keeps the current database beside the restored one, and never replays its WAL into it', async () => {
    const data = join(root, 'data2');
    const content = join(root, 'explainers2');
    const backup = join(root, 'backup2');
    cpSync(projectPath('site', 'content', 'explainers'), content, { recursive: true });
    let store = openStore(data);
    const at = '2026-11-20T02:00:00Z';
    await store.posts.upsert({
      source: 'board',
      url: 'https://x.example/1',
      canonicalUrl: 'https://x.example/1',
      contentHash: 'a',
      title: '备份之前的帖子',
      body: '正文',
      author: null,
      publishedAt: at,
      fetchedAt: at,
      district: null,
    });
    await store.close();
    run('sh', [projectPath('deploy', 'backup.sh'), data, content, backup]);

    // After the backup: a post that only reached the WAL before the process died (kill -9 leaves
    // the -wal file behind; closing would have merged it, so a copy of it is put back instead).
    store = openStore(data);
    await store.posts.upsert({
      source: 'board',
      url: 'https://x.example/2',
      canonicalUrl: 'https://x.example/2',
      contentHash: 'b',
      title: '备份之后的帖子',
      body: '正文',
      author: null,
      publishedAt: at,
      fetchedAt: at,
      district: null,
    });
    cpSync(join(data, 'minsheng.sqlite-wal'), join(root, 'left-behind.wal'));
    await store.close();
    cpSync(join(root, 'left-behind.wal'), join(data, 'minsheng.sqlite-wal'));
    run('sh', [projectPath('deploy', 'restore.sh'), backup, data, content]);

    const lines = minsheng('export', '--data', data).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { title: string }).title)).toEqual(['备份之前的帖子']);
    expect(readdirSync(data).some((f) => f.startsWith('minsheng.sqlite.before-restore-'))).toBe(true);
  });
});
