-- Failed invite codes per Telegram user, for the back-off: after a few codes that do not work, a user
-- waits longer and longer before the next one is even looked at, so codes cannot be guessed. The code
-- itself is never stored. A user's row goes when an invite works for them.
CREATE TABLE invite_attempts (
    telegram_user_id INTEGER PRIMARY KEY,
    failures INTEGER NOT NULL CHECK (failures > 0),
    last_failed_at TEXT NOT NULL,
    wait_until TEXT
);
