-- Digests: subscriptions with double opt-in, and a transactional outbox of digests. Same
-- conventions as V4: random text ids, epoch-millisecond BIGINT instants, statements that run
-- unchanged on SQLite and PostgreSQL.

CREATE TABLE subscriptions (
  id               TEXT PRIMARY KEY,
  email            TEXT NOT NULL UNIQUE,    -- lower case; one subscription per address
  user_id          TEXT REFERENCES users (id) ON DELETE SET NULL,
  frequency        TEXT NOT NULL,           -- DAILY (weekdays) or WEEKLY
  topics           TEXT NOT NULL,           -- free words, may be empty
  categories       TEXT NOT NULL,           -- space-separated arXiv categories, may be empty
  state            TEXT NOT NULL,           -- UNCONFIRMED, CONFIRMED, UNSUBSCRIBED, SUPPRESSED
  manage_token     TEXT NOT NULL UNIQUE,    -- 256 random bits: the preferences and unsubscribe links
  confirm_hash     TEXT,                    -- SHA-256 of the pending confirmation token
  confirm_expires  BIGINT,
  topic_vector     TEXT,                    -- the topics' embedding, base64 little-endian floats
  topic_model      TEXT,                    -- the model that made it; another model re-embeds
  created_at       BIGINT NOT NULL,
  confirmed_at     BIGINT,
  state_changed_at BIGINT NOT NULL
);

CREATE INDEX subscriptions_state ON subscriptions (state, frequency);
CREATE INDEX subscriptions_user ON subscriptions (user_id);
CREATE INDEX subscriptions_confirm ON subscriptions (confirm_hash);

-- Every change of state, with why: the audit trail of consent and suppression.
CREATE TABLE subscription_events (
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL,         -- 1, 2, ... per subscription
  at              BIGINT NOT NULL,
  from_state      TEXT,
  to_state        TEXT NOT NULL,
  reason          TEXT NOT NULL,
  PRIMARY KEY (subscription_id, seq)
);

-- Periods whose digests were planned; the primary key makes planning happen once per period
-- whatever the number of app nodes or restarts.
CREATE TABLE digest_runs (
  period      TEXT PRIMARY KEY,             -- daily:yyyy-mm-dd or weekly:yyyy-mm-dd (the send day)
  planned_at  BIGINT NOT NULL,
  subscribers INTEGER NOT NULL
);

-- The outbox: one row per subscription and period, written before anything is sent.
CREATE TABLE digest_outbox (
  id              TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  period          TEXT NOT NULL,
  status          TEXT NOT NULL,            -- see digest.OutboxStatus
  lease_owner     TEXT,                     -- the node composing or sending it
  lease_until     BIGINT,                   -- after this, another node may take it over
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  trending        TEXT,                     -- space-separated paper ids chosen when composed
  picks           TEXT,
  last_error      TEXT,
  created_at      BIGINT NOT NULL,
  composed_at     BIGINT,
  sent_at         BIGINT,
  UNIQUE (subscription_id, period)
);

CREATE INDEX digest_outbox_status ON digest_outbox (status, next_attempt_at);
CREATE INDEX digest_outbox_period ON digest_outbox (period, status);

-- Papers put in a subscriber's digests; the key makes "never the same paper twice" a constraint.
CREATE TABLE digest_papers (
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  paper_id        TEXT NOT NULL,
  outbox_id       TEXT NOT NULL REFERENCES digest_outbox (id) ON DELETE CASCADE,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (subscription_id, paper_id)
);

-- Every delivery attempt and its outcome.
CREATE TABLE digest_attempts (
  outbox_id TEXT NOT NULL REFERENCES digest_outbox (id) ON DELETE CASCADE,
  attempt   INTEGER NOT NULL,
  at        BIGINT NOT NULL,
  outcome   TEXT NOT NULL,                  -- SENT, RETRY, BOUNCED or FAILED
  smtp_code INTEGER,
  detail    TEXT,
  node      TEXT NOT NULL,
  PRIMARY KEY (outbox_id, attempt)
);
