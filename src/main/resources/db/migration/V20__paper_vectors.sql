-- Sentence vectors of papers (issue 16), made once for the whole cluster and read by every
-- node's search index. One row per paper and model: a node that finds a paper without a vector
-- for its text leases the row (vector NULL, lease_owner and lease_until set), embeds, and stores
-- the vector, conditional on still holding the lease; a node that died leaves a lease that runs
-- out. A new model name is a new set of rows, embedded once. No foreign key to papers: a removed
-- or merged paper's row is never read again (the index only asks for papers it holds).
CREATE TABLE paper_vectors (
  model        TEXT NOT NULL,    -- the embedding model's name, e.g. all-MiniLM-L6-v2-q/128
  paper_id     TEXT NOT NULL,
  text_hash    TEXT NOT NULL,    -- SHA-256 (hex) of the text embedded, or being embedded
  vector       BYTEA,            -- float32 little-endian; NULL while a node embeds it
  lease_owner  TEXT,             -- the node embedding it, NULL when done
  lease_until  BIGINT,           -- epoch milliseconds
  made_at      BIGINT,           -- epoch milliseconds, when the vector was stored
  PRIMARY KEY (model, paper_id)
);
