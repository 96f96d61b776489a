-- Why each "picked for you" paper of a composed digest is there (issue 15): one line per pick,
-- its id and its reasons separated by tabs, written when the digest is composed and shown in the
-- mail as /for-you shows them on its cards.
ALTER TABLE digest_outbox ADD COLUMN pick_reasons TEXT;
