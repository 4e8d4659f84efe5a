import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRISIS_WEIGHTS_FILE } from '../../analysis/crisis-model/model.ts';
import { openStore, type Alert, type Post, type Score, type Store } from '../../store/index.ts';
import { filterFromParams, matchesAlert, matchesPosts, orderAlerts } from '../../site/server/alerts-view.ts';
import { askSecondOpinion } from '../../site/server/second-opinion.ts';
import { createSession, resolveSession } from '../../accounts/sessions.ts';
import { NO_LOGIN_COST, seedStore } from './seed.ts';

function alert(id: string, level: Alert['level'], status: Alert['status'], lastSeen: string): Alert {
  return {
    id,
    ruleKey: id,
    level,
    status,
    title: id,
    reasons: [],
    postIds: [],
    sources: [],
    firstSeen: lastSeen,
    lastSeen,
    assignee: null,
    createdAt: lastSeen,
    updatedAt: lastSeen,
  };
}

describe('alert list order and filters', () => {
  it('puts the worst level first whatever its handling state, then the most recent, ended alerts last', () => {
    const ordered = orderAlerts([
      alert('blue-new', 'blue', 'new', '2025-09-01T05:00:00Z'),
      alert('red-closed', 'red', 'closed', '2025-09-01T06:00:00Z'),
      alert('red-ack-old', 'red', 'acknowledged', '2025-09-01T01:00:00Z'),
      alert('red-new-recent', 'red', 'new', '2025-09-01T04:00:00Z'),
      alert('yellow-assigned', 'yellow', 'assigned', '2025-09-01T03:00:00Z'),
      alert('orange-responded', 'orange', 'responded', '2025-09-01T02:00:00Z'),
    ]);
    expect(ordered.map((a) => a.id)).toEqual(['red-new-recent', 'red-ack-old', 'orange-responded', 'yellow-assigned', 'blue-new', 'red-closed']);
  });

  it('shows open alerts by default and understands level and status filters', () => {
    const none = { topic: null, district: null, since: null, until: null };
    expect(filterFromParams(new URLSearchParams(''))).toEqual({
      levels: [],
      statuses: ['new', 'acknowledged', 'assigned', 'in_progress', 'responded'],
      ...none,
    });
    expect(filterFromParams(new URLSearchParams('level=red,bogus&status=closed'))).toEqual({ levels: ['red'], statuses: ['closed'], ...none });
    expect(filterFromParams(new URLSearchParams('status=all')).statuses).toEqual([]);
  });

  it('reads topic, district and a date range, ignoring dates that do not exist', () => {
    const f = filterFromParams(new URLSearchParams('topic=劳动关系&district=达川区&since=2025-09-01&until=2025-02-30'));
    expect(f).toMatchObject({ topic: '劳动关系', district: '达川区', since: '2025-09-01', until: null });
  });

  it('keeps alerts active within the Beijing-day range, on either edge', () => {
    const f = { ...filterFromParams(new URLSearchParams('status=all')), since: '2025-09-02', until: '2025-09-02' };
    const active = (firstSeen: string, lastSeen: string) => matchesAlert({ ...alert('x', 'blue', 'new', lastSeen), firstSeen }, f);
    expect(active('2025-09-01T10:00:00Z', '2025-09-01T16:30:00Z')).toBe(true); // ran into 00:30 on the 2nd
    expect(active('2025-09-01T10:00:00Z', '2025-09-01T15:59:00Z')).toBe(false); // ended 23:59 on the 1st
    expect(active('2025-09-02T15:59:00Z', '2025-09-02T18:00:00Z')).toBe(true); // began 23:59 on the 2nd
    expect(active('2025-09-02T16:00:00Z', '2025-09-02T18:00:00Z')).toBe(false); // began on the 3rd
  });

  it("matches topic and district on any of the alert's posts", () => {
    const f = { ...filterFromParams(new URLSearchParams('topic=劳动关系&district=达川区')) };
    const posts = [
      { id: 'p1', district: '通川区' },
      { id: 'p2', district: '达川区' },
    ] as Post[];
    const scores = new Map([['p1', { topic: '劳动关系' } as Score]]);
    expect(matchesPosts(posts, scores, f)).toBe(true);
    expect(matchesPosts(posts.slice(0, 1), scores, f)).toBe(false);
    expect(matchesPosts(posts.slice(1), scores, f)).toBe(false);
  });
});

describe('session lifetime', () => {
  it('lasts one 8-hour duty shift and no longer, even when used all along', async () => {
    const store = openStore(':memory:');
    try {
      await seedStore(store, undefined, NO_LOGIN_COST);
      const user = (await store.users.byName('duty'))!;
      const now = new Date('2025-09-01T00:00:00Z');
      const { token } = await createSession(store, user, now);
      // Used every 20 minutes, so the 30-minute idle timeout never applies.
      for (let m = 20; m < 480; m += 20) expect(await resolveSession(store, token, new Date(now.getTime() + m * 60_000))).not.toBeNull();
      expect(await resolveSession(store, token, new Date(now.getTime() + 8 * 3600_000 - 60_000))).not.toBeNull();
      expect(await resolveSession(store, token, new Date(now.getTime() + 8 * 3600_000 + 1))).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('second opinion on a post of an alert', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('judges the post with the embedded scorer offline, quotes only words from the post, and audits the request', async () => {
    const prevHost = process.env.OLLAMA_HOST;
    delete process.env.OLLAMA_HOST;
    try {
      const { alertId, postIds } = await seedStore(store, undefined, NO_LOGIN_COST);
      const outcome = await askSecondOpinion({ store, actor: 'duty', ip: '127.0.0.1' }, alertId, postIds[0]!);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.judgement.by).toBe('embedded');
      expect(outcome.judgement.sentiment).toBe('negative');
      const [post] = await store.posts.getMany([postIds[0]!]);
      for (const q of outcome.judgement.quotes) expect(post!.title + post!.body).toContain(q);
      const log = await store.audit.list({ limit: 10 });
      expect(log.find((e) => e.action === 'alert.second_opinion')).toMatchObject({ actor: 'duty', target: alertId });
    } finally {
      if (prevHost !== undefined) process.env.OLLAMA_HOST = prevHost;
    }
  });

  it('judges with the models the analysis uses: the data directory’s retrained weights and the bureau’s topic words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-opinion-'));
    const saved = { data: process.env.MINSHENG_DATA, topics: process.env.MINSHENG_TOPICS, host: process.env.OLLAMA_HOST };
    delete process.env.OLLAMA_HOST;
    try {
      const { alertId, postIds } = await seedStore(store, undefined, NO_LOGIN_COST);
      const ask = () => askSecondOpinion({ store, actor: 'duty', ip: null }, alertId, postIds[0]!);
      process.env.MINSHENG_DATA = dir;
      const before = await ask();
      expect(before.ok && before.judgement.severity).toBeLessThan(3);
      // A bureau retrained the crisis model (a threshold of 0 raises every complaint) and wrote its own boundary.
      const crisis = JSON.parse(readFileSync(CRISIS_WEIGHTS_FILE, 'utf8'));
      writeFileSync(join(dir, 'crisis-weights.json'), JSON.stringify({ ...crisis, threshold: 0 }));
      writeFileSync(join(dir, 'topics.yaml'), 'lines:\n  labor_dispute: [某工地]\n');
      process.env.MINSHENG_TOPICS = join(dir, 'topics.yaml');
      const after = await ask();
      expect(after.ok).toBe(true);
      if (!after.ok) return;
      expect(after.judgement.severity).toBe(3);
      expect(after.judgement.rationale).toContain('危机信号（模型）');
      expect(after.judgement.rationale).toContain('主题词：某工地');
    } finally {
      for (const [key, value] of [
        ['MINSHENG_DATA', saved.data],
        ['MINSHENG_TOPICS', saved.topics],
        ['OLLAMA_HOST', saved.host],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      // every embedded opinion chooses its models again, so the next one is back on the shipped models
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a post that is not part of the alert', async () => {
    const { alertId, postIds } = await seedStore(store, undefined, NO_LOGIN_COST);
    const outcome = await askSecondOpinion({ store, actor: 'duty', ip: null }, alertId, postIds[2]!);
    expect(outcome).toEqual({ ok: false, postId: postIds[2], error: '该帖子不属于这条预警' });
  });
});
