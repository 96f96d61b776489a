-- A reader's settings for the lists everybody sees. hide_muted: the day, week, month, trending and
-- search lists this reader sees leave out the papers of the authors, categories and keywords they
-- muted (as /for-you always does). A row only once the reader changed a setting; exported with the
-- rest of what they made.
CREATE TABLE reader_settings (
  user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  hide_muted BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at BIGINT NOT NULL
);
