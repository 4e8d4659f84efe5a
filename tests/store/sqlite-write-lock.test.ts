// Several processes write one SQLite file (crawl workers, analysis, two web servers). A transaction
// that reads and then writes must take the write lock first (BEGIN IMMEDIATE): begun deferred, it
// reads a snapshot, and when another connection holds or has just committed the write lock its
// first write fails at once with "database is locked" (SQLITE_BUSY), whatever busy_timeout says.
// Here a second connection on its own thread holds the write lock while the store runs such a
// transaction: the store has to wait for it and then see what it wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';

// The other writer: plain better-sqlite3 on a worker thread (a connection of its own, running while
// the main thread is blocked inside the store). It takes the write lock, writes, tells the main thread,
// waits until the main thread has entered the store call, gives it a moment to reach its first write,
// then commits. The moment only decides whether a regression is caught, never whether a correct store
// passes: however late the main thread gets there, a correct store just waits on the lock.
const OTHER_WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const flag = new Int32Array(workerData.flag);
db.exec('BEGIN IMMEDIATE');
db.prepare(workerData.sql).run(...workerData.args);
parentPort.postMessage('locked');
Atomics.wait(flag, 0, 0);
Atomics.wait(flag, 0, 1, 300);
db.exec('COMMIT');
db.close();
parentPort.postMessage('committed');
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/** Runs `storeCall` while another connection holds the write lock after writing `sql`. */
async function whileAnotherHoldsTheLock<T>(file: string, sql: string, args: unknown[], storeCall: () => Promise<T>): Promise<T> {
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(OTHER_WRITER, { eval: true, workerData: { driver, file, sql, args, flag } });
  const messages: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: string) => (messages.push(m), m === 'committed' && resolve()));
    worker.on('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  Atomics.store(new Int32Array(flag), 0, 1);
  Atomics.notify(new Int32Array(flag), 0);
  try {
    return await storeCall();
  } finally {
    await done;
    await worker.terminate();
    expect(messages).toEqual(['locked', 'committed']);
  }
}

let dir: string;
let store: Store;
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(n: number) {
  const url = `http://127.0.0.1/board/${n}`;
  const { id } = await store.posts.upsert({
    source: `board-${n}`,
    url,
    canonicalUrl: url,
    contentHash: `h${n}`,
    title: `帖子 ${n}`,
    body: '正文',
    author: '网友',
    publishedAt: null,
    fetchedAt: `2026-12-0${n}T00:00:00Z`,
    district: null,
  });
  return id;
}

describe('SQLite transactions that read before they write', () => {
  it('wait for another connection’s write lock and build on what it committed (clusters.assign)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'minsheng-write-lock-'));
    store = openStore(dir);
    const [a, b] = [await post(1), await post(2)];
    const file = join(dir, 'minsheng.sqlite');
    // The other connection puts post b into the cluster; the store then adds post a and summarises it.
    await whileAnotherHoldsTheLock(file, 'UPDATE posts SET cluster_id = ? WHERE id = ?', ['c1', b], () =>
      store.clusters.assign([{ postId: a, clusterId: 'c1' }]),
    );
    expect(await store.clusters.get('c1')).toMatchObject({ size: 2, sources: ['board-1', 'board-2'] });
  });
});
