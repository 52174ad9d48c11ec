-- One row that /healthz rewrites each time it is asked, to show the database still takes writes (a full
-- disk, a read-only file or a lock held elsewhere all fail this write).
CREATE TABLE health_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TEXT NOT NULL
);
