// `npm run eval`'s section on the bureau's own labels reads the store the environment names: the
// data directory's SQLite file, or PostgreSQL from DATABASE_URL (whose password never reaches the
// report). The scorer is a stand-in here: what is tested is where the labels come from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bureauEvaluationSection, type BureauStoreLocation } from '../../analysis/labelling/bureau-set.ts';
import { saveLabel } from '../../analysis/labelling/labels.ts';
import { openStore } from '../../store/index.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';

const everythingNegative = () => ({ sentiment: 'negative' as const, severity: 2 as const, topic: 'wages' });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-bureau-'));
  dirs.push(dir);
  return dir;
};

/** Two labelled posts (one labelled twice: the later label counts) and one with no sentiment label. */
async function labelSome(where: BureauStoreLocation) {
  const store = openStore(where.dataDir, { databaseUrl: where.databaseUrl });
  try {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const url = `http://127.0.0.1/board/${n}`;
      const post = { title: `帖子 ${n}`, body: '工资拖欠', author: '网友', publishedAt: null, fetchedAt: '2026-12-01T00:00:00Z', district: null };
      ids.push((await store.posts.upsert({ source: 'board', url, canonicalUrl: url, contentHash: `h${n}`, ...post })).id);
    }
    const label = { severity: null, topic: null, actor: 'zhang', at: '2026-12-02T00:00:00Z' };
    await saveLabel(store, { postId: ids[0]!, sentiment: 'neutral', ...label });
    await saveLabel(store, { postId: ids[0]!, sentiment: 'negative', ...label });
    await saveLabel(store, { postId: ids[1]!, sentiment: 'positive', ...label });
    await saveLabel(store, { postId: ids[2]!, sentiment: null, ...label, severity: 1 });
  } finally {
    await store.close();
  }
}

describe('the bureau set in npm run eval', () => {
  it('reads the SQLite file in the data directory, and says when there is none', async () => {
    const empty = tempDir();
    expect(await bureauEvaluationSection({ dataDir: empty }, everythingNegative)).toContain(`数据目录 ${empty} 里没有库`);
    const dir = tempDir();
    await labelSome({ dataDir: dir });
    const section = await bureauEvaluationSection({ dataDir: dir }, everythingNegative);
    expect(section).toContain('来自数据目录的库');
    expect(section).toContain(`## 本局标注（${dir}）（2 条）`);
    expect(section).toContain('准确率 50.0%');
    // none of the three is labelled for all of sentiment, severity and topic: nothing to hold the stored scores against
    expect(section).toContain('还没有三项都标了、评分又在标注之前的帖子。');
    expect(section).toContain('没有算进来：三项没标全的 3 条');
  });

  const skip = postgresSkipReason();
  it.skipIf(skip)(`reads PostgreSQL when DATABASE_URL is given, naming it without the password${skip ? ` — 跳过：${skip}` : ''}`, async () => {
    const url = new URL(await freshSchemaUrl());
    url.password = 'not-for-reports';
    const databaseUrl = url.toString();
    const where = { dataDir: tempDir(), databaseUrl };
    expect(await bureauEvaluationSection(where, everythingNegative)).toContain('还没有带情感的标注');
    await labelSome(where);
    const section = await bureauEvaluationSection(where, everythingNegative);
    expect(section).toContain('来自 DATABASE_URL 的 PostgreSQL');
    expect(section).toMatch(/## 本局标注（postgres(ql)?:\/\/[^）]+）（2 条）/);
    expect(section).toContain('准确率 50.0%');
    expect(section).not.toContain('not-for-reports');
  });
});
