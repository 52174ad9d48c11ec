-- Deadline engine: returns known only by their date, and snoozed reminders.

-- A return known only by its date (SSDA903 MIS_END is a date) counts from the start of that day.
ALTER TABLE missing_episodes ADD COLUMN return_time_known INTEGER NOT NULL DEFAULT 1;

-- A PA's "snooze until": reminders for this deadline wait until the given instant.
CREATE TABLE snoozes (
    subject TEXT PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    until TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL
);
