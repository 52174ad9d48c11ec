"""Services behind the care leaver's conversation, with a fixed clock: hand-offs, delivery, feedback."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from telegram.error import NetworkError

from bot.config import Settings
from bot.models import Role, Staff, Team, YoungPerson
from bot.models_leaver import Response, Told
from bot.outbox.send import send_now
from bot.services import feedback, handoff
from bot.services.access import AccessDenied
from bot.services.identity import identify
from bot.store import Database, audit, outbox, people, staff, teams
from content.crisis import is_open, lines_for
from content.loader import council_folder, load
from content.schema import Risk

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
CONTENT = load(council_folder("middlesbrough"))


async def add_team(
    db: Database, name: str, *, pa_linked: bool = True, manager: bool = True
) -> dict[str, int]:
    """A team with a PA and (optionally) a manager, and one young person. Telegram ids from the team name."""
    base = 1000 * (len(name) + ord(name[0]))
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name=name))
        pa = await staff.add(
            tx,
            Staff(
                name=f"PA {name}",
                role=Role.PA,
                team_id=team.id,
                telegram_user_id=base + 1 if pa_linked else None,
            ),
        )
        if manager:
            await staff.add(
                tx, Staff(name=f"M {name}", role=Role.MANAGER, team_id=team.id, telegram_user_id=base + 2)
            )
        person = await people.add(
            tx,
            YoungPerson(
                case_ref=f"{name}-1",
                preferred_name="Sam",
                date_of_birth=date(2006, 3, 3),
                category="former_relevant",
                pa_id=pa.id,
                team_id=team.id,
                telegram_user_id=base + 3,
            ),
        )
    return {"team": team.id, "pa": base + 1, "manager": base + 2, "leaver": base + 3, "person": person.id}


class FakeBot:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.sent = fail, []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        if self.fail:
            raise NetworkError("connection reset")
        self.sent.append((chat_id, text))


async def test_without_a_linked_pa_the_manager_is_told_at_once(db: Database, settings: Settings) -> None:
    ids = await add_team(db, "North", pa_linked=False)
    identity = await identify(db, ids["leaver"])
    handed = await handoff.request_contact(db, identity, "home", "soon", settings=settings, now=MONDAY_10)
    assert handed.told is Told.MANAGER
    assert handed.send_now == [f"handoff:{handed.handoff.id}:escalate:2"]
    bot = FakeBot()
    await send_now(db, bot, handed.send_now, MONDAY_10, settings.reminders.send_lease)
    [(chat, text)] = bot.sent
    assert chat == ids["manager"] and "their PA can't get messages" in text


async def test_with_nobody_reachable_the_young_person_is_told_so(db: Database, settings: Settings) -> None:
    ids = await add_team(db, "East", pa_linked=False, manager=False)
    handed = await handoff.request_contact(
        db, await identify(db, ids["leaver"]), "home", "soon", settings=settings, now=MONDAY_10
    )
    assert handed.told is Told.NOBODY and handed.send_now == []


async def test_a_failed_send_stays_in_the_outbox_for_the_dispatcher(db: Database, settings: Settings) -> None:
    ids = await add_team(db, "West")
    handed = await handoff.crisis(
        db, await identify(db, ids["leaver"]), Risk.HURT_OR_UNSAFE, settings=settings, now=MONDAY_10
    )
    assert handed is not None
    assert (
        await send_now(db, FakeBot(fail=True), handed.send_now, MONDAY_10, settings.reminders.send_lease)
        == []
    )
    [row] = await outbox.pending(db.reader, MONDAY_10)
    assert row.chat_id == ids["pa"] and row.attempts == 1 and row.last_error == "NetworkError"
    assert (
        await send_now(db, FakeBot(), handed.send_now, MONDAY_10, settings.reminders.send_lease)
        == handed.send_now
    )
    assert await outbox.pending(db.reader, MONDAY_10) == []


async def test_a_crisis_out_of_hours_without_a_duty_contact_goes_to_the_pa(
    db: Database, settings: Settings
) -> None:
    ids = await add_team(db, "South")
    friday_night = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)
    handed = await handoff.crisis(
        db, await identify(db, ids["leaver"]), Risk.SUICIDE_OR_SELF_HARM, settings=settings, now=friday_night
    )
    assert handed is not None and handed.told is Told.PA and not handed.in_hours
    assert handed.answer_from == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


async def test_only_the_pa_or_their_manager_can_answer_and_it_is_audited(
    db: Database, settings: Settings
) -> None:
    north, south = await add_team(db, "North"), await add_team(db, "South")
    handed = await handoff.request_contact(
        db, await identify(db, north["leaver"]), "money", "morning", settings=settings, now=MONDAY_10
    )
    handoff_id = handed.handoff.id
    assert handoff_id is not None
    for outsider in (south["pa"], south["manager"], north["leaver"]):
        with pytest.raises(AccessDenied):
            await handoff.answer(
                db, await identify(db, outsider), handoff_id, Response.DONE, reply="Seen.", now=MONDAY_10
            )
    answered = await handoff.answer(
        db,
        await identify(db, north["manager"]),
        handoff_id,
        Response.LATER,
        reply="Seen.",
        now=MONDAY_10 + timedelta(hours=1),
    )
    assert answered.handoff.response is Response.LATER
    assert answered.handoff.acknowledged_at == MONDAY_10 + timedelta(hours=1)
    assert [entry.action for entry in await audit.for_person(db.reader, north["person"])] == [
        "handoff.answer"
    ]


async def test_feedback_is_counted_per_team_without_names(db: Database) -> None:
    north, south = await add_team(db, "North"), await add_team(db, "South")
    kai, mia = await identify(db, north["leaver"]), await identify(db, south["leaver"])
    await feedback.record_helped(db, kai, CONTENT, "he_bursary", True, now=MONDAY_10)
    await feedback.record_helped(db, kai, CONTENT, "money", False, now=MONDAY_10)
    with pytest.raises(ValueError):
        await feedback.record_helped(db, kai, CONTENT, "made_up", False, now=MONDAY_10)
    await feedback.record_readiness(db, kai, 4, now=MONDAY_10)
    await feedback.record_readiness(db, mia, 2, now=MONDAY_10)
    await feedback.record_helped(db, mia, CONTENT, "food_today", True, now=MONDAY_10 - timedelta(days=40))
    with pytest.raises(ValueError):
        await feedback.record_readiness(db, kai, 6, now=MONDAY_10)

    week = (MONDAY_10 - timedelta(days=7), MONDAY_10 + timedelta(days=1))
    manager = await identify(db, north["manager"])
    [team] = await feedback.anonymised_counts(db, manager, *week, now=MONDAY_10)
    assert (team.team_id, team.helped_yes, team.helped_no, team.readiness) == (
        north["team"],
        1,
        1,
        (0, 0, 0, 1, 0),
    )
    assert team.readiness_average == 4
    assert not {"young_person_id", "topic"} & set(type(team).__dataclass_fields__)

    async with db.transaction() as tx:
        await staff.add(tx, Staff(name="Ash", role=Role.ADMIN, telegram_user_id=4))
    every = await feedback.anonymised_counts(db, await identify(db, 4), *week, now=MONDAY_10)
    assert {entry.team_id: entry.readiness_answers for entry in every} == {north["team"]: 1, south["team"]: 1}
    with pytest.raises(AccessDenied):
        await feedback.anonymised_counts(db, await identify(db, north["pa"]), *week, now=MONDAY_10)


async def test_readiness_is_asked_now_and_then(db: Database) -> None:
    ids = await add_team(db, "North")
    kai = await identify(db, ids["leaver"])
    assert await feedback.readiness_due(db, kai, now=MONDAY_10)
    await feedback.record_readiness(db, kai, 3, now=MONDAY_10)
    assert not await feedback.readiness_due(db, kai, now=MONDAY_10 + timedelta(days=27))
    assert await feedback.readiness_due(db, kai, now=MONDAY_10 + timedelta(days=28))


@pytest.mark.parametrize(
    ("local", "working_day", "open_"),
    [
        (datetime(2026, 11, 26, 16, 45), True, True),  # Thursday
        (datetime(2026, 11, 27, 16, 45), True, False),  # Friday closes at 16:30
        (datetime(2026, 11, 23, 8, 29), True, False),
        (datetime(2026, 11, 23, 8, 30), True, True),
        (datetime(2026, 11, 28, 11, 0), True, False),  # Saturday
        (datetime(2026, 12, 25, 11, 0), False, False),  # Christmas Day
    ],
)
def test_council_office_hours(local: datetime, working_day: bool, open_: bool) -> None:
    assert is_open(CONTENT.council.office_hours, local, working_day=working_day) is open_
    lines = lines_for(Risk.NOWHERE_TO_SLEEP, CONTENT, local, working_day=working_day)
    assert lines.council.number == ("01642 726004" if open_ else "01642 524552")
    assert lines.contacts[0].id == "emergency"
