// Migration 005 rebuilds the alerts table to allow 'in_progress' (处置中). An existing store must
// keep every alert and every event of its history, and the foreign key from events to alerts.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { migrationFiles } from '../../store/sqlite/database.ts';
import { projectPath } from '../../config/paths.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data directory as it was before migration 005, holding one alert with its history. */
function storeBefore005(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-005-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'minsheng.sqlite'));
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (const file of migrationFiles().filter((f) => f < '005')) {
    db.exec(readFileSync(projectPath('store', 'sqlite', 'migrations', file), 'utf8'));
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(file.replace(/\.sql$/, ''), '2026-11-01T00:00:00Z');
  }
  db.prepare(
    `INSERT INTO alerts VALUES ('a1','cluster:c1','orange','acknowledged','城东工地欠薪','["r"]','["p1"]','["board"]','2026-11-27T01:00:00Z','2026-11-27T02:00:00Z','zhang','2026-11-27T01:00:00Z','2026-11-27T03:00:00Z')`,
  ).run();
  const event = db.prepare('INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)');
  event.run('a1', '2026-11-27T01:00:00Z', null, 'raised', '定级橙色');
  event.run('a1', '2026-11-27T03:00:00Z', 'zhang', 'acknowledged', null);
  db.close();
  return dir;
}

describe('migration 005 (in_progress)', () => {
  it('keeps alerts and their whole history, then lets an alert move to in_progress', async () => {
    const store = openStore(storeBefore005());
    expect(await store.migrations()).toContain('005-alert-in-progress');
    expect(await store.alerts.get('a1')).toMatchObject({ status: 'acknowledged', assignee: 'zhang', level: 'orange' });
    expect((await store.alerts.events('a1')).map((e) => e.action)).toEqual(['raised', 'acknowledged']);

    const moved = await store.alerts.transition('a1', { status: 'in_progress', action: 'in_progress', actor: 'zhang', at: '2026-11-28T01:00:00Z' });
    expect(moved!.status).toBe('in_progress');
    expect((await store.alerts.events('a1')).map((e) => e.action)).toEqual(['raised', 'acknowledged', 'in_progress']);
    expect((await store.alerts.list({ status: ['in_progress'] })).map((a) => a.id)).toEqual(['a1']);
    await store.close();
  });

  it('still refuses an unknown status', async () => {
    const store = openStore(':memory:');
    await raiseAlert(
      store,
      { ruleKey: 'post:1', level: 'yellow', title: 't', reasons: [], postIds: [], sources: [], firstSeen: 'x', lastSeen: 'x' },
      '2026-11-28T00:00:00Z',
    );
    const [alert] = await store.alerts.list();
    await expect(store.alerts.transition(alert!.id, { status: 'bogus' as never, action: 'note', actor: 'a', at: '2026-11-28T00:00:00Z' })).rejects.toThrow(
      /CHECK/,
    );
    await store.close();
  });
});
