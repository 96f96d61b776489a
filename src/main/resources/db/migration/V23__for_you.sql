-- For you: what a reader wrote as interests, what they follow and what they muted. Every row is
-- the reader's own (exported with the rest of what they made) and takes effect on the next
-- /for-you request: nothing is precomputed from it.

-- Interests written on the first visit or the account page: free text, embedded with the search
-- model (the vector is kept with the model's name, as the digest keeps a subscription's topics).
CREATE TABLE reader_interests (
  user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  topics       TEXT NOT NULL,
  topic_vector TEXT,                      -- base64 of little-endian floats, or NULL
  topic_model  TEXT,
  updated_at   BIGINT NOT NULL
);

-- Follows: kind is AUTHOR (a folded name), ORGANIZATION (a Hugging Face account name), CATEGORY
-- (cs.CL, or an archive such as cs) or SEARCH (a saved search: target is the query; mode and
-- floor say how it matches; the vector is the query's, for natural-language searches).
CREATE TABLE follows (
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  target       TEXT NOT NULL,
  label        TEXT NOT NULL,             -- as the reader saw it (an author's name as written)
  mode         TEXT,                      -- SEARCH: keyword, semantic or hybrid
  floor        DOUBLE PRECISION,          -- SEARCH: the least similarity a paper needs
  query_vector TEXT,
  query_model  TEXT,
  created_at   BIGINT NOT NULL,
  seen_at      BIGINT NOT NULL,           -- "N new papers from your follows" counts after this
  PRIMARY KEY (user_id, kind, target)
);

-- Mutes: kind is AUTHOR (a folded name), CATEGORY or KEYWORD (a lower-case word).
CREATE TABLE mutes (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  target     TEXT NOT NULL,
  label      TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, kind, target)
);
