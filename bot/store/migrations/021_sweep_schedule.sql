-- When the reminder sweep next needs to look at each young person. The sweep evaluates only people whose
-- time has come (a stage of one of their deadlines begins, a snooze ends, a birthday changes the rules),
-- and the triggers below mark a person due at once ('' sorts before every instant) whenever a fact the
-- rules read changes, from the chat, an import or the command line. ``version`` counts those marks, so
-- a sweep that read a person before a change never overwrites the mark with its own later time.

CREATE TABLE sweep_schedule (
    young_person_id INTEGER PRIMARY KEY REFERENCES young_people (id) ON DELETE CASCADE,
    next_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sweep_schedule_next ON sweep_schedule (next_at);

INSERT INTO sweep_schedule (young_person_id, next_at) SELECT id, '' FROM young_people;

CREATE TRIGGER sweep_person_added AFTER INSERT ON young_people BEGIN
    INSERT INTO sweep_schedule (young_person_id, next_at) VALUES (NEW.id, '')
    ON CONFLICT (young_person_id) DO UPDATE SET next_at = '', version = version + 1;
END;

CREATE TRIGGER sweep_person_changed AFTER UPDATE ON young_people BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.id;
END;

CREATE TRIGGER sweep_contact_added AFTER INSERT ON contacts BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_contact_removed AFTER DELETE ON contacts BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = OLD.young_person_id;
END;

CREATE TRIGGER sweep_review_added AFTER INSERT ON pathway_reviews BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_review_removed AFTER DELETE ON pathway_reviews BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = OLD.young_person_id;
END;

CREATE TRIGGER sweep_episode_added AFTER INSERT ON missing_episodes BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_episode_changed AFTER UPDATE ON missing_episodes BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id IN (OLD.young_person_id, NEW.young_person_id);
END;

CREATE TRIGGER sweep_episode_removed AFTER DELETE ON missing_episodes BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = OLD.young_person_id;
END;

CREATE TRIGGER sweep_snoozed AFTER INSERT ON snoozes BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_snooze_changed AFTER UPDATE ON snoozes BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
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
