-- Console hardening (issue 15): login throttle state lives in the store, so a restart does not
-- lift a lock and two servers on one data directory count the same attempts; sessions record
-- when they were last used, for the idle timeout.

CREATE TABLE login_attempts (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  key  TEXT NOT NULL,   -- what is counted: name+address, name, or address
  at   TEXT NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts(key, at);
CREATE INDEX login_attempts_at ON login_attempts(at);

CREATE TABLE login_locks (
  key    TEXT PRIMARY KEY,
  until  TEXT NOT NULL
);

ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_user ON sessions(user_id, created_at);
