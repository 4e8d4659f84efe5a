-- Publicity staff's workspace: versions and review state of each 明白纸, and readers' feedback.
-- The Markdown files stay the source the site is built from; these tables keep who wrote,
-- approved and published which text, so any version can be compared or restored.

CREATE TABLE explainers (
  id                TEXT PRIMARY KEY,
  state             TEXT NOT NULL CHECK (state IN ('draft','submitted','approved','scheduled','published')),
  current_version   INTEGER NOT NULL,
  submitted_by      TEXT,
  approved_by       TEXT,
  published_version INTEGER,
  published_at      TEXT,
  publish_at        TEXT,
  updated_at        TEXT NOT NULL
);
CREATE INDEX explainers_due ON explainers(state, publish_at);

CREATE TABLE explainer_versions (
  explainer_id TEXT NOT NULL REFERENCES explainers(id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,
  source       TEXT NOT NULL,
  author       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  note         TEXT,
  approved_by  TEXT,
  PRIMARY KEY (explainer_id, number)
);

-- No address, no cookie, no user: only what the reader chose to say, already masked.
CREATE TABLE page_feedback (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  page   TEXT NOT NULL,
  useful INTEGER NOT NULL CHECK (useful IN (0,1)),
  note   TEXT,
  at     TEXT NOT NULL
);
CREATE INDEX page_feedback_page ON page_feedback(page, at);

-- 回应口径: the wording publicity staff attach to an alert for anyone answering the public.
-- Every version kept; one is approved by someone other than its author before it counts.
CREATE TABLE alert_wordings (
  alert_id    TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  text        TEXT NOT NULL,
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  approved_by TEXT,
  approved_at TEXT,
  PRIMARY KEY (alert_id, number)
);
