-- Issue 18: nothing to do on SQLite. The PostgreSQL dialect of 014 adds a table of per-term
-- document counts (and the document count) for bm25, because PostgreSQL's GIN index cannot give
-- them without walking every match; FTS5 keeps both in its own index. This file keeps the
-- numbering of the two dialects paired.
SELECT 1;
