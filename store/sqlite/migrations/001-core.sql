-- Core tables: posts and what analysis derives from them, alerts and their workflow,
-- console users, sessions and the audit log.

CREATE TABLE posts (
  id             TEXT PRIMARY KEY,
  source         TEXT NOT NULL,
  url            TEXT NOT NULL,
  canonical_url  TEXT NOT NULL UNIQUE,
  content_hash   TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,
  author         TEXT,
  published_at   TEXT,
  fetched_at     TEXT NOT NULL,
  district       TEXT,
  cluster_id     TEXT,
  updated_at     TEXT NOT NULL
);
CREATE INDEX posts_source ON posts(source);
CREATE INDEX posts_published ON posts(published_at);
CREATE INDEX posts_cluster ON posts(cluster_id);
CREATE INDEX posts_fetched ON posts(fetched_at);

CREATE TABLE scores (
  post_id    TEXT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  sentiment  TEXT NOT NULL CHECK (sentiment IN ('negative','neutral','positive')),
  negative   REAL NOT NULL,
  severity   INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 3),
  topic      TEXT NOT NULL,
  reasons    TEXT NOT NULL,   -- JSON array
  model      TEXT NOT NULL,
  scored_at  TEXT NOT NULL
);

CREATE TABLE clusters (
  id                      TEXT PRIMARY KEY,
  size                    INTEGER NOT NULL,
  sources                 TEXT NOT NULL,  -- JSON array
  first_seen              TEXT NOT NULL,
  last_seen               TEXT NOT NULL,
  representative_post_id  TEXT NOT NULL
);

CREATE TABLE alerts (
  id          TEXT PRIMARY KEY,
  rule_key    TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('blue','yellow','orange','red')),
  status      TEXT NOT NULL CHECK (status IN ('new','acknowledged','assigned','responded','closed','false_positive')),
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
CREATE INDEX alert_events_alert ON alert_events(alert_id);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (role IN ('duty','publicity','admin')),
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  actor   TEXT,
  action  TEXT NOT NULL,
  target  TEXT,
  detail  TEXT,
  ip      TEXT
);
CREATE INDEX audit_at ON audit_log(at);
