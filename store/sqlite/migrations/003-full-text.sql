-- Embedded full-text index: FTS5 over pre-segmented Chinese tokens (jieba runs in the indexer,
-- so the tokenizer here only splits on spaces), plus the filterable columns beside it.

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
  indexed_at    TEXT NOT NULL
);
CREATE INDEX search_docs_source ON search_docs(source);
CREATE INDEX search_docs_published ON search_docs(published_at);

CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body,
  content='', contentless_delete=1,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '-_'"
);
