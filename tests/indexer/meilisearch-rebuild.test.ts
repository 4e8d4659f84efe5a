// `minsheng index --rebuild` on Meilisearch: a new index is filled while the live one keeps
// answering, then swapped in (POST /swap-indexes) and the old documents deleted. Without a server
// here, the official client talks to a small in-process stand-in for the parts of Meilisearch's
// documented REST API the adapter uses (indexes, settings, documents, stats, swap, tasks), which
// records every request, so the tests check the order of calls the real client makes. With
// MEILI_URL set, the same rebuild runs against the real server at the end of this file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { openStore, type Store } from '../../store/index.ts';
import { updateIndex } from '../../indexer/index.ts';
import { MeilisearchEngine, MeilisearchTaskError, meilisearchConfig, rebuildPrefix } from '../../indexer/meilisearch.ts';
import { parseEnv } from '../../config/env.ts';
import { loadSynonyms } from '../../indexer/synonyms.ts';

type Doc = Record<string, unknown> & { id: string };
interface FakeTask {
  uid: number;
  indexUid: string | null;
  status: 'succeeded' | 'failed';
  type: string;
  error: { message: string; code: string; type: string; link: string } | null;
}

/** The stand-in: indexes in memory, every task done at once, every request logged. */
class FakeMeilisearch {
  readonly indexes = new Map<string, Map<string, Doc>>();
  readonly log: { method: string; path: string; body: unknown }[] = [];
  private readonly tasks = new Map<number, FakeTask>();
  /** Makes the next document addition to an index whose uid starts with this fail. */
  failAdditionTo: string | null = null;
  /** Called on every document addition before it is applied (to search mid-rebuild). */
  onAddition: ((uid: string) => void) | null = null;
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const body: unknown = raw ? JSON.parse(raw) : undefined;
        this.log.push({ method: req.method ?? '', path: url.pathname, body });
        const [status, payload] = this.route(req.method ?? '', url.pathname.split('/').filter(Boolean), body);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((done) => this.server.close(() => done()));
  }

  /** Requests as "METHOD /path", for asserting the order of calls. */
  calls() {
    return this.log.map((r) => `${r.method} ${r.path}`);
  }

  private task(indexUid: string | null, type: string, work: () => string | null): [number, unknown] {
    const uid = this.tasks.size;
    const failure = work();
    const error = failure ? { message: failure, code: 'internal', type: 'internal', link: '' } : null;
    this.tasks.set(uid, { uid, indexUid, status: failure ? 'failed' : 'succeeded', type, error });
    return [202, { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: new Date().toISOString() }];
  }

  private missing(uid: string): [number, unknown] {
    return [404, { message: `Index \`${uid}\` not found.`, code: 'index_not_found', type: 'invalid_request', link: '' }];
  }

  private route(method: string, parts: string[], body: unknown): [number, unknown] {
    const [root, uid, sub, action] = parts;
    const meta = (u: string) => ({ uid: u, primaryKey: 'id', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    if (root === 'tasks' && uid) return [200, this.tasks.get(Number(uid))];
    if (root === 'swap-indexes' && method === 'POST') {
      return this.task(null, 'indexSwap', () => {
        for (const { indexes } of body as { indexes: [string, string] }[]) {
          const [a, b] = indexes;
          const A = this.indexes.get(a);
          const B = this.indexes.get(b);
          if (!A || !B) return `Index not found: ${!A ? a : b}`;
          this.indexes.set(a, B);
          this.indexes.set(b, A);
        }
        return null;
      });
    }
    if (root !== 'indexes') return [404, { message: 'no route', code: 'not_found', type: 'invalid_request', link: '' }];
    if (!uid) {
      if (method === 'GET') return [200, { results: [...this.indexes.keys()].map(meta), offset: 0, limit: 1000, total: this.indexes.size }];
      const { uid: created } = body as { uid: string };
      return this.task(created, 'indexCreation', () => (this.indexes.has(created) ? 'index_already_exists' : (this.indexes.set(created, new Map()), null)));
    }
    const docs = this.indexes.get(uid);
    if (!sub) {
      if (method === 'GET') return docs ? [200, meta(uid)] : this.missing(uid);
      if (method === 'DELETE') return this.task(uid, 'indexDeletion', () => (this.indexes.delete(uid) ? null : 'index_not_found'));
    }
    if (sub === 'settings') return this.task(uid, 'settingsUpdate', () => (this.indexes.has(uid) || this.indexes.set(uid, new Map()), null));
    if (sub === 'stats') return docs ? [200, { numberOfDocuments: docs.size, isIndexing: false, fieldDistribution: {} }] : this.missing(uid);
    if (sub === 'documents') {
      if (method === 'POST' && !action) {
        return this.task(uid, 'documentAdditionOrUpdate', () => {
          this.onAddition?.(uid);
          if (this.failAdditionTo && uid.startsWith(this.failAdditionTo)) {
            this.failAdditionTo = null;
            return 'disk full';
          }
          const target = this.indexes.get(uid) ?? new Map<string, Doc>();
          this.indexes.set(uid, target);
          for (const d of body as Doc[]) target.set(d.id, d);
          return null;
        });
      }
      if (method === 'POST' && action === 'delete-batch')
        return this.task(uid, 'documentDeletion', () => ((body as string[]).forEach((id) => docs?.delete(id)), null));
      if (method === 'DELETE') return this.task(uid, 'documentDeletion', () => (docs?.clear(), null));
    }
    return [404, { message: `no route ${method} ${parts.join('/')}`, code: 'not_found', type: 'invalid_request', link: '' }];
  }
}

async function addPost(store: Store, key: string, title: string) {
  const url = `http://127.0.0.1/t/${key}`;
  const at = '2026-03-01T09:00:00+08:00';
  await store.posts.upsert({
    source: 'board',
    url,
    canonicalUrl: url,
    contentHash: `h-${key}`,
    title,
    body: `${title}，请有关部门处理。`,
    author: null,
    publishedAt: at,
    fetchedAt: at,
    district: null,
  });
}

describe('Meilisearch rebuild by swapping indexes', () => {
  let meili: FakeMeilisearch;
  let store: Store;
  let engine: MeilisearchEngine;

  beforeEach(async () => {
    meili = new FakeMeilisearch();
    await meili.start();
    store = openStore(':memory:');
    for (const [k, t] of [
      ['a', '工地拖欠工资'],
      ['b', '社保卡补办'],
      ['c', '养老金调整'],
    ] as const)
      await addPost(store, k, t);
    engine = new MeilisearchEngine({ host: meili.url, index: 'posts', batchSize: 2, taskTimeoutMs: 10_000 }, loadSynonyms());
    await updateIndex(store, engine);
    meili.log.length = 0;
  });

  afterEach(async () => {
    await store.close();
    await meili.stop();
  });

  it('fills a new index while the live one keeps all its posts, swaps, then deletes the old documents', async () => {
    await addPost(store, 'd', '失业金没有到账');
    const liveDuringFill: number[] = [];
    meili.onAddition = (uid) => {
      if (uid !== 'posts') liveDuringFill.push(meili.indexes.get('posts')!.size);
    };
    const result = await engine.rebuildBySwap(store.fullText, (staging) => updateIndex(store, staging, { rebuild: true }));

    expect(result).toEqual({ indexed: 4, removed: 0 });
    // Searches during the rebuild were answered by the live index with all its posts.
    expect(liveDuringFill).toEqual([3, 3]);
    expect([...meili.indexes.keys()]).toEqual(['posts']);
    expect([...meili.indexes.get('posts')!.keys()].sort()).toEqual(await store.posts.list({ limit: 10 }).then((ps) => ps.map((p) => p.id).sort()));

    const calls = meili.calls().filter((c) => !c.startsWith('GET /tasks/'));
    const staging = (meili.log.find((r) => r.method === 'POST' && r.path === '/indexes')!.body as { uid: string }).uid;
    expect(staging.startsWith(rebuildPrefix('posts'))).toBe(true);
    const at = (call: string) => calls.indexOf(call);
    const lastAddition = calls.lastIndexOf(`POST /indexes/${staging}/documents`);
    // New index created with the settings before any document goes in; swap only after the last batch.
    expect(at(`PATCH /indexes/${staging}/settings`)).toBeGreaterThan(at('POST /indexes'));
    expect(at(`PATCH /indexes/${staging}/settings`)).toBeLessThan(at(`POST /indexes/${staging}/documents`));
    expect(at('POST /swap-indexes')).toBeGreaterThan(lastAddition);
    expect(at(`DELETE /indexes/${staging}`)).toBeGreaterThan(at('POST /swap-indexes'));
    expect(meili.log.find((r) => r.path === '/swap-indexes')!.body).toEqual([{ indexes: ['posts', staging], rename: false }]);
    // The live index is never emptied or written to during a rebuild.
    expect(calls.filter((c) => c === 'DELETE /indexes/posts' || c.startsWith('DELETE /indexes/posts/') || c.startsWith('POST /indexes/posts/'))).toEqual([]);

    // The sync records now describe the swapped-in index: the next run has nothing to send.
    expect((await store.fullText.syncState(engine.name)).size).toBe(4);
    expect(await updateIndex(store, engine)).toEqual({ indexed: 0, removed: 0 });
  });

  it('leaves the live index and its records as they were when the rebuild fails', async () => {
    await addPost(store, 'd', '失业金没有到账');
    const before = new Map(meili.indexes.get('posts'));
    meili.failAdditionTo = rebuildPrefix('posts');
    await expect(engine.rebuildBySwap(store.fullText, (staging) => updateIndex(store, staging, { rebuild: true }))).rejects.toThrow(MeilisearchTaskError);

    expect([...meili.indexes.keys()]).toEqual(['posts']);
    expect(meili.indexes.get('posts')).toEqual(before);
    expect(meili.calls()).not.toContain('POST /swap-indexes');
    // Only the new post is missing from the live index, so a normal run sends just that one.
    expect(await updateIndex(store, engine)).toEqual({ indexed: 1, removed: 0 });
  });

  it('first deletes a half-filled index that an interrupted rebuild left behind', async () => {
    meili.indexes.set(`${rebuildPrefix('posts')}1700000000000`, new Map([['x', { id: 'x' }]]));
    await engine.rebuildBySwap(store.fullText, (staging) => updateIndex(store, staging, { rebuild: true }));
    expect(meili.calls()).toContain(`DELETE /indexes/${rebuildPrefix('posts')}1700000000000`);
    expect([...meili.indexes.keys()]).toEqual(['posts']);
    expect(meili.indexes.get('posts')!.size).toBe(3);
  });

  it('creates the live index when a new server is rebuilt for the first time', async () => {
    const fresh = new MeilisearchEngine({ host: meili.url, index: 'fresh', batchSize: 100, taskTimeoutMs: 10_000 }, loadSynonyms());
    await fresh.rebuildBySwap(store.fullText, (staging) => updateIndex(store, staging, { rebuild: true }));
    expect([...meili.indexes.keys()].sort()).toEqual(['fresh', 'posts']);
    expect(meili.indexes.get('fresh')!.size).toBe(3);
  });
});

// Against a real server (MEILI_URL): searches answer from the old index until the swap.
const real = meilisearchConfig(parseEnv(process.env).meili);
describe.skipIf(!real)('Meilisearch rebuild against the real server (MEILI_URL)', () => {
  it('keeps answering searches during a rebuild and serves the new posts after it', async () => {
    const store = openStore(':memory:');
    const uid = `minsheng-rebuild-${process.pid}`;
    const live = new MeilisearchEngine({ ...real!, index: uid });
    try {
      await addPost(store, 'a', '工地拖欠工资');
      await updateIndex(store, live);
      await addPost(store, 'b', '欠薪三个月');
      let duringRebuild = -1;
      await live.rebuildBySwap(store.fullText, async (staging) => {
        const r = await updateIndex(store, staging, { rebuild: true });
        duringRebuild = (await live.search({ q: '欠薪' })).total;
        return r;
      });
      expect(duringRebuild).toBe(1);
      expect((await live.search({ q: '欠薪' })).total).toBe(2);
    } finally {
      await new Meilisearch({ host: real!.host, apiKey: real!.apiKey })
        .deleteIndex(uid)
        .waitTask()
        .catch(() => undefined);
      await store.close();
    }
  });
});
