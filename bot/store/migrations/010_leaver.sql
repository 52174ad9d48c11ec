-- The care leaver's side of the bot: where each conversation is up to, what young people told us about
-- themselves, hand-offs to a person (PA, manager or duty worker), and their feedback.
-- No message text is stored anywhere here.

CREATE TABLE conversation_state (
    telegram_user_id INTEGER PRIMARY KEY,
    step TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

-- Facts the council's record lacks, as the young person gave them (the record itself is not changed).
CREATE TABLE self_reported (
    young_person_id INTEGER PRIMARY KEY REFERENCES young_people (id) ON DELETE CASCADE,
    lives_in_area INTEGER,
    activity TEXT,
    is_parent INTEGER,
    updated_at TEXT NOT NULL
);

CREATE TABLE handoffs (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'question', 'passport_help', 'crisis')),
    to_staff_id INTEGER REFERENCES staff (id),
    to_chat_id INTEGER,
    told TEXT NOT NULL CHECK (told IN ('pa', 'duty', 'manager', 'nobody')),
    reason TEXT,
    preferred_time TEXT,
    created_at TEXT NOT NULL,
    acknowledged_at TEXT,
    response TEXT CHECK (response IN ('today', 'later', 'done'))
);
CREATE INDEX handoffs_person ON handoffs (young_person_id, created_at);

CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER REFERENCES young_people (id) ON DELETE SET NULL,
    team_id INTEGER REFERENCES teams (id),
    kind TEXT NOT NULL CHECK (kind IN ('helped', 'readiness')),
    topic TEXT,
    value INTEGER NOT NULL,
    at TEXT NOT NULL,
    CHECK ((kind = 'helped' AND value IN (0, 1)) OR (kind = 'readiness' AND value BETWEEN 1 AND 5))
);
CREATE INDEX feedback_team ON feedback (team_id, at);
