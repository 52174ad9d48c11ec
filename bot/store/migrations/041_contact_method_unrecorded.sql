-- Contacts whose method the council's file does not give. Annex A, SSD and our CSV carry the day of the
-- latest PA contact but not how it happened; until now an import wrote such a contact as a phone call,
-- which is false. It is now 'unrecorded' ("how is not recorded"), with ``in_person`` unknown (NULL).
-- Contacts the import wrote as phone calls are corrected on the way through: no other path writes an
-- imported phone call, so every such row is one the import made up.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt: create, copy, drop, rename,
-- then the index and the triggers the drop removed. Nothing references ``contacts``, so the drop cascades
-- nowhere.

CREATE TABLE contacts_new (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    contacted_on TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    method TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'video', 'message', 'unrecorded')),
    in_person INTEGER CHECK (in_person IN (0, 1)),
    source TEXT NOT NULL,
    CHECK ((method = 'unrecorded') = (in_person IS NULL))
);

INSERT INTO contacts_new (id, young_person_id, contacted_on, staff_id, method, in_person, source)
SELECT id, young_person_id, contacted_on, staff_id,
       CASE WHEN source = 'import' AND method = 'phone' THEN 'unrecorded' ELSE method END,
       CASE WHEN source = 'import' AND method = 'phone' THEN NULL ELSE in_person END,
       source
FROM contacts;

DROP TABLE contacts;
ALTER TABLE contacts_new RENAME TO contacts;

CREATE INDEX contacts_person ON contacts (young_person_id, contacted_on);

CREATE TRIGGER sweep_contact_added AFTER INSERT ON contacts BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_contact_removed AFTER DELETE ON contacts BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = OLD.young_person_id;
END;
