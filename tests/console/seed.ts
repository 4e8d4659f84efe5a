// A small data directory for the console tests: users of each role, posts (one carrying a
// script tag as crawled text), scores, and an open alert.
import { createHash } from 'node:crypto';
import { openStore, type Store } from '../../store/index.ts';
import { hashPassword } from '../../accounts/passwords.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

export const PASSWORDS = { admin: 'admin-pass-123456', duty: 'duty-pass-1234567', publicity: 'pub-pass-12345678' };

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

type ScryptCost = { N: number; r: number; p: number };

// One hash per password and cost per test worker: scrypt at the real cost (N=2^17) took 0.8 s of
// CPU and 1–3 s of wall time a hash on the busy machine, and every seed used to compute all three
// afresh. The real cost is the default because logins (browser tier) would upgrade a cheaper hash.
const hashes = new Map<string, Promise<string>>();
const seededHash = (password: string, cost?: ScryptCost) => {
  const key = `${password}\n${cost ? `${cost.N},${cost.r},${cost.p}` : 'real'}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = hashPassword(password, cost);
    hashes.set(key, hash);
    hash.catch(() => hashes.delete(key)); // a failed hash is not kept for the next seed
  }
  return hash;
};

/** A cheap scrypt cost for tests where nobody logs in (a login would upgrade it at the real cost). */
export const NO_LOGIN_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };

export async function seedStore(store: Store, now = new Date(), passwordCost?: ScryptCost) {
  for (const [name, role] of [
    ['admin', 'admin'],
    ['duty', 'duty'],
    ['publicity', 'publicity'],
  ] as const) {
    await store.users.add({ name, role, passwordHash: await seededHash(PASSWORDS[name], passwordCost), createdAt: now.toISOString() });
  }
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const posts = [
    { title: '达川区某工地拖欠农民工工资三个月', body: '我们二十多个工人被拖欠工资，电话1**********打不通。<script>alert(1)</script>', minutes: 90 },
    { title: '工地欠薪无人管', body: '同一个工地，老板跑了，工资没发。', minutes: 60 },
    { title: '咨询灵活就业社保缴费', body: '请问灵活就业人员怎么缴养老保险？', minutes: 30 },
  ];
  const ids: string[] = [];
  for (const [i, p] of posts.entries()) {
    const url = `http://127.0.0.1:9/board/thread/${i + 1}`;
    const { id } = await store.posts.upsert({
      source: '演示留言板',
      url,
      canonicalUrl: url,
      contentHash: sha(p.title + p.body),
      title: p.title,
      body: p.body,
      author: '网友',
      publishedAt: at(p.minutes),
      fetchedAt: at(p.minutes - 5),
      district: '达川区',
    });
    ids.push(id);
    await store.scores.save({
      postId: id,
      sentiment: i < 2 ? 'negative' : 'neutral',
      negative: i < 2 ? 0.92 : 0.2,
      severity: i < 2 ? 2 : 0,
      topic: i < 2 ? '劳动关系' : '社会保险',
      reasons: i < 2 ? [{ kind: 'negativeWords', words: ['欠薪'], negatedPositive: [] }] : [],
      model: 'test',
      scoredAt: at(1),
    });
  }
  const { alert } = await raiseAlert(
    store,
    {
      ruleKey: 'cluster:test-wages',
      level: 'orange',
      title: '达川区工地欠薪（2 条相似帖）',
      reasons: [
        { kind: 'level', level: 'orange', why: { kind: 'crowdInCrisis', people: 2, severity: 2 } },
        { kind: 'negativeWords', words: ['拖欠工资', '欠薪'] },
      ],
      postIds: ids.slice(0, 2),
      sources: ['演示留言板'],
      firstSeen: at(90),
      lastSeen: at(60),
    },
    at(50),
  );
  return { alertId: alert.id, postIds: ids };
}

export async function seedDataDir(dataDir: string) {
  const store = openStore(dataDir);
  try {
    return await seedStore(store);
  } finally {
    await store.close();
  }
}
