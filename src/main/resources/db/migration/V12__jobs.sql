-- Scheduled jobs (issue 12). One row per run of a job: the primary key makes a run happen on one
-- node only, whatever the number of app nodes; the lease lets another node take over a run whose
-- node died. Instants are epoch milliseconds, as in V4 and V5.

CREATE TABLE job_runs (
  job          TEXT NOT NULL,             -- e.g. hf-follow, harvest, housekeeping
  run_key      TEXT NOT NULL,             -- the run's due time (ISO instant): one run per slot
  node         TEXT NOT NULL,             -- the node that holds (or held) the run
  attempts     INTEGER NOT NULL,
  started_at   BIGINT NOT NULL,
  lease_until  BIGINT NOT NULL,
  finished_at  BIGINT,
  outcome      TEXT NOT NULL,             -- RUNNING, SUCCEEDED, FAILED
  added        BIGINT NOT NULL DEFAULT 0, -- records new to the catalog
  updated      BIGINT NOT NULL DEFAULT 0, -- records that changed
  detail       TEXT,                      -- what the run did, or why it failed
  PRIMARY KEY (job, run_key)
);

CREATE INDEX job_runs_started ON job_runs (job, started_at);

-- Entries a curator took off a day's list: a later import or poll of that day leaves them off.
CREATE TABLE removed_entries (
  list_date  TEXT NOT NULL,
  paper_id   TEXT NOT NULL,
  PRIMARY KEY (list_date, paper_id)
);

-- Hugging Face days already read, by a digest of the answer: an unchanged day costs no parsing.
CREATE TABLE followed_days (
  source      TEXT NOT NULL,              -- e.g. hf
  day         TEXT NOT NULL,              -- yyyy-mm-dd
  digest      TEXT NOT NULL,              -- SHA-256 of the last answer applied
  polled_at   BIGINT NOT NULL,
  PRIMARY KEY (source, day)
);
