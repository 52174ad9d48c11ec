-- A caseload file an admin sent in the chat, kept until they confirm or cancel it (or it expires), so a
-- restart between the preview and the confirmation loses nothing. Deleted as soon as it is used.
CREATE TABLE pending_imports (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    as_of TEXT NOT NULL,
    created_at TEXT NOT NULL
);
