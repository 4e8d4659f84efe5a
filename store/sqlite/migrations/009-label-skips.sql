-- Labelling-queue skips: an officer who skipped a post (too unclear, not 人社, needs someone else)
-- is not shown it again; other officers still are. One row per post and officer; it goes with the
-- post when retention deletes the post.

CREATE TABLE post_label_skips (
  post_id  TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  actor    TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (post_id, actor)
);

-- The queue asks for severe posts and for posts near the sentiment boundary (a range of the
-- negative probability) instead of reading every score on each page view.
CREATE INDEX scores_negative ON scores(negative);
CREATE INDEX scores_severity ON scores(severity);
