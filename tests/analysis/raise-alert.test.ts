// The store only persists: analysis reads the alert, decides with the pure merge rule, and the store
// writes the decision with compare-and-set (AlertRepo.save). Two runs raising the same incident at
// the same moment must end in one alert holding both runs' posts, and one notice per level reached.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import type { Alert, AlertInput } from '../../store/types.ts';
import { mergeAlert } from '../../analysis/alerts/merge.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';
import { notifyPending } from '../../analysis/pipeline.ts';
import type { Notifier } from '../../analysis/notify/index.ts';

const AT = '2026-12-05T08:00:00.000Z';
const incident = (postIds: string[], level: AlertInput['level']): AlertInput => ({
  ruleKey: 'event:p1',
  level,
  title: '望溪安置小区工地拖欠农民工工资',
  reasons: [{ kind: 'incident', posts: postIds.length, people: postIds.length, sources: ['board'] }],
  postIds,
  sources: ['board'],
  firstSeen: '2026-12-05T01:00:00.000Z',
  lastSeen: '2026-12-05T07:00:00.000Z',
});

function recordingNotifier(): Notifier & { sent: { id: string; level: string; change: string }[] } {
  const sent: { id: string; level: string; change: string }[] = [];
  return {
    sent,
    async alert(alert: Alert, change) {
      sent.push({ id: alert.id, level: alert.level, change });
      return 'pushed';
    },
    async digest() {
      return 'pushed';
    },
  };
}

describe('raising alerts with compare-and-set', () => {
  it('two concurrent raises of one incident end in one alert with both posts, and one notice per level', async () => {
    const store = openStore(':memory:');
    try {
      // Both read "no alert yet" before either writes (the awaits interleave): the second insert is
      // refused by the store and that run re-reads and merges instead.
      const outcomes: (Alert | null)[] = [];
      const save = store.alerts.save.bind(store.alerts);
      Object.assign(store.alerts, { save: async (...args: Parameters<typeof save>) => (outcomes.push(await save(...args)), outcomes.at(-1)!) });
      const [a, b] = await Promise.all([
        raiseAlert(store, incident(['p1', 'p2', 'p3'], 'yellow'), AT),
        raiseAlert(store, incident(['p3', 'p4'], 'orange'), AT),
      ]);
      const alerts = await store.alerts.list();
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.postIds.sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(alerts[0]!.level).toBe('orange');
      expect(new Set([a.alert.id, b.alert.id])).toEqual(new Set([alerts[0]!.id]));
      expect([a.change, b.change].sort()).toEqual(['escalated', 'raised']);
      expect(outcomes.filter((o) => o === null)).toHaveLength(1); // the race happened and was lost once
      expect((await store.alerts.events(alerts[0]!.id)).map((e) => e.action)).toEqual(['raised', 'escalated']);

      const notifier = recordingNotifier();
      const now = new Date('2026-12-05T08:01:00.000Z');
      await notifyPending(store, notifier, now);
      await notifyPending(store, notifier, now);
      expect(notifier.sent).toEqual([{ id: alerts[0]!.id, level: 'orange', change: 'raised' }]);

      // A later rise is one more notice, once.
      await raiseAlert(store, incident(['p1', 'p5'], 'red'), '2026-12-05T09:00:00.000Z');
      const later = new Date('2026-12-05T09:01:00.000Z');
      await notifyPending(store, notifier, later);
      await notifyPending(store, notifier, later);
      expect(notifier.sent.map((s) => `${s.level} ${s.change}`)).toEqual(['orange raised', 'red escalated']);
    } finally {
      await store.close();
    }
  });

  it('refuses a decision made from a stale read, changing nothing', async () => {
    const store = openStore(':memory:');
    try {
      const { alert } = await raiseAlert(store, incident(['p1'], 'yellow'), AT);
      const stale = await store.alerts.get(alert.id);
      // A duty officer acknowledges meanwhile: the status the decision was made from no longer holds.
      await store.alerts.transition(alert.id, { from: 'new', status: 'acknowledged', action: 'acknowledged', actor: 'zhang', at: AT });
      const decision = mergeAlert(stale, incident(['p1', 'p2'], 'yellow'), '2026-12-05T08:30:00.000Z');
      expect(await store.alerts.save({ next: decision.next, events: decision.events }, stale, '2026-12-05T08:30:00.000Z')).toBeNull();
      expect((await store.alerts.get(alert.id))!.postIds).toEqual(['p1']);
      // Deciding again from a fresh read keeps the officer's status and adds the post.
      const again = await raiseAlert(store, incident(['p1', 'p2'], 'yellow'), '2026-12-05T08:30:00.000Z');
      expect(again.alert.status).toBe('acknowledged');
      expect(again.alert.postIds).toEqual(['p1', 'p2']);
      // A new alert whose rule key appeared meanwhile is not inserted twice.
      const fresh = mergeAlert(null, incident(['p9'], 'blue'), AT);
      expect(await store.alerts.save({ next: fresh.next, events: fresh.events }, null, AT)).toBeNull();
      expect(await store.alerts.list()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
