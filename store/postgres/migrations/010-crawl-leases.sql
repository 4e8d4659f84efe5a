-- Several crawl workers on one store (PostgreSQL dialect of 010; the SQLite file is plain SQL that
-- PostgreSQL accepts, so only this comment differs): a lease on each queued request, one row per
-- source for its crawl rounds, and one row per host for the politeness slot every worker shares.

-- A pending request whose lease_until is in the future belongs to lease_owner; an expired lease
-- (its worker died) makes the request free again.
ALTER TABLE crawl_requests ADD COLUMN lease_owner TEXT;
ALTER TABLE crawl_requests ADD COLUMN lease_until TEXT;

-- One crawl round per source at a time: the worker that starts a round (compare-and-set on
-- `round`) queues the start page; the round ends when no page of the source is pending or leased.
CREATE TABLE crawl_rounds (
  source_id    TEXT PRIMARY KEY,
  round        INTEGER NOT NULL,
  started_at   TEXT NOT NULL,
  started_by   TEXT NOT NULL,
  finished_at  TEXT
);

-- Per-host politeness across workers: one request in flight (holder, until busy_until), and no
-- request before next_allowed_at. Every change is a compare-and-set on `version`.
CREATE TABLE crawl_hosts (
  host             TEXT PRIMARY KEY,
  next_allowed_at  TEXT NOT NULL,
  holder           TEXT,
  busy_until       TEXT,
  version          INTEGER NOT NULL
);
