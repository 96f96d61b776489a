-- The catalog. The same statements run on SQLite and PostgreSQL, so dates are ISO-8601 text
-- (they sort correctly and compare as strings on both) and lists are JSON text.

CREATE TABLE papers (
  id               TEXT PRIMARY KEY,      -- arXiv id without version, or local-<hash> of the title
  version          INTEGER NOT NULL,      -- arXiv version, 0 when the source did not say
  title            TEXT NOT NULL,
  title_key        TEXT NOT NULL,         -- normalized title, to merge local papers with arXiv ones
  abstract         TEXT NOT NULL,
  authors          TEXT NOT NULL,         -- JSON array of {"name", "affiliation"} in author order
  primary_category TEXT,
  categories       TEXT NOT NULL,         -- space separated, primary first
  published        TEXT,                  -- yyyy-mm-dd of version 1
  updated          TEXT,                  -- yyyy-mm-dd of the latest version known
  doi              TEXT,
  journal_ref      TEXT,
  comments         TEXT,
  license          TEXT,
  code_url         TEXT,
  code_stars       INTEGER,
  project_page     TEXT,
  ai_summary       TEXT,
  ai_keywords      TEXT,                  -- JSON array, from Hugging Face
  source           TEXT NOT NULL,         -- the format the current metadata came from
  first_seen       TEXT NOT NULL,         -- instant this instance first stored the paper
  modified         TEXT NOT NULL          -- instant of the last change
);

CREATE INDEX papers_title_key ON papers (title_key);
CREATE INDEX papers_published ON papers (published);
CREATE INDEX papers_modified ON papers (modified);

-- A day's curated list, as on Hugging Face Papers.
CREATE TABLE daily_entries (
  list_date    TEXT NOT NULL,             -- yyyy-mm-dd
  paper_id     TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,          -- order within the day as imported
  submitter    TEXT,
  upvotes      INTEGER NOT NULL,          -- upvotes as imported (a snapshot, not our own votes)
  num_comments INTEGER NOT NULL,          -- comment count as imported
  source       TEXT NOT NULL,
  PRIMARY KEY (list_date, paper_id)
);

CREATE INDEX daily_entries_paper ON daily_entries (paper_id);

-- Where each harvest stands, so a crash resumes instead of starting over.
CREATE TABLE harvest_state (
  name             TEXT PRIMARY KEY,      -- e.g. oai:cs
  from_date        TEXT,                  -- the next harvest starts here (yyyy-mm-dd)
  until_date       TEXT,                  -- the running harvest ends here
  resumption_token TEXT,                  -- set while a harvest is under way
  records          BIGINT NOT NULL,       -- records received by the running harvest
  updated_at       TEXT NOT NULL
);
