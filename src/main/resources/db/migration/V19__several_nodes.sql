-- Several nodes on one database (issue 16).

-- What readers see of the community (votes, comments, curation, bans, submissions) changes this
-- counter in the same transaction as the change; every node's cached pages and API answers are
-- keyed on it next to the catalog's 'papers' counter, so a change on one node shows on all.
INSERT INTO change_counter (name, value) VALUES ('community', 0);

-- One pace for the whole cluster: the next free send slot (epoch microseconds). Each node takes
-- the next slot with a conditional update and waits until it comes, so all nodes together send at
-- most PAPERBOY_DIGEST_RATE mails a second.
CREATE TABLE send_pace (
  name      TEXT PRIMARY KEY,
  next_slot BIGINT NOT NULL
);

INSERT INTO send_pace (name, next_slot) VALUES ('digest', 0);

-- Retention (PAPERBOY_DIGEST_RETENTION) deletes by these times.
CREATE INDEX digest_outbox_created ON digest_outbox (created_at);
CREATE INDEX digest_attempts_at ON digest_attempts (at);
CREATE INDEX digest_papers_created ON digest_papers (created_at);
