-- Alerts and hand-offs as work with an owner until a person closes it (issue 11).
--
-- Each hand-off (a request to talk, a question, passport help) and each crisis alert now has a state:
-- raised (nobody has answered), seen, acted (someone is on it) or closed (done). Who answered, and how far
-- up the escalation ladder it has gone (0: its owners; 1: the team manager; 2 and on: the configured
-- chain), are kept, with when the tick must look at it again (NULL: never, the ladder is finished or
-- someone answered). A second press of the same kind while one is open adds to it (``repeats``).
--
-- SQLite cannot change a CHECK constraint in place (``response`` gains "seen" and "on_it"), so the table is
-- rebuilt: create, copy, drop, rename, then the index. Nothing references ``handoffs``.

CREATE TABLE handoffs_new (
    id INTEGER PRIMARY KEY,
    young_person_id INTEGER NOT NULL REFERENCES young_people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'question', 'passport_help', 'crisis')),
    to_staff_id INTEGER REFERENCES staff (id),
    to_chat_id INTEGER,
    told TEXT NOT NULL CHECK (told IN ('pa', 'duty', 'manager', 'nobody')),
    reason TEXT,
    preferred_time TEXT,
    danger_now INTEGER NOT NULL DEFAULT 0 CHECK (danger_now IN (0, 1)),
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'raised' CHECK (state IN ('raised', 'seen', 'acted', 'closed')),
    acknowledged_at TEXT,
    acknowledged_by_staff_id INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    acknowledged_by_chat_id INTEGER,
    response TEXT CHECK (response IN ('seen', 'on_it', 'today', 'later', 'done')),
    closed_at TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
    look_again_at TEXT,
    repeats INTEGER NOT NULL DEFAULT 0 CHECK (repeats >= 0),
    last_raised_at TEXT
);

-- Hand-offs made before this: answered ones keep their answer; unanswered ones wait where they were (their
-- manager's escalation is already queued, and is cancelled as before when someone answers).
INSERT INTO handoffs_new (
    id, young_person_id, kind, to_staff_id, to_chat_id, told, reason, preferred_time, created_at, state,
    acknowledged_at, response, closed_at, escalation_level, look_again_at, last_raised_at
)
SELECT id, young_person_id, kind, to_staff_id, to_chat_id, told, reason, preferred_time, created_at,
       CASE response WHEN 'done' THEN 'closed' WHEN 'today' THEN 'acted' WHEN 'later' THEN 'acted'
                     ELSE 'raised' END,
       acknowledged_at, response,
       CASE response WHEN 'done' THEN acknowledged_at END,
       CASE WHEN response IS NULL THEN 1 ELSE 0 END,
       NULL,
       created_at
FROM handoffs;

DROP TABLE handoffs;
ALTER TABLE handoffs_new RENAME TO handoffs;

CREATE INDEX handoffs_person ON handoffs (young_person_id, created_at);
-- Open work: what is not closed, for /due, the digest and the summary; and what the tick must look at.
CREATE INDEX handoffs_open ON handoffs (state, created_at) WHERE state != 'closed';
CREATE INDEX handoffs_look_again ON handoffs (look_again_at) WHERE look_again_at IS NOT NULL;

-- Chats that have blocked the bot: the outbox gives up a row Telegram refuses with Forbidden. Escalation
-- skips such a chat at once, so it looks them up by chat.
CREATE INDEX outbox_refused ON outbox (chat_id, cancelled_at) WHERE last_error = 'Forbidden';
