"""Throttles in the service layer: invite codes cannot be tried one by one, feedback counts once per item
a day, and an invite issued again tells the account it moved the link away from."""

import logging
from datetime import date, timedelta

import pytest
from telegram.ext import Application

from bot.clock import MovableClock
from bot.models import Category, Role, Staff, Team, YoungPerson
from bot.services import invite_texts, invites
from bot.store import Database, feedback, people, staff, teams
from bot.ticks import run_tick_now
from content.schema import Need
from handlers import leaver_texts
from tests.botapi_stub import RecordingRequest
from tests.conftest import button_update
from tests.test_readability import MAX_GRADE, grade

DAY = timedelta(hours=72)
WRONG = "this-is-not-a-code"


@pytest.fixture
async def kai(db: Database) -> YoungPerson:
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        return await people.add(
            tx,
            YoungPerson(
                case_ref="CL9",
                preferred_name="Kai",
                date_of_birth=date(2007, 5, 1),
                category=Category.FORMER_RELEVANT,
                team_id=team.id,
            ),
        )


async def invite_code(db: Database, clock: MovableClock, case_ref: str = "CL9") -> str:
    made = await invites.create_for_young_person(
        db, case_ref, now=clock(), valid_for=DAY, bot_username="carebot"
    )
    return made.code


async def refusal(db: Database, code: str, user: int, clock: MovableClock) -> str:
    with pytest.raises(invites.InviteError) as refused:
        await invites.redeem(db, code, user, now=clock())
    return str(refused.value)


async def test_unknown_used_and_expired_codes_get_the_same_answer(
    db: Database, kai: YoungPerson, clock: MovableClock
) -> None:
    used = await invite_code(db, clock)
    await invites.redeem(db, used, 500, now=clock())
    expired = await invite_code(db, clock)
    clock.advance(DAY)
    answers = {await refusal(db, code, 501, clock) for code in (WRONG, used, expired)}
    assert answers == {invite_texts.DOES_NOT_WORK}


async def test_after_five_codes_that_do_not_work_a_user_waits_longer_each_time(
    db: Database, kai: YoungPerson, clock: MovableClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.services.invites")
    for _ in range(invites.FREE_FAILURES):
        assert await refusal(db, WRONG, 501, clock) == invite_texts.DOES_NOT_WORK
    good = await invite_code(db, clock)
    assert await refusal(db, good, 501, clock) == invite_texts.WAIT.format(wait="1 minute")
    assert (await people.get(db.reader, kai.id)).telegram_user_id is None, "a good code is not even read"
    assert await refusal(db, WRONG, 502, clock) == invite_texts.DOES_NOT_WORK, "others are not held up"

    clock.advance(timedelta(minutes=1))
    assert await refusal(db, WRONG, 501, clock) == invite_texts.DOES_NOT_WORK
    assert await refusal(db, WRONG, 501, clock) == invite_texts.WAIT.format(wait="2 minutes")
    clock.advance(timedelta(minutes=2))
    identity = await invites.redeem(db, good, 501, now=clock())
    assert identity.role is Role.LEAVER

    logged = [record.getMessage() for record in caplog.records]
    assert logged[0] == "invite code refused for user 501 (1 in a row)"
    assert "the next is not read before" in logged[invites.FREE_FAILURES - 1]
    assert not any(WRONG in line or good in line for line in logged), "codes are never logged"


async def test_a_linked_account_learns_nothing_about_a_code(
    db: Database, kai: YoungPerson, clock: MovableClock
) -> None:
    await invites.redeem(db, await invite_code(db, clock), 500, now=clock())
    good = await invite_code(db, clock)
    assert (
        await refusal(db, good, 500, clock)
        == await refusal(db, WRONG, 500, clock)
        == (invite_texts.ALREADY_LINKED)
    )
    assert (await invites.redeem(db, good, 600, now=clock())).person.id == kai.id, "the code was not spent"


@pytest.mark.parametrize("text", [invite_texts.DOES_NOT_WORK, invite_texts.WAIT, invite_texts.MOVED_LEAVER])
def test_what_young_people_read_about_invites_is_easy_to_read(text: str) -> None:
    assert grade(text.format(wait="2 minutes")) <= MAX_GRADE


async def test_an_invite_issued_again_tells_the_account_it_moved_from(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db: Database = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        robin = await staff.add(tx, Staff(name="Robin Hall", role=Role.PA, team_id=team.id))
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL9", date_of_birth=date(2007, 5, 1), category=Category.RELEVANT, team_id=team.id
            ),
        )
    assert robin.id is not None
    await invites.redeem(db, await invite_code(db, clock), 700, now=clock())
    await invites.redeem(db, await invite_code(db, clock), 701, now=clock())
    for user in (800, 801):
        staff_invite = await invites.create_for_staff(
            db, robin.id, now=clock(), valid_for=DAY, bot_username="carebot"
        )
        await invites.redeem(db, staff_invite.code, user, now=clock())
    await run_tick_now(app)
    assert transport.sent_texts(700) == [invite_texts.MOVED_LEAVER]
    assert transport.sent_texts(800) == [invite_texts.MOVED_STAFF]
    assert transport.sent_texts(701) == transport.sent_texts(801) == []


async def test_a_second_feedback_press_the_same_day_changes_nothing_and_is_thanked(
    app: Application, transport: RecordingRequest, clock: MovableClock
) -> None:
    db: Database = app.bot_data["runtime"].db
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        kai = await people.add(
            tx,
            YoungPerson(
                case_ref="CL9",
                preferred_name="Kai",
                date_of_birth=date(2007, 5, 1),
                category=Category.RELEVANT,
                team_id=team.id,
                telegram_user_id=600,
            ),
        )
    assert kai.id is not None
    for data in ("l1:rd:4", "l1:rd:1", f"l1:fb:{Need.ENERGY.value}:y", f"l1:fb:{Need.ENERGY.value}:n"):
        await app.process_update(button_update(app, 600, data))
    answers = [
        (entry.kind.value, entry.topic, entry.value) for entry in await feedback.for_person(db.reader, kai.id)
    ]
    assert answers == [("readiness", None, 4), ("helped", "energy", 1)]
    shown = [reply.text for reply in transport.replies(600)]
    assert shown[:2] == [leaver_texts.THANKS_FEEDBACK] * 2
    assert shown[2] == shown[3], "the second press is answered as the first was"

    clock.advance(timedelta(days=1, seconds=1))
    await app.process_update(button_update(app, 600, "l1:rd:3"))
    assert [entry.value for entry in await feedback.for_person(db.reader, kai.id)] == [4, 1, 3]
