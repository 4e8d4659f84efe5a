-- How the labelling queue picked a labelled post: 'random' (every other post of the queue, drawn
-- uniformly) or 'unsure' (the model was least sure of it); NULL for corrections made while triaging
-- alerts and for labels given before this column. `minsheng train` chooses the severity models'
-- thresholds on the random picks only: precision measured on posts picked for being unsure is not the
-- precision on the posts that come next (tests/bench/queue-order.ts).

ALTER TABLE post_labels ADD COLUMN pick TEXT CHECK (pick IS NULL OR pick IN ('random','unsure'));
