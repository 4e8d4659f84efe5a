-- How the labelling queue picked a labelled post (PostgreSQL dialect of 015).

ALTER TABLE post_labels ADD COLUMN pick TEXT CHECK (pick IS NULL OR pick IN ('random','unsure'));
