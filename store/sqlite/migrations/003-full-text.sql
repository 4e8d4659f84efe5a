-- Embedded full-text index: FTS5 over pre-segmented Chinese tokens (jieba runs in the indexer,
-- so the tokenizer here only splits on spaces), plus the filterable columns beside it.
-- detail=full is required: on a contentless table, detail=column or none makes bm25() return 0
-- for every row (measured), i.e. no relevance ranking at all. The
-- post text itself is not copied: hits are read back from `posts` for display.

CREATE TABLE search_docs (
  rowid         INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  source        TEXT NOT NULL,
  district      TEXT,
  topic         TEXT,
  sentiment     TEXT,
  severity      INTEGER,
  published_at  TEXT,
  cluster_id    TEXT,
  cluster_size  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX search_docs_published ON search_docs(published_at);

CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body,
  content='', contentless_delete=1,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '-_'"
);

-- Bumped by every write to the embedded index (one transaction, one bump), so a search can tell
-- cheaply whether its in-memory copy of the filter columns is still current, even when another
-- process (the pipeline) wrote the index.
CREATE TABLE IF NOT EXISTS search_meta (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  INTEGER NOT NULL
);
INSERT OR IGNORE INTO search_meta (id, generation) VALUES (1, 0);

-- What each search backend last received for each post (a fingerprint of the indexed fields),
-- so `minsheng index` sends only what changed and removes what the store no longer holds.
CREATE TABLE search_sync (
  engine       TEXT NOT NULL,
  post_id      TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  PRIMARY KEY (engine, post_id)
) WITHOUT ROWID;
