-- Data rights. Erasing a young person deletes their record and everything hanging off it, and leaves a
-- tombstone: the case reference, when and why it was erased. The audit log must still say whose record
-- each staff read was about, so before the record goes its audit rows are pointed at the tombstone
-- (``erased_person_id``); their ``young_person_id`` is then cleared by the foreign key. Tombstone ids are
-- never reused (AUTOINCREMENT), so an audit row can never come to point at someone else.

CREATE TABLE erased_people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_ref TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('request', 'retention')),
    erased_at TEXT NOT NULL
);
CREATE INDEX erased_people_case_ref ON erased_people (case_ref);

ALTER TABLE audit_log ADD COLUMN erased_person_id INTEGER REFERENCES erased_people (id);
CREATE INDEX audit_erased_person ON audit_log (erased_person_id) WHERE erased_person_id IS NOT NULL;

-- For ``carebot audit --staff`` and ``--since``.
CREATE INDEX audit_staff ON audit_log (actor_staff_id, at);
CREATE INDEX audit_at ON audit_log (at);
