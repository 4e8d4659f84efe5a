-- Issue 18, embedded search on PostgreSQL (PostgreSQL dialect of 014; the SQLite file is a no-op,
-- FTS5 keeps these counts in its own index). bm25's inverse document frequency needs, for each
-- query term, how many documents contain it, and the number of documents: counting them with
-- COUNT(*) over the GIN match walked half the table for a common word (工资, 社保) on every search.
-- So the writes of store/postgres/full-text.ts keep the counts here, in the same transaction as
-- the rows. A term whose documents are all gone keeps a row with docs = 0 (it counts as absent).
CREATE TABLE search_terms (
  term  TEXT PRIMARY KEY,
  docs  BIGINT NOT NULL
);
INSERT INTO search_terms (term, docs)
SELECT t, COUNT(*) FROM search_docs, unnest(tsvector_to_array(terms)) AS t GROUP BY t;

ALTER TABLE search_meta ADD COLUMN docs BIGINT NOT NULL DEFAULT 0;
UPDATE search_meta SET docs = (SELECT COUNT(*) FROM search_docs) WHERE id = 1;
