-- A change marker that derived data (the search index) follows: every insert or update of a
-- paper, and every change to its list entries, gives the paper the next number of one counter.
-- A paper that disappears (a local paper merged into its arXiv twin) is recorded in
-- paper_removals under a number of the same counter. The counter row is locked by the writing
-- transaction until it commits, so numbers become visible in increasing order on both engines.

ALTER TABLE papers ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;

-- Papers stored before this migration get distinct numbers 1..n, in id order.
UPDATE papers SET change_seq = r.n
  FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM papers) r
  WHERE papers.id = r.id;

CREATE INDEX papers_change_seq ON papers (change_seq);

CREATE TABLE change_counter (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

INSERT INTO change_counter (name, value) VALUES ('papers', (SELECT COUNT(*) FROM papers));

CREATE TABLE paper_removals (
  change_seq BIGINT PRIMARY KEY,
  id         TEXT NOT NULL
);
