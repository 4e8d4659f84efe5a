// What the store does for the console's safety, on SQLite and PostgreSQL: alert transitions as
// compare-and-set, duplicate user names as a typed conflict, session bookkeeping, and the login
// throttle kept in the store (shared by every server on it).
import { describe, expect, it } from 'vitest';
import { StoreConflictError } from '../../../store/index.ts';
import { raiseAlert } from '../../../analysis/alerts/raise.ts';
import { describeStores } from './stores.ts';

describeStores('console store', (kit) => {
  const memory = () => kit.open();
  const base = { ruleKey: 'cluster:x', level: 'orange' as const, title: 't', reasons: [], postIds: [], sources: ['board'], firstSeen: 'x', lastSeen: 'x' };

  describe('alert transitions are compare-and-set', () => {
    it('applies a change only from the status it was planned from, and records no event otherwise', async () => {
      const store = await memory();
      const { alert } = await raiseAlert(store, base, '2026-12-01T00:00:00Z');
      const close = { from: 'new' as const, status: 'closed' as const, action: 'closed' as const, actor: 'a', at: '2026-12-01T01:00:00Z' };
      const fp = {
        from: 'new' as const,
        status: 'false_positive' as const,
        action: 'false_positive' as const,
        actor: 'b',
        at: '2026-12-01T01:00:00Z',
        note: '误报',
      };
      const [first, second] = await Promise.all([store.alerts.transition(alert.id, close), store.alerts.transition(alert.id, fp)]);
      expect(first?.status).toBe('closed');
      expect(second).toBeNull();
      expect((await store.alerts.get(alert.id))!.status).toBe('closed');
      expect((await store.alerts.events(alert.id)).map((e) => e.action)).toEqual(['raised', 'closed']);
      expect(await store.alerts.transition('no-such-alert', close)).toBeNull();
    });

    it('still records system events (notified) without a status to compare', async () => {
      const store = await memory();
      const { alert } = await raiseAlert(store, base, '2026-12-01T00:00:00Z');
      expect((await store.alerts.transition(alert.id, { action: 'notified', actor: null, note: 'orange sent', at: '2026-12-01T00:01:00Z' }))!.status).toBe(
        'new',
      );
    });
  });

  describe('users and sessions', () => {
    it('turns a duplicate name into a StoreConflictError, not a raw constraint failure', async () => {
      const store = await memory();
      const u = { name: 'night', role: 'duty' as const, passwordHash: 'x', createdAt: '2026-12-01T00:00:00Z' };
      await store.users.add(u);
      await expect(store.users.add(u)).rejects.toBeInstanceOf(StoreConflictError);
    });

    it('keeps the newest sessions of a user and records use', async () => {
      const store = await memory();
      const user = await store.users.add({ name: 'd', role: 'duty', passwordHash: 'x', createdAt: '2026-12-01T00:00:00Z' });
      for (let i = 0; i < 4; i++) {
        const at = `2026-12-01T0${i}:00:00.000Z`;
        await store.sessions.create({ idHash: `h${i}`, userId: user.id, csrfToken: 't', createdAt: at, expiresAt: '2026-12-02T00:00:00Z', lastSeenAt: at });
      }
      expect(await store.sessions.trimForUser(user.id, 2)).toBe(2);
      expect(await store.sessions.get('h1')).toBeNull();
      await store.sessions.touch('h3', '2026-12-01T05:00:00.000Z');
      expect((await store.sessions.get('h3'))!.lastSeenAt).toBe('2026-12-01T05:00:00.000Z');
    });

    it('applies migration 006 and keeps throttle state in the store', async () => {
      const store = (await kit.location())();
      expect(await store.migrations()).toContain('006-login-throttle-sessions');
      const o = { now: '2026-12-01T00:00:00.000Z', windowStart: '2026-11-30T23:45:00.000Z', lockUntil: '2026-12-01T00:15:00.000Z' };
      expect((await store.loginThrottle.reserve([{ key: 'k', limit: 1 }], o)).ok).toBe(true);
      expect(await store.loginThrottle.reserve([{ key: 'k', limit: 1 }], o)).toMatchObject({ ok: false, key: 'k', newlyLocked: true });
      await store.loginThrottle.clear('k');
      expect((await store.loginThrottle.reserve([{ key: 'k', limit: 1 }], o)).ok).toBe(true);
    });
  });
});
