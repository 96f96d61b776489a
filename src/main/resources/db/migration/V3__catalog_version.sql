-- One counter that every write to the catalog increments in its own transaction, so a web node
-- can tell cheaply (one primary-key read) whether the lists it has cached are still current,
-- even when another process (an import, another node) wrote them.

CREATE TABLE catalog_version (
  id      INTEGER PRIMARY KEY,            -- always 1
  version BIGINT NOT NULL
);

INSERT INTO catalog_version (id, version) VALUES (1, 0);
