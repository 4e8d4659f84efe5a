-- A duty officer's corrections of how posts were grouped into alerts (issue 13): merging one alert
-- into another, and moving a post out of an alert. Analysis reads them on every run so the decision
-- sticks; each is also an event in the alerts' history and an audit-log entry.
CREATE TABLE alert_overrides (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  kind             TEXT NOT NULL CHECK (kind IN ('merge','move_out')),
  -- merge: the alert merged away; move_out: the alert the post was moved out of
  alert_id         TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  -- merge only: the alert it was merged into
  target_alert_id  TEXT REFERENCES alerts(id) ON DELETE CASCADE,
  -- move_out only: the post
  post_id          TEXT,
  actor            TEXT NOT NULL,
  at               TEXT NOT NULL,
  CHECK ((kind = 'merge' AND target_alert_id IS NOT NULL AND post_id IS NULL) OR (kind = 'move_out' AND post_id IS NOT NULL AND target_alert_id IS NULL))
);
CREATE INDEX alert_overrides_alert ON alert_overrides(alert_id);
