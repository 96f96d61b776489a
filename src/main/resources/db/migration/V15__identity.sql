-- Identity hardening (issue 17). Same conventions as V4.

-- The SHA-256 of a secret the browser that asked for a sign-in link keeps in a cookie: the link
-- signs that browser in directly; any other must first confirm the account. Links mailed before
-- this migration have none and so always ask.
ALTER TABLE login_tokens ADD COLUMN browser_hash TEXT;

-- A collection a moderator hid: shown to its owner only, like a private one.
ALTER TABLE collections ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
