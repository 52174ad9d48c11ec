-- Each team's overdue deadlines by kind, recorded once a week when the weekly digest goes out. The deadline
-- rules only say what is overdue now; these rows let managers' charts show the trend honestly.
CREATE TABLE weekly_overdue (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    week TEXT NOT NULL,
    kind TEXT NOT NULL,
    overdue INTEGER NOT NULL CHECK (overdue >= 0),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (team_id, week, kind)
);
