-- Crawl state (PostgreSQL dialect of 002): a request queue per source (resumable after kill -9),
-- the HTTP validators for conditional GET, and cached robots.txt files.

CREATE TABLE crawl_requests (
  source_id   TEXT NOT NULL,
  url         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('list','detail','feed')),
  status      TEXT NOT NULL CHECK (status IN ('pending','done','failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  not_before  TEXT,
  last_error  TEXT,
  meta        TEXT,
  -- Queue order; also bumped when a request is requeued, so it goes to the back. A sequence
  -- instead of SQLite's MAX(seq) + 1, which two writers could both compute.
  seq         BIGINT NOT NULL,
  updated_at  TEXT,
  PRIMARY KEY (source_id, url)
);
CREATE SEQUENCE crawl_requests_seq_counter;
CREATE INDEX crawl_requests_pending ON crawl_requests(source_id, status, seq);
CREATE INDEX crawl_requests_seq ON crawl_requests(seq);

CREATE TABLE http_cache (
  url            TEXT PRIMARY KEY,
  etag           TEXT,
  last_modified  TEXT,
  fetched_at     TEXT NOT NULL
);

CREATE TABLE robots_cache (
  origin      TEXT PRIMARY KEY,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  fetched_at  TEXT NOT NULL
);
