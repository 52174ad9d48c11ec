"""The floor for the managers' figures: read every fact row they need, once, in plain Python ``sqlite3``.

    python bench/floor.py DATABASE

No model, no rules, no output: only the reads ``carebot summary`` and ``carebot deadlines`` cannot do
without, with the queries they used when the floor was first measured (issue 12: 0.50 s at 100,000 young
people). The queries are kept here as they were, so making our own reads faster never moves the floor.
Prints the number of rows read.
"""

import sqlite3
import sys

TODAY, BORN_AFTER, WINDOW_START = "2026-11-23", "2001-10-30", "2026-09-23T10:00:00+00:00"

# Each young person in the service with the latest contact, visit and review (the deadline rules' facts).
PEOPLE = """
SELECT p.id, p.case_ref, p.preferred_name, p.pa_id, p.team_id, p.date_of_birth, p.category,
       p.eligible_since, p.left_service_on, p.stepped_back, p.contact_interval_days,
       p.council_provided_accommodation, p.accommodation_started_on,
       (SELECT MAX(c.contacted_on) FROM contacts c WHERE c.young_person_id = p.id),
       (SELECT MAX(c.contacted_on) FROM contacts c WHERE c.young_person_id = p.id AND c.method = 'visit'),
       (SELECT MAX(r.reviewed_on) FROM pathway_reviews r WHERE r.young_person_id = p.id),
       p.in_touch = 'DIED',
       (SELECT s.first_swept_at FROM sweep_schedule s WHERE s.young_person_id = p.id)
FROM young_people p
WHERE (p.left_service_on IS NULL OR p.left_service_on > :today) AND p.date_of_birth > :born_after
"""
EPISODES = """
SELECT e.id, e.young_person_id, e.kind, e.started_at, e.returned_at, e.return_time_known,
       e.rhi_completed_at, e.rhi_declined_at
FROM missing_episodes e JOIN young_people p ON p.id = e.young_person_id
WHERE (p.left_service_on IS NULL OR p.left_service_on > :today) AND p.date_of_birth > :born_after
  AND ((e.returned_at IS NOT NULL AND e.rhi_completed_at IS NULL AND e.rhi_declined_at IS NULL)
       OR e.started_at >= :window_start)
"""
# The summary's own facts: outcomes and caseloads, every missing episode, passport progress, feedback, staff.
CASES = """
SELECT p.id, p.case_ref, p.preferred_name, p.date_of_birth, p.pa_id, p.team_id, p.in_touch,
       p.accommodation_suitable, p.activity_code
FROM young_people AS p WHERE p.left_service_on IS NULL ORDER BY p.id
"""
OTHERS = (
    "SELECT * FROM missing_episodes",
    "SELECT young_person_id, item_id, status FROM passport_progress",
    "SELECT team_id, kind, topic, value, at FROM feedback",
    "SELECT * FROM staff",
    "SELECT * FROM teams",
)


def main(path: str) -> int:
    connection = sqlite3.connect(path)
    parameters = {"today": TODAY, "born_after": BORN_AFTER, "window_start": WINDOW_START}
    rows = 0
    for query in (PEOPLE, EPISODES):
        for _ in connection.execute(query, parameters):
            rows += 1
    for query in (CASES, *OTHERS):
        for _ in connection.execute(query):
            rows += 1
    return rows


if __name__ == "__main__":
    print(main(sys.argv[1]))
