-- Threaded replies, one level deep: a reply names the top-level comment it answers (a reply to a
-- reply is stored under that reply's top-level comment). No foreign key: deleting a comment makes
-- its replies top-level comments (Comments.delete), which a cascade would not.
ALTER TABLE comments ADD COLUMN parent_id TEXT;

CREATE INDEX comments_parent ON comments (parent_id);

-- What a removed entry was, so that a curator can put it back as it stood (Curation.restore): the
-- imported columns and the curators' own. Rows removed before this migration have none of it; the
-- Hugging Face follower brings such an entry back when it reads its day again.
ALTER TABLE removed_entries ADD COLUMN position INTEGER;
ALTER TABLE removed_entries ADD COLUMN submitter TEXT;
ALTER TABLE removed_entries ADD COLUMN upvotes INTEGER;
ALTER TABLE removed_entries ADD COLUMN num_comments INTEGER;
ALTER TABLE removed_entries ADD COLUMN source TEXT;
ALTER TABLE removed_entries ADD COLUMN pinned BOOLEAN;
ALTER TABLE removed_entries ADD COLUMN hidden BOOLEAN;
ALTER TABLE removed_entries ADD COLUMN curated_position INTEGER;
ALTER TABLE removed_entries ADD COLUMN submitted_by TEXT;
ALTER TABLE removed_entries ADD COLUMN removed_by TEXT;
ALTER TABLE removed_entries ADD COLUMN removed_at BIGINT;
