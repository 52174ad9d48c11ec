-- Go-live backlog: when the reminder sweep first looked at each young person (an import, or reminders
-- switched on). Deadlines already long overdue then go to the PA's morning digest as a backlog list
-- instead of one reminder each. NULL until the first sweep looks at them.
ALTER TABLE sweep_schedule ADD COLUMN first_swept_at TEXT;

-- People a sweep has already looked at were seen before this was recorded: at the start of time, so
-- nothing of theirs counts as go-live backlog and their reminders go on as before.
UPDATE sweep_schedule SET first_swept_at = '0001-01-01T00:00:00+00:00' WHERE next_at != '';
