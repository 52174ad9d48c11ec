-- Reminders true when they are sent. Each reminder row names the young person and the deadline it is
-- about, so the sweep can withdraw rows whose deadline has closed by any route (a press, an import, the
-- command line, leaving, death) and the sender can check the deadline is still open, and write the text,
-- at the moment the message goes. Rows queued before this (and rows about no deadline: digests, alerts)
-- have neither.
ALTER TABLE outbox ADD COLUMN person_id INTEGER;
ALTER TABLE outbox ADD COLUMN subject TEXT;

-- The sweep reads the unsent reminders of the people it looks at: few rows, found by person.
CREATE INDEX outbox_pending_person ON outbox (person_id)
WHERE sent_at IS NULL AND cancelled_at IS NULL AND person_id IS NOT NULL;
