-- Triage labels: a duty officer's correction of a post's sentiment, severity or topic, kept for
-- `minsheng train`. Append-only: a later label for the same post supersedes an earlier one when
-- read, but nothing is overwritten, so who corrected what and when stays on record.
-- A label goes with its post when retention deletes the post (the text is personal data).

CREATE TABLE post_labels (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id    TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  sentiment  TEXT CHECK (sentiment IS NULL OR sentiment IN ('negative','neutral','positive')),
  severity   INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 3),
  topic      TEXT,
  actor      TEXT NOT NULL,
  at         TEXT NOT NULL,
  CHECK (sentiment IS NOT NULL OR severity IS NOT NULL OR topic IS NOT NULL)
);
CREATE INDEX post_labels_post ON post_labels(post_id);
