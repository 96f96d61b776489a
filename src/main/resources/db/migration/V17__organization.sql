-- The organization a Hugging Face daily list names for a paper (its account name, e.g. Tsinghua,
-- and its display name, e.g. Tsinghua University).
ALTER TABLE papers ADD COLUMN org_name TEXT;
ALTER TABLE papers ADD COLUMN org_fullname TEXT;
