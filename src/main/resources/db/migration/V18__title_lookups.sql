-- When a paper known only by its title (a local-… id) was last looked up in the arXiv API by that
-- title, so a paper arXiv does not know is asked again only after a while.
CREATE TABLE title_lookups (
  paper_id  TEXT PRIMARY KEY,
  asked_at  BIGINT NOT NULL
);
