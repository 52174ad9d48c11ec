"""A synthetic but realistic service, for demos, tests and benchmarks.

Deterministic for a given ``seed`` and ``as_of`` day: the same arguments always give the same rows. Dates
are spread so that, on ``as_of``, some contacts, reviews and return interviews are done, some are due and
some are overdue. Everyone is invented: names are common first names, case references are ``CL`` numbers.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from bot.store import Database

FIRST_NAMES = [
    "Aaliyah",
    "Adam",
    "Alfie",
    "Amara",
    "Amelia",
    "Archie",
    "Ava",
    "Ben",
    "Bethany",
    "Callum",
    "Chloe",
    "Connor",
    "Daisy",
    "Declan",
    "Ella",
    "Ellie",
    "Ethan",
    "Evie",
    "Finley",
    "Freya",
    "Grace",
    "Harley",
    "Harry",
    "Isla",
    "Jack",
    "Jacob",
    "Jade",
    "Jayden",
    "Kai",
    "Kayla",
    "Leah",
    "Leo",
    "Liam",
    "Lily",
    "Logan",
    "Maisie",
    "Mason",
    "Mia",
    "Millie",
    "Mohammed",
    "Nathan",
    "Noah",
    "Olivia",
    "Oscar",
    "Poppy",
    "Reece",
    "Riley",
    "Ruby",
    "Ryan",
    "Sam",
    "Sienna",
    "Tia",
    "Tyler",
    "Zara",
    "Zain",
]
STAFF_NAMES = [
    "Alex",
    "Bailey",
    "Casey",
    "Charlie",
    "Dana",
    "Drew",
    "Eden",
    "Elliot",
    "Frankie",
    "Gabi",
    "Harper",
    "Jamie",
    "Jess",
    "Jordan",
    "Kim",
    "Lee",
    "Morgan",
    "Nico",
    "Pat",
    "Quinn",
    "Robin",
    "Rowan",
    "Sacha",
    "Sam",
    "Shay",
    "Sky",
    "Taylor",
    "Toni",
    "Val",
]
SURNAMES = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hall",
    "Hussain",
    "Jones",
    "Khan",
    "Lewis",
    "Patel",
    "Smith",
    "Walker",
    "Wilson",
]

ACTIVITIES = (
    ("F1", 6),
    ("P1", 1),
    ("F2", 20),
    ("P2", 4),
    ("F4", 5),
    ("P4", 1),
    ("F5", 14),
    ("P5", 6),
    ("G4", 8),
    ("G5", 25),
    ("G6", 10),
)
ACCOMMODATION = (
    ("B", 8),
    ("C", 3),
    ("D", 18),
    ("E", 6),
    ("K", 3),
    ("R", 1),
    ("S", 2),
    ("T", 6),
    ("U", 35),
    ("V", 2),
    ("W", 1),
    ("X", 2),
    ("Y", 3),
    ("Z", 10),
)
IN_TOUCH = (("YES", 90), ("NO", 5), ("REFU", 3), ("NREQ", 2))
METHODS = (("visit", 45), ("phone", 30), ("video", 5), ("message", 20))
CASELOAD = 22
PAS_PER_TEAM = 9


@dataclass
class SeedSummary:
    teams: int = 0
    staff: int = 0
    young_people: int = 0
    contacts: int = 0
    reviews: int = 0
    missing_episodes: int = 0
    rows: dict[str, list[tuple]] = field(default_factory=dict, repr=False)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [weight for _, weight in weighted])[0]


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), UTC)


def plan(leavers: int, *, seed: int, as_of: date) -> SeedSummary:
    """Every row of the synthetic service, as tuples in table column order."""
    rng = random.Random(seed)
    pa_count = max(1, math.ceil(leavers / CASELOAD))
    team_count = max(1, math.ceil(pa_count / PAS_PER_TEAM))
    teams = [
        (t + 1, f"Pathways Team {t + 1:03d}" if team_count > 1 else "Pathways Team")
        for t in range(team_count)
    ]

    staff_rows: list[tuple] = []
    pas_by_team: dict[int, list[int]] = {team_id: [] for team_id, _ in teams}

    def add_staff(role: str, team_id: int | None) -> int:
        staff_id = len(staff_rows) + 1
        name = f"{rng.choice(STAFF_NAMES)} {rng.choice(SURNAMES)}"
        staff_rows.append((staff_id, name, role, team_id, f"W{staff_id:05d}", None, 1))
        return staff_id

    add_staff("admin", None)
    for team_id, _ in teams:
        add_staff("manager", team_id)
    for index in range(pa_count):
        team_id = teams[index % team_count][0]
        pas_by_team[team_id].append(add_staff("pa", team_id))

    people, contacts, reviews, episodes = [], [], [], []
    for person_id in range(1, leavers + 1):
        age_days = rng.randint(16 * 365 + 5, 25 * 365 + 300)
        dob = as_of - timedelta(days=age_days)
        age = (as_of - dob).days // 365
        if age < 18:
            category = _pick(rng, (("eligible", 55), ("relevant", 35), ("qualifying", 10)))
        elif age < 21:
            category = _pick(rng, (("former_relevant", 85), ("qualifying", 15)))
        else:
            category = "former_relevant"
        team_id = rng.choice(teams)[0]
        pa_id = rng.choice(pas_by_team[team_id]) if pas_by_team[team_id] and rng.random() > 0.03 else None
        council_provided = rng.random() < 0.2
        moved_on = as_of - timedelta(days=rng.randint(0, 400)) if council_provided else None
        people.append(
            (
                person_id,
                f"CL{person_id:06d}",
                rng.choice(FIRST_NAMES),
                dob.isoformat(),
                category,
                pa_id,
                team_id,
                int(rng.random() < 0.85),
                _pick(rng, ACTIVITIES),
                _pick(rng, ACCOMMODATION),
                int(rng.random() < 0.88),
                moved_on.isoformat() if moved_on else None,
                int(council_provided),
                _pick(rng, IN_TOUCH),
                int(rng.random() < 0.02),
                int(rng.random() < 0.08),
                int(age >= 21 and rng.random() < 0.3),
                None,
                (dob + timedelta(days=16 * 365)).isoformat() if category == "eligible" else None,
                None,
                None,
            )
        )
        # Contacts: the latest between 0 and 120 days ago, so about half are due or overdue at 8 weeks.
        last = as_of - timedelta(days=rng.randint(0, 120))
        for back in range(rng.randint(1, 3)):
            method = _pick(rng, METHODS)
            day = last - timedelta(days=back * rng.randint(20, 60))
            contacts.append((person_id, day.isoformat(), pa_id, method, int(method == "visit"), "seed"))
        if rng.random() > 0.05:
            reviewed = as_of - timedelta(days=rng.randint(0, 240))
            reviews.append((person_id, reviewed.isoformat(), pa_id, "seed"))
        if age < 18 and rng.random() < 0.15:
            episodes.append(_episode(rng, person_id, as_of))

    summary = SeedSummary(
        teams=len(teams),
        staff=len(staff_rows),
        young_people=len(people),
        contacts=len(contacts),
        reviews=len(reviews),
        missing_episodes=len(episodes),
    )
    summary.rows = {
        "teams": teams,
        "staff": staff_rows,
        "young_people": people,
        "contacts": contacts,
        "pathway_reviews": reviews,
        "missing_episodes": episodes,
    }
    return summary


def _episode(rng: random.Random, person_id: int, as_of: date) -> tuple:
    """A recent missing (or away) episode in one of the states the RHI rule cares about."""
    kind = "away" if rng.random() < 0.2 else "missing"
    started = _noon(as_of) - timedelta(hours=rng.randint(12, 24 * 40))
    state = rng.random()
    returned = offered = completed = declined = None
    if state > 0.1:  # 10% are still missing
        returned = min(started + timedelta(hours=rng.randint(2, 72)), _noon(as_of))
        if state > 0.55:
            completed = returned + timedelta(hours=rng.randint(6, 96))
            offered = returned + timedelta(hours=rng.randint(1, 6))
        elif state > 0.45:
            offered = returned + timedelta(hours=rng.randint(1, 48))
            declined = offered
    stamps = [
        value.isoformat() if value else None for value in (started, returned, offered, completed, declined)
    ]
    return (person_id, kind, *stamps, "seed")


INSERTS = {
    "teams": "INSERT INTO teams (id, name) VALUES (?, ?)",
    "staff": "INSERT INTO staff (id, name, role, team_id, worker_id, telegram_user_id, active)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
    "young_people": "INSERT INTO young_people (id, case_ref, preferred_name, date_of_birth, category, pa_id,"
    " team_id, lives_in_area, activity_code, accommodation_code, accommodation_suitable,"
    " accommodation_started_on, council_provided_accommodation, in_touch, in_custody, is_parent,"
    " stepped_back, contact_interval_days, eligible_since, left_service_on, telegram_user_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "contacts": "INSERT INTO contacts (young_person_id, contacted_on, staff_id, method, in_person, source)"
    " VALUES (?, ?, ?, ?, ?, ?)",
    "pathway_reviews": "INSERT INTO pathway_reviews (young_person_id, reviewed_on, staff_id, source)"
    " VALUES (?, ?, ?, ?)",
    "missing_episodes": "INSERT INTO missing_episodes (young_person_id, kind, started_at, returned_at,"
    " rhi_offered_at, rhi_completed_at, rhi_declined_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


class SeedError(Exception):
    pass


async def write(db: Database, summary: SeedSummary) -> None:
    """Write the planned rows in one transaction into a database with no people or staff yet."""
    async with db.transaction() as tx:
        for table in ("teams", "staff", "young_people"):
            async with tx.execute(f"SELECT 1 FROM {table} LIMIT 1") as cursor:
                if await cursor.fetchone():
                    raise SeedError(
                        f"the database already has {table.replace('_', ' ')}: seed a new database file"
                    )
        for table, sql in INSERTS.items():
            await tx.executemany(sql, summary.rows[table])
