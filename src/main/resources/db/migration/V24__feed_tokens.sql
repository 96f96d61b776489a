-- The private feed of a reader's /for-you: its URL carries a token derived from the instance's
-- secret key and this row's nonce (community.TokenKey), so the page can show it again; only the
-- token's SHA-256 is kept. A new nonce rotates the token, deleting the row revokes it. Not in the
-- export of what people made: a token belongs to one instance's key.
CREATE TABLE feed_tokens (
  user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  nonce      TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
