-- A young person's preferred name is what they want to be called, so it may be unknown. Annex A has no
-- names, and the import used to put the case reference in its place, so the bot greeted young people as
-- "CL000123". Now the name is NULL until a file with names (SSD, our CSV) gives one or the young person
-- tells the bot; ``named_themselves`` marks a name they gave, which no file replaces.
-- Names the import made up (the case reference, cut to 60 characters) are cleared on the way through.
--
-- SQLite cannot drop a NOT NULL in place, so the table is rebuilt: create, copy, drop, rename, then the
-- indexes and the triggers. Foreign keys are off while migrating (see ``Database.migrate``), so the drop
-- deletes nothing from the tables that refer to young people. The staff triggers read young_people in
-- their bodies, so they are dropped first and made again once the new table has the name.

CREATE TABLE young_people_new (
    id INTEGER PRIMARY KEY,
    case_ref TEXT NOT NULL UNIQUE,
    preferred_name TEXT CHECK (preferred_name IS NULL OR length(preferred_name) BETWEEN 1 AND 60),
    named_themselves INTEGER NOT NULL DEFAULT 0 CHECK (named_themselves IN (0, 1)),
    date_of_birth TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('eligible', 'relevant', 'former_relevant', 'qualifying')),
    pa_id INTEGER REFERENCES staff (id),
    team_id INTEGER REFERENCES teams (id),
    lives_in_area INTEGER,
    activity_code TEXT,
    accommodation_code TEXT,
    accommodation_suitable INTEGER,
    accommodation_started_on TEXT,
    council_provided_accommodation INTEGER NOT NULL DEFAULT 0,
    in_touch TEXT,
    in_custody INTEGER NOT NULL DEFAULT 0,
    is_parent INTEGER,
    stepped_back INTEGER NOT NULL DEFAULT 0,
    contact_interval_days INTEGER CHECK (contact_interval_days > 0),
    eligible_since TEXT,
    left_service_on TEXT,
    telegram_user_id INTEGER UNIQUE,
    CHECK (preferred_name IS NOT NULL OR named_themselves = 0)
);

INSERT INTO young_people_new (
    id, case_ref, preferred_name, date_of_birth, category, pa_id, team_id, lives_in_area, activity_code,
    accommodation_code, accommodation_suitable, accommodation_started_on, council_provided_accommodation,
    in_touch, in_custody, is_parent, stepped_back, contact_interval_days, eligible_since, left_service_on,
    telegram_user_id
)
SELECT
    id, case_ref, NULLIF(preferred_name, substr(case_ref, 1, 60)), date_of_birth, category, pa_id, team_id,
    lives_in_area, activity_code, accommodation_code, accommodation_suitable, accommodation_started_on,
    council_provided_accommodation, in_touch, in_custody, is_parent, stepped_back, contact_interval_days,
    eligible_since, left_service_on, telegram_user_id
FROM young_people;

DROP TRIGGER sweep_staff_changed;
DROP TRIGGER sweep_staff_added;
DROP TABLE young_people;
ALTER TABLE young_people_new RENAME TO young_people;

CREATE INDEX young_people_pa ON young_people (pa_id);
CREATE INDEX young_people_team ON young_people (team_id);

CREATE TRIGGER sweep_person_added AFTER INSERT ON young_people BEGIN
    INSERT INTO sweep_schedule (young_person_id, next_at) VALUES (NEW.id, '')
    ON CONFLICT (young_person_id) DO UPDATE SET next_at = '', version = version + 1;
END;

CREATE TRIGGER sweep_person_changed AFTER UPDATE ON young_people BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.id;
END;

-- A PA or manager linking Telegram, leaving or moving team changes who reminders go to.
CREATE TRIGGER sweep_staff_changed AFTER UPDATE ON staff BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1
    WHERE young_person_id IN (
        SELECT id FROM young_people
        WHERE pa_id = NEW.id OR team_id IN (OLD.team_id, NEW.team_id)
    );
END;

CREATE TRIGGER sweep_staff_added AFTER INSERT ON staff WHEN NEW.team_id IS NOT NULL BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1
    WHERE young_person_id IN (SELECT id FROM young_people WHERE team_id = NEW.team_id);
END;
