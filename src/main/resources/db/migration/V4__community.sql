-- Community: accounts, sign-in links, sessions, rate limits, votes, comments, collections, and
-- curation of the daily lists. The same statements run on SQLite and PostgreSQL: ids are random
-- text (nothing engine-specific like SERIAL, and nothing guessable in a URL), instants are epoch
-- milliseconds in BIGINT (they compare as numbers on both; ISO text of varying precision would not),
-- flags are BOOLEAN (SQLite stores 0/1).

CREATE TABLE users (
  id           TEXT PRIMARY KEY,          -- random, base64url
  email        TEXT NOT NULL UNIQUE,      -- lower case
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL,             -- READER, CURATOR or ADMIN
  banned       BOOLEAN NOT NULL DEFAULT FALSE,
  created_at   BIGINT NOT NULL
);

-- Magic-link tokens, stored only as SHA-256; kept after use so a reused link gets a clear answer.
CREATE TABLE login_tokens (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE INDEX login_tokens_expires ON login_tokens (expires_at);

CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,            -- SHA-256 of the cookie value
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Fixed-window counters for rate limits, shared by every app node.
CREATE TABLE rate_counts (
  bucket       TEXT NOT NULL,             -- limit name and SHA-256 of the key (no raw addresses)
  window_start BIGINT NOT NULL,
  hits         INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

CREATE INDEX rate_counts_window ON rate_counts (window_start);

CREATE TABLE votes (
  paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (paper_id, user_id)         -- one vote per account per paper
);

CREATE INDEX votes_user ON votes (user_id);

CREATE TABLE comments (
  id         TEXT PRIMARY KEY,
  paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body       TEXT NOT NULL,               -- Markdown as written; rendered on output
  created_at BIGINT NOT NULL,
  edited_at  BIGINT,
  hidden     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX comments_paper ON comments (paper_id, created_at);
CREATE INDEX comments_user ON comments (user_id);

CREATE TABLE comment_reports (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason     TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved   BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (comment_id, user_id)       -- one report per account per comment
);

CREATE TABLE collections (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  is_public   BOOLEAN NOT NULL DEFAULT FALSE,
  created_at  BIGINT NOT NULL,
  UNIQUE (user_id, name)
);

CREATE TABLE collection_papers (
  collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id      TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  added_at      BIGINT NOT NULL,
  PRIMARY KEY (collection_id, paper_id)
);

-- "Not for me": papers a reader does not want; digests leave them and their like out.
CREATE TABLE unwanted_papers (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);

-- Curation of the daily lists. Separate columns from the imported ones, so that re-importing a
-- day (which rewrites position, upvotes and comments) keeps what curators decided.
ALTER TABLE daily_entries ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE daily_entries ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE daily_entries ADD COLUMN curated_position INTEGER;
ALTER TABLE daily_entries ADD COLUMN submitted_by TEXT;
