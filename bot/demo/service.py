"""A small invented service for the demo, written by hand so that every reminder kind has something
done, something due and something overdue on the day the demo starts.

Dates are relative to that day and chosen against the default rules (``config.example.toml``): contacts
against the 8-week interval, pathway reviews against 6 months, return interviews against 72 hours,
needs assessments against 3 months after eligibility, and birthdays inside (and just outside) the
90-day notice before 18, 21 and 25. Everyone is made up.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from bot.models import (
    Category,
    Contact,
    ContactMethod,
    MissingEpisode,
    PathwayReview,
    Role,
    Source,
    Staff,
    Team,
    YoungPerson,
)
from bot.store import Database, contacts, missing, people, reviews, staff, teams


@dataclass(frozen=True)
class Persona:
    """Someone the visitor can be: a Telegram user, linked (or not) to a record in the service."""

    key: str
    name: str
    role: str
    """"leaver", "pa", "manager", "admin"; "duty" for the person on call (no record); "" for a newcomer."""
    user_id: int
    about: str
    # Messages to try, shown on the page as one-tap buttons: as a young person would type them, or the
    # commands staff use.
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Person:
    name: str
    born_years_ago: int
    born_days_ago: int
    category: Category
    pa: str
    contact_days_ago: int | None = None
    review_days_ago: int | None = None
    eligible_days_ago: int | None = None
    # Calendar months, for what falls due exactly today under a rule counted in months.
    review_months_ago: int | None = None
    eligible_months_ago: int | None = None
    episode: str | None = None
    facts: tuple[tuple[str, Any], ...] = ()


TEAM = "Pathways Team"
# The duty worker is not one of the team's staff: the bot knows them only as the chat on call out of hours.
DUTY_ROLE = "duty"
DUTY_NAME = "Jordan from the team on call"
ADMIN, MANAGER = "Lee Walker", "Dana Khan"
PAS = ("Robin Hall", "Sacha Patel", "Jamie Evans")

# (what is due for whom, on the first day of the demo)
PEOPLE = (
    # Kai: the care-leaver persona; contact and review done.
    _Person("Kai", 19, 40, Category.FORMER_RELEVANT, "Robin Hall", contact_days_ago=10, review_days_ago=60),
    # Amara: contact due today; review due in a week; back from missing 20 hours ago, no interview yet.
    _Person(
        "Amara",
        17,
        150,
        Category.RELEVANT,
        "Robin Hall",
        contact_days_ago=56,
        review_days_ago=176,
        episode="returned_20h",
    ),
    # Liam: eligible (after his 16th birthday) exactly 3 months ago: needs assessment due today.
    _Person("Liam", 16, 150, Category.ELIGIBLE, "Robin Hall", contact_days_ago=20, eligible_months_ago=3),
    # Ruby: needs assessment overdue; return interview overdue (back 4 days ago).
    _Person(
        "Ruby",
        16,
        125,
        Category.ELIGIBLE,
        "Sacha Patel",
        contact_days_ago=30,
        eligible_days_ago=125,
        episode="returned_4d",
    ),
    # Noah: turns 18 in about 60 days; contact overdue; pathway review due today.
    _Person("Noah", 17, 305, Category.RELEVANT, "Sacha Patel", contact_days_ago=70, review_months_ago=6),
    # Evie: turns 21 in about 85 days; pathway review overdue.
    _Person(
        "Evie", 20, 280, Category.FORMER_RELEVANT, "Sacha Patel", contact_days_ago=14, review_days_ago=215
    ),
    # Zain: turns 25 in about 50 days; stepped back, so yearly contact is enough.
    _Person(
        "Zain",
        24,
        315,
        Category.FORMER_RELEVANT,
        "Jamie Evans",
        contact_days_ago=200,
        review_days_ago=100,
        facts=(("stepped_back", True),),
    ),
    # Mia: moved into council accommodation 5 days ago: first visit due within 7 days.
    _Person(
        "Mia",
        18,
        90,
        Category.FORMER_RELEVANT,
        "Jamie Evans",
        contact_days_ago=35,
        review_days_ago=30,
        facts=(("council_provided_accommodation", True), ("accommodation_started_on", 5)),
    ),
    # Oscar: return interview done; contact overdue.
    _Person(
        "Oscar",
        17,
        20,
        Category.RELEVANT,
        "Jamie Evans",
        contact_days_ago=60,
        review_days_ago=90,
        episode="interviewed",
    ),
    # Freya: all up to date.
    _Person(
        "Freya", 22, 200, Category.FORMER_RELEVANT, "Robin Hall", contact_days_ago=30, review_days_ago=21
    ),
    # Callum: contact long overdue, no pathway review on record.
    _Person("Callum", 19, 250, Category.QUALIFYING, "Sacha Patel", contact_days_ago=100),
    # Isla: eligible for a month, first plan done last week; not on the bot yet (has an invite).
    _Person(
        "Isla",
        16,
        35,
        Category.ELIGIBLE,
        "Jamie Evans",
        contact_days_ago=5,
        review_days_ago=7,
        eligible_days_ago=35,
    ),
)

PERSONAS = (
    Persona(
        "leaver",
        "Kai",
        "leaver",
        7001,
        "19, a care leaver",
        suggestions=(
            "my leccy ran out n im skint",
            "cn i get a free bus pass",
            "how do i read my gas meter",
            "do i have to pay for prescriptions",
            "can my pa ring me tmrw",
            "council tax and a deposit for a flat?",
            "i cant cope anymore",
            "got nowhere to sleep tonight",
            "my mate self harms how do i help her",
        ),
    ),
    Persona(
        "pa",
        "Robin",
        "pa",
        7002,
        "Robin Hall, Kai's personal advisor (PA)",
        suggestions=("/due", "/caseload", "/missing", "/summary"),
    ),
    Persona(
        "manager",
        "Dana",
        "manager",
        7003,
        "Dana Khan, the team manager",
        suggestions=("/caseloads", "/staff", "/summary", "/charts", "/export"),
    ),
    Persona(
        "newcomer",
        "Isla",
        "",
        7004,
        "16, new here: she has not joined yet, and her PA sent her an invite link",
        suggestions=(
            "hiya",
            "what can i get",
            "am i a care leaver",
            "whats a pathway plan",
            "can i talk to my pa",
        ),
    ),
    Persona(
        "duty",
        "Jordan",
        DUTY_ROLE,
        7005,
        "on call tonight: the out-of-hours duty worker, who gets crisis alerts at night and at weekends",
    ),
)


def _episode(kind: str, person_id: int, now: datetime) -> MissingEpisode:
    if kind == "returned_20h":
        returned = now - timedelta(hours=20)
        return MissingEpisode(
            young_person_id=person_id,
            started_at=returned - timedelta(hours=30),
            returned_at=returned,
            source=Source.SEED,
        )
    if kind == "returned_4d":
        returned = now - timedelta(days=4)
        return MissingEpisode(
            young_person_id=person_id,
            started_at=returned - timedelta(hours=9),
            returned_at=returned,
            source=Source.SEED,
        )
    returned = now - timedelta(days=2)
    return MissingEpisode(
        young_person_id=person_id,
        started_at=returned - timedelta(hours=16),
        returned_at=returned,
        rhi_offered_at=returned + timedelta(hours=3),
        rhi_completed_at=returned + timedelta(hours=26),
        source=Source.SEED,
    )


def _ago(today: date, days: int | None, months: int | None) -> date | None:
    if months is not None:
        return today - relativedelta(months=months)
    return today - timedelta(days=days) if days is not None else None


async def create(db: Database, now: datetime, today: date) -> dict[str, int]:
    """Write the service into an empty database and link the personas; returns record ids by name."""
    ids: dict[str, int] = {}
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name=TEAM))
        for name, role in ((ADMIN, Role.ADMIN), (MANAGER, Role.MANAGER), *((pa, Role.PA) for pa in PAS)):
            member = await staff.add(
                tx, Staff(name=name, role=role, team_id=None if role is Role.ADMIN else team.id)
            )
            assert member.id is not None
            ids[name] = member.id
        for number, entry in enumerate(PEOPLE, start=1):
            case_ref = f"DEMO{number:03d}"
            ids[entry.name] = await _add_person(tx, entry, case_ref, ids[entry.pa], team, now, today)
        await people.link_telegram(tx, ids["Kai"], PERSONAS[0].user_id)
        await staff.link_telegram(tx, ids["Robin Hall"], PERSONAS[1].user_id)
        await staff.link_telegram(tx, ids["Dana Khan"], PERSONAS[2].user_id)
    return ids


async def _add_person(
    tx: Any, entry: _Person, case_ref: str, pa_id: int, team: Team, now: datetime, today: date
) -> int:
    facts = dict(entry.facts)
    if "accommodation_started_on" in facts:
        facts["accommodation_started_on"] = today - timedelta(days=facts["accommodation_started_on"])
    born = today - relativedelta(years=entry.born_years_ago, days=entry.born_days_ago)
    eligible = _ago(today, entry.eligible_days_ago, entry.eligible_months_ago)
    person = await people.add(
        tx,
        YoungPerson(
            case_ref=case_ref,
            preferred_name=entry.name,
            date_of_birth=born,
            category=entry.category,
            pa_id=pa_id,
            team_id=team.id,
            lives_in_area=True,
            eligible_since=eligible,
            **facts,
        ),
    )
    assert person.id is not None
    if entry.contact_days_ago is not None:
        await contacts.add(
            tx,
            Contact(
                young_person_id=person.id,
                contacted_on=today - timedelta(days=entry.contact_days_ago),
                staff_id=pa_id,
                method=ContactMethod.VISIT,
                in_person=True,
                source=Source.SEED,
            ),
        )
    reviewed_on = _ago(today, entry.review_days_ago, entry.review_months_ago)
    if reviewed_on is not None:
        await reviews.add(
            tx,
            PathwayReview(
                young_person_id=person.id,
                reviewed_on=reviewed_on,
                staff_id=pa_id,
                source=Source.SEED,
            ),
        )
    if entry.episode is not None:
        await missing.add(tx, _episode(entry.episode, person.id, now))
    return person.id
