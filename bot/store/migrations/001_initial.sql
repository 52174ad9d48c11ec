-- The core: teams, staff, young people and the facts the statutory rules run on.
-- Instants are ISO 8601 text in UTC; calendar days are ISO dates.

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('pa', 'manager', 'admin')),
    team_id INTEGER REFERENCES teams (id),
    worker_id TEXT UNIQUE,
    telegram_user_id INTEGER UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX staff_team ON staff (team_id, role);

CREATE TABLE young_people (
    id INTEGER PRIMARY KEY,
    case_ref TEXT NOT NULL UNIQUE,
    preferred_name TEXT NOT NULL,
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
    telegram_user_id INTEGER UNIQUE
);
CREATE INDEX young_people_pa ON young_people (pa_id);
CREATE INDEX young_people_team ON young_people (team_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    contacted_on TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    method TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'video', 'message')),
    in_person INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX contacts_person ON contacts (young_person_id, contacted_on);

CREATE TABLE pathway_reviews (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    reviewed_on TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff (id),
    source TEXT NOT NULL,
    UNIQUE (young_person_id, reviewed_on)
);

CREATE TABLE missing_episodes (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('missing', 'away')),
    started_at TEXT NOT NULL,
    returned_at TEXT,
    rhi_offered_at TEXT,
    rhi_completed_at TEXT,
    rhi_declined_at TEXT,
    source TEXT NOT NULL,
    CHECK (returned_at IS NULL OR returned_at >= started_at)
);
CREATE INDEX missing_person ON missing_episodes (young_person_id, started_at);

CREATE TABLE passport_progress (
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'done', 'help')),
    updated_by_staff_id INTEGER REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (young_person_id, item_id)
);

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('leaver', 'pa', 'manager', 'admin')),
    young_person_id INTEGER REFERENCES young_people (id) ON DELETE CASCADE,
    staff_id INTEGER REFERENCES staff (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    CHECK ((young_person_id IS NULL) != (staff_id IS NULL))
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    reply_markup TEXT,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    cancelled_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (due_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_staff_id INTEGER REFERENCES staff (id),
    actor_role TEXT NOT NULL,
    action TEXT NOT NULL,
    young_person_id INTEGER REFERENCES young_people (id) ON DELETE SET NULL,
    detail TEXT
);
CREATE INDEX audit_person ON audit_log (young_person_id, at);
