-- Submissions (issue 14): every paper a reader submits, with its state. A paper the catalog lacks
-- is looked up in the arXiv API off the request thread: its row waits PENDING until a node takes it
-- under a lease (lease_owner, lease_until, as digest_outbox rows are taken), asks arXiv, and moves
-- it on; a lookup that fails is tried again at next_attempt_at, with a growing pause. Instants are
-- epoch milliseconds, as in V4 and V5.

CREATE TABLE submissions (
  id               TEXT PRIMARY KEY,          -- random, base64url: the status page's address
  user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id         TEXT NOT NULL,             -- the arXiv id without version
  typed            TEXT NOT NULL,             -- what the reader typed (an id or a URL)
  list_date        TEXT NOT NULL,             -- yyyy-mm-dd: the day's list it was submitted to
  status           TEXT NOT NULL,             -- PENDING, ADDED, NOT_FOUND, REFUSED, FAILED
  detail           TEXT,                      -- what happened, in words
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT NOT NULL,
  lease_owner      TEXT,
  lease_until      BIGINT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);

CREATE INDEX submissions_user ON submissions (user_id, created_at);
CREATE INDEX submissions_due ON submissions (status, next_attempt_at);
