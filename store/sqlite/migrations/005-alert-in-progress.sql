-- Adds the 'in_progress' (处置中) alert status between acknowledged and responded (issue 7 lifecycle).
-- SQLite cannot change a CHECK constraint in place, so the alerts table is rebuilt: new table, copy,
-- drop, rename. Foreign keys are on and cannot be switched off inside the migration's transaction,
-- and dropping `alerts` would cascade-delete every alert_events row; so the events are first copied
-- aside, the child table is dropped before its parent, and both are recreated with their indexes.

CREATE TABLE alert_events_copy AS SELECT id, alert_id, at, actor, action, note FROM alert_events;

CREATE TABLE alerts_rebuilt (
  id          TEXT PRIMARY KEY,
  rule_key    TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('blue','yellow','orange','red')),
  status      TEXT NOT NULL CHECK (status IN ('new','acknowledged','assigned','in_progress','responded','closed','false_positive')),
  title       TEXT NOT NULL,
  reasons     TEXT NOT NULL,  -- JSON array
  post_ids    TEXT NOT NULL,  -- JSON array
  sources     TEXT NOT NULL,  -- JSON array
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL,
  assignee    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
INSERT INTO alerts_rebuilt (id, rule_key, level, status, title, reasons, post_ids, sources, first_seen, last_seen, assignee, created_at, updated_at)
  SELECT id, rule_key, level, status, title, reasons, post_ids, sources, first_seen, last_seen, assignee, created_at, updated_at FROM alerts;

DROP TABLE alert_events;
DROP TABLE alerts;
ALTER TABLE alerts_rebuilt RENAME TO alerts;
CREATE INDEX alerts_rule ON alerts(rule_key);
CREATE INDEX alerts_status ON alerts(status);

CREATE TABLE alert_events (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id  TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  at        TEXT NOT NULL,
  actor     TEXT,
  action    TEXT NOT NULL,
  note      TEXT
);
INSERT INTO alert_events (id, alert_id, at, actor, action, note) SELECT id, alert_id, at, actor, action, note FROM alert_events_copy ORDER BY id;
CREATE INDEX alert_events_alert ON alert_events(alert_id);
DROP TABLE alert_events_copy;
