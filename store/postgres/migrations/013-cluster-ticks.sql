-- Issue 18, the cluster tick (PostgreSQL dialect of 013; the SQLite file is plain SQL that
-- PostgreSQL accepts, so only this comment differs): analysis and alerting run once per tick
-- however many processes share the store. One row per scheduled job; every change is a
-- compare-and-set on `version`; the rules are in shared/cluster-tick.ts.
CREATE TABLE cluster_ticks (
  name        TEXT PRIMARY KEY,
  tick        TEXT NOT NULL,
  holder      TEXT,
  held_until  TEXT,
  done_at     TEXT,
  version     INTEGER NOT NULL
);

-- Source health for several crawl workers: one crawl round of a source is one run, but its pages
-- are spread over workers. Each worker keeps its own running count for the round here (only it
-- writes its row), and the worker that ends the round adds the rows up and records the run once.
CREATE TABLE crawl_round_work (
  source_id      TEXT NOT NULL,
  round          INTEGER NOT NULL,
  worker         TEXT NOT NULL,
  pages_fetched  INTEGER NOT NULL,
  new_posts      INTEGER NOT NULL,
  tally          TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (source_id, round, worker)
);
