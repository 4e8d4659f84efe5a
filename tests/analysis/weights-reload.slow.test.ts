// A long-running process (`minsheng watch`, a worker) scores with what `minsheng train` wrote into the data
// directory and with the bureau's topic words as last saved, from its next analysis run on, without a restart;
// scores already stored keep the model that gave them. In process, through analyzeStore as those processes call
// it (this tier gives the file its own modules).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { loadRegion } from '../../config/region.ts';
import { analyzeStore } from '../../analysis/pipeline.ts';
import { chooseModels, chooseWeights } from '../../analysis/weights.ts';
import { CRISIS_WEIGHTS_FILE, crisisWeightsSlot } from '../../analysis/crisis-model/model.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-reload-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const region = loadRegion();
let seq = 0;
const post = (title: string, body: string) => {
  seq += 1;
  return {
    source: 'board',
    url: `http://127.0.0.1/board/thread/${seq}`,
    canonicalUrl: `http://127.0.0.1/board/thread/${seq}`,
    contentHash: `reload-${seq}`,
    title,
    body,
    author: null,
    publishedAt: '2026-12-01T08:00:00.000Z',
    fetchedAt: '2026-12-01T08:00:00.000Z',
    district: null,
  };
};
const crisisVersion = (model: string) => /-crisis-([0-9a-f]{10})/.exec(model)?.[1];

describe('weights retrained while a process runs', () => {
  it('are used from the next analysis run on, and reported; removing them brings the shipped ones back', async () => {
    chooseWeights({ dataDir });
    const store = openStore(':memory:');
    const now = new Date('2026-12-01T09:00:00Z');
    const noClusters = async () => ({ postsAssigned: 0, clusters: 0 });
    try {
      const { id: a } = await store.posts.upsert(post('工资拖欠', '厂里拖欠我们三个月工资了，老板一直说没钱'));
      const first = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(first.reloaded).toEqual([]);
      const shipped = crisisVersion((await store.scores.get(a))!.model);
      expect(shipped).toBeDefined();

      // what `minsheng train` writes: the bureau's crisis model in the data directory (here the shipped one with another threshold)
      const weights = JSON.parse(readFileSync(CRISIS_WEIGHTS_FILE, 'utf8'));
      writeFileSync(crisisWeightsSlot.retrainedFile(dataDir), JSON.stringify({ ...weights, threshold: 0.9 }) + '\n');
      const { id: b } = await store.posts.upsert(post('社保断缴', '公司今年一直没给我们交社保，问了好几次都说等等'));
      const second = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(second.reloaded).toEqual(['危机模型']);
      const retrained = crisisVersion((await store.scores.get(b))!.model);
      expect(retrained).toBeDefined();
      expect(retrained).not.toBe(shipped);
      // the earlier post keeps the score it was given, with its model
      expect(crisisVersion((await store.scores.get(a))!.model)).toBe(shipped);

      const third = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(third.reloaded).toEqual([]);

      rmSync(crisisWeightsSlot.retrainedFile(dataDir));
      const { id: c } = await store.posts.upsert(post('养老金', '我父亲的养老金这个月少发了两百多，没人解释'));
      const fourth = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(fourth.reloaded).toEqual(['危机模型']);
      expect(crisisVersion((await store.scores.get(c))!.model)).toBe(shipped);
    } finally {
      await store.close();
    }
  });

  it('take up the topic words as the bureau saves them; a saved list with a mistake is reported once and the words before stay', async () => {
    const topics = join(dataDir, 'topics.yaml');
    // Each save below differs in length from the one before, so it is seen however fast the test runs.
    writeFileSync(topics, 'lines: {}\n');
    chooseModels({ dataDir, topicsFile: topics });
    const store = openStore(':memory:');
    const now = new Date('2026-12-01T09:00:00Z');
    const noClusters = async () => ({ postsAssigned: 0, clusters: 0 });
    const deposit = (n: number) => post(`驾校收求职者押金不退（${n}）`, '应聘驾校教练员时交了两千元押金，干了一个月说不要我了，押金也不退，请问合法吗？');
    const topicOf = async (id: string) => (await store.scores.get(id))!.topic;
    try {
      const { id: a } = await store.posts.upsert(deposit(1));
      const first = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(first).toMatchObject({ reloaded: [], topicWordsError: null });
      expect(await topicOf(a)).toBe('other');

      // The bureau decides a job seeker's deposit is its employment line, and saves the file.
      writeFileSync(topics, 'lines:\n  employment_training: [求职者押金]\n');
      const { id: b } = await store.posts.upsert(deposit(2));
      const second = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(second).toMatchObject({ reloaded: ['主题词表'], topicWordsError: null });
      expect(await topicOf(b)).toBe('employment_training');
      expect((await store.scores.get(b))!.model).toMatch(/-words-[0-9a-f]{10}/);
      expect(await topicOf(a)).toBe('other');

      // A misspelt business line: named in Chinese, once; the words saved before keep deciding.
      writeFileSync(topics, 'lines:\n  employment_trainning: [求职者押金]\n');
      const { id: c } = await store.posts.upsert(deposit(3));
      const third = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(third.reloaded).toEqual([]);
      expect(third.topicWordsError).toContain('employment_trainning');
      expect(third.topicWordsError).toContain('仍按改之前的主题词表');
      expect(await topicOf(c)).toBe('employment_training');
      const fourth = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(fourth).toMatchObject({ reloaded: [], topicWordsError: null });

      // Emptied again: the project's rules alone from the next run on.
      writeFileSync(topics, 'lines: {}\notherDepartments: []\n');
      const { id: d } = await store.posts.upsert(deposit(4));
      const fifth = await analyzeStore(store, { region, now, cluster: noClusters });
      expect(fifth).toMatchObject({ reloaded: ['主题词表'], topicWordsError: null });
      expect(await topicOf(d)).toBe('other');
    } finally {
      await store.close();
    }
  });
});
