// The whole path on real code: the bundled demo board is crawled, indexed, scored and alerted
// on, through the same pipeline `minsheng run` and `minsheng demo` use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../store/index.ts';
import { loadRegion } from '../../config/region.ts';
import { startDemoBoard } from '../../demo/board/server.ts';
import { demoSources } from '../../demo/sources.ts';
import { runPipeline } from '../../cli/pipeline.ts';
import { alertJsonSchema } from '../../analysis/alerts/json.ts';
import { openSearchEngine } from '../../indexer/index.ts';

import { runCli as cli } from '../helpers/cli.ts';

let dataDir: string;
let board: Awaited<ReturnType<typeof startDemoBoard>>;
let store: Store;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'minsheng-e2e-'));
  board = await startDemoBoard({ port: 0, host: '127.0.0.1' });
  store = openStore(dataDir);
  await runPipeline(store, demoSources(board.url), loadRegion());
});

afterAll(async () => {
  await store?.close();
  await board?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pipeline on the demo board', () => {
  it('stores every board post once, scored', async () => {
    const posts = await store.posts.count();
    expect(posts).toBeGreaterThanOrEqual(40);
    expect(await store.scores.count()).toBe(posts);
  });

  it('masks personal data before it reaches the store', async () => {
    const all = await store.posts.list({ limit: 10_000 });
    for (const p of all) {
      expect(p.body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      expect(p.body).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    }
  });

  it('raises an orange or red alert for the incident several people posted about', async () => {
    const alerts = await store.alerts.list();
    const serious = alerts.filter((a) => a.level === 'orange' || a.level === 'red');
    expect(serious.length).toBeGreaterThanOrEqual(1);
    const incident = serious[0]!;
    expect(incident.postIds.length).toBeGreaterThanOrEqual(5);
    expect(incident.reasons.length).toBeGreaterThan(0);
    const posts = await store.posts.getMany(incident.postIds);
    expect(new Set(posts.map((p) => p.author)).size).toBeGreaterThanOrEqual(4);
  });

  it('finds the incident by search, with a synonym', async () => {
    const engine = openSearchEngine(store);
    const result = await engine.search({ q: '拖欠工资', limit: 50 });
    expect(result.total).toBeGreaterThanOrEqual(5);
  });

  it('duplicates nothing when run again', async () => {
    const before = { posts: await store.posts.count(), alerts: (await store.alerts.list()).length };
    const again = await runPipeline(store, demoSources(board.url), loadRegion());
    expect(again.crawl.sources[0]!.newPosts).toBe(0);
    expect(await store.posts.count()).toBe(before.posts);
    expect((await store.alerts.list()).length).toBe(before.alerts);
    expect(again.analysis.alerts.raised).toBe(0);
  });

  it('exports every post as a JSON line with its score, and alerts as the documented JSON', async () => {
    const exported = (await cli(['export', '--data', dataDir])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(exported.length).toBe(await store.posts.count());
    expect(Object.keys(exported[0]).sort()).toEqual(['id', 'source', 'url', 'title', 'body', 'author', 'publishedAt', 'fetchedAt', 'cluster', 'score'].sort());
    expect(Object.keys(exported[0].score).sort()).toEqual(['sentiment', 'negative', 'severity', 'topic', 'reasons'].sort());

    const alerts = JSON.parse((await cli(['alerts', '--json', '--data', dataDir])).stdout);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    // The one documented alert shape (analysis/alerts/json.ts), field for field.
    expect(Object.keys(alerts[0]).sort()).toEqual(Object.keys(alertJsonSchema.shape).sort());
    expect(alertJsonSchema.safeParse(alerts[0]).success).toBe(true);
    // Reasons in words for people, the same reasons as data for programs.
    expect(alerts[0].reasons.every((r: unknown) => typeof r === 'string')).toBe(true);
    expect(alerts[0].reasonData).toHaveLength(alerts[0].reasons.length);
    expect(alerts[0].reasonData[0]).toMatchObject({ kind: 'level', level: alerts[0].level });
    expect(alerts[0].posts[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/board\/thread\//);
  });
});
