-- The editor's automatic drafts (one per explainer and user, overwritten; versions are made only by
-- an explicit save) and publish jobs kept in the store, so several server processes show the same
-- progress and only one rebuild runs at a time.

CREATE TABLE explainer_autosaves (
  explainer_id TEXT NOT NULL,          -- '' for a page not yet created
  user         TEXT NOT NULL,
  source       TEXT NOT NULL,
  base_version INTEGER,
  saved_at     TEXT NOT NULL,
  PRIMARY KEY (explainer_id, user)
);

CREATE TABLE publish_jobs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  explainer_id TEXT NOT NULL,
  what         TEXT NOT NULL,
  step         TEXT NOT NULL CHECK (step IN ('queued','linting','building','swapping','done','failed')),
  owner        TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  finished_at  TEXT,
  errors       TEXT NOT NULL DEFAULT '[]',
  warnings     TEXT NOT NULL DEFAULT '[]'
);

-- The single slot: which job may rebuild the site now. Taken by compare-and-set on job_id.
CREATE TABLE publish_slot (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  job_id INTEGER REFERENCES publish_jobs(id)
);
INSERT INTO publish_slot (id, job_id) VALUES (1, NULL);
