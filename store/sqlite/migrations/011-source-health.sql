-- Source health: one row per crawl run of a source, and the current state of each source
-- (ok / failing / empty / silent) with the figures the console and `minsheng sources status` show.

CREATE TABLE source_runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id      TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT NOT NULL,
  pages_fetched  INTEGER NOT NULL,
  items_found    INTEGER NOT NULL,
  new_posts      INTEGER NOT NULL,
  errors         TEXT NOT NULL,
  last_error     TEXT,
  state          TEXT NOT NULL CHECK (state IN ('ok','failing','empty','silent'))
);
CREATE INDEX source_runs_source ON source_runs(source_id, finished_at);

CREATE TABLE source_health (
  source_id          TEXT PRIMARY KEY,
  state              TEXT NOT NULL CHECK (state IN ('ok','failing','empty','silent')),
  state_since        TEXT NOT NULL,
  last_run_at        TEXT NOT NULL,
  last_success_at    TEXT,
  last_new_post_at   TEXT,
  last_error         TEXT,
  items_last_run     INTEGER NOT NULL,
  pages_last_run     INTEGER NOT NULL,
  new_posts_last_run INTEGER NOT NULL,
  errors_last_run    TEXT NOT NULL,
  detail             TEXT NOT NULL
);
