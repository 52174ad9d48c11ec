from datetime import date, timedelta

import pytest

from bot.clock import MovableClock
from bot.models import Role, Staff, Team, YoungPerson
from bot.services import invites
from bot.store import Database, people, staff, teams

DAY = timedelta(hours=72)


@pytest.fixture
async def kai(db: Database) -> YoungPerson:
    async with db.transaction() as tx:
        team = await teams.add(tx, Team(name="North"))
        pa = await staff.add(tx, Staff(name="Robin Hall", role=Role.PA, team_id=team.id))
        return await people.add(
            tx,
            YoungPerson(
                case_ref="CL9",
                preferred_name="Kai",
                date_of_birth=date(2007, 5, 1),
                category="former_relevant",
                pa_id=pa.id,
                team_id=team.id,
            ),
        )


async def test_an_invite_links_the_young_person_once(
    db: Database, kai: YoungPerson, clock: MovableClock
) -> None:
    invite = await invites.create_for_young_person(
        db, "CL9", now=clock(), valid_for=DAY, bot_username="carebot"
    )
    assert invite.link == f"https://t.me/carebot?start={invite.code}"
    identity = await invites.redeem(db, invite.code, 777, now=clock())
    assert identity.role is Role.LEAVER and identity.person.id == kai.id
    with pytest.raises(invites.InviteError, match="doesn't work"):
        await invites.redeem(db, invite.code, 778, now=clock())
    assert await people.by_telegram_user(db.reader, 778) is None


async def test_an_expired_invite_does_nothing(db: Database, kai: YoungPerson, clock: MovableClock) -> None:
    invite = await invites.create_for_young_person(
        db, "CL9", now=clock(), valid_for=DAY, bot_username="carebot"
    )
    clock.advance(DAY)
    with pytest.raises(invites.InviteError, match="doesn't work"):
        await invites.redeem(db, invite.code, 777, now=clock())
    assert (await people.get(db.reader, kai.id)).telegram_user_id is None


async def test_codes_are_not_stored_in_clear(db: Database, kai: YoungPerson, clock: MovableClock) -> None:
    invite = await invites.create_for_young_person(
        db, "CL9", now=clock(), valid_for=DAY, bot_username="carebot"
    )
    rows = await db.reader.execute_fetchall("SELECT * FROM invites")
    stored = " ".join(str(value) for row in rows for value in tuple(row))
    assert invite.code not in stored
    assert invites.hash_code(invite.code) in stored


async def test_a_made_up_code_is_refused(db: Database, kai: YoungPerson, clock: MovableClock) -> None:
    with pytest.raises(invites.InviteError, match="doesn't work"):
        await invites.redeem(db, "not-a-real-code", 777, now=clock())


async def test_a_staff_invite_links_the_staff_member(
    db: Database, kai: YoungPerson, clock: MovableClock
) -> None:
    invite = await invites.create_for_staff(db, kai.pa_id, now=clock(), valid_for=DAY, bot_username="carebot")
    identity = await invites.redeem(db, invite.code, 31, now=clock())
    assert identity.role is Role.PA and identity.staff.name == "Robin Hall"


async def test_an_unknown_case_reference_gets_no_invite(
    db: Database, kai: YoungPerson, clock: MovableClock
) -> None:
    with pytest.raises(invites.InviteError, match="CL404"):
        await invites.create_for_young_person(db, "CL404", now=clock(), valid_for=DAY, bot_username="carebot")
