-- A saved search keeps the filters of the search it was saved from, so that its alert, its feed
-- and "matches your alert" on /for-you match what the reader saw: the category or archive and the
-- range of publication dates (yyyy-mm-dd, either end open). NULL: no such filter.
ALTER TABLE follows ADD COLUMN category TEXT;
ALTER TABLE follows ADD COLUMN published_from TEXT;
ALTER TABLE follows ADD COLUMN published_to TEXT;
