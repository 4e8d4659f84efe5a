-- Labelling-queue skips (PostgreSQL dialect of 009).

CREATE TABLE post_label_skips (
  post_id  TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  actor    TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (post_id, actor)
);

CREATE INDEX scores_negative ON scores(negative);
CREATE INDEX scores_severity ON scores(severity);
