-- Schema version 3: a deadline can be cancelled on the record (a journal
-- entry of kind `deadline` with `cancelled: true` and a reason), like being
-- met; a cancelled deadline is no longer open.
ALTER TABLE deadlines ADD COLUMN cancelled_at TEXT;
ALTER TABLE deadlines ADD COLUMN cancel_entry_id TEXT REFERENCES journal(id);
ALTER TABLE deadlines ADD COLUMN cancel_reason TEXT;
DROP INDEX deadlines_open;
CREATE INDEX deadlines_open ON deadlines(due) WHERE done_at IS NULL AND cancelled_at IS NULL;
