-- Nodes whose search index a new node can copy instead of building it from the database (issue
-- 16). A serving node writes its row every half minute: the address other nodes reach it at, the
-- model and schema version of its index and the last catalog change its index holds. A node that
-- starts with an empty index directory copies the last commit of the freshest one seen lately
-- (GET /internal/index-copy, authenticated by the cluster's secret key), then applies the catalog
-- changes after it as any restart does.
CREATE TABLE index_nodes (
  url            TEXT PRIMARY KEY, -- e.g. http://node2:8080
  model          TEXT NOT NULL,    -- the embedding model of its vectors
  index_version  INTEGER NOT NULL, -- the index schema version (IndexField.VERSION)
  catalog_change BIGINT NOT NULL,  -- the last catalog change its index holds
  seen_at        BIGINT NOT NULL   -- epoch milliseconds of the row's last write
);
