-- Adds the 'in_progress' (处置中) alert status (PostgreSQL dialect of 005). PostgreSQL changes a
-- CHECK constraint in place; no table rebuild, the events stay where they are.
ALTER TABLE alerts DROP CONSTRAINT alerts_status_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_status_check
  CHECK (status IN ('new','acknowledged','assigned','in_progress','responded','closed','false_positive'));
