-- Once-only steps a PA records as done, each with the day it was done: the needs assessment (CPPCR reg
-- 42), and planning for each transition (at 18, 21 and 25). ``kind`` is the deadline's kind.
CREATE TABLE milestones (
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('needs_assessment', 'transition_18', 'transition_21', 'transition_25')),
    done_on TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (young_person_id, kind)
);

CREATE TRIGGER sweep_milestone_added AFTER INSERT ON milestones BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_milestone_changed AFTER UPDATE ON milestones BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = NEW.young_person_id;
END;

CREATE TRIGGER sweep_milestone_removed AFTER DELETE ON milestones BEGIN
    UPDATE sweep_schedule SET next_at = '', version = version + 1 WHERE young_person_id = OLD.young_person_id;
END;
