from datetime import UTC, date, datetime

import pytest

from bot.models import Role, Staff, Team, YoungPerson
from bot.services.access import AccessDenied, open_record
from bot.services.identity import identify
from bot.store import Database, audit, people, staff, teams

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
async def service(db: Database) -> dict[str, int]:
    """Two teams; Kai is with PA Robin in North; Mia with PA Sam in South. Telegram ids in brackets."""
    async with db.transaction() as tx:
        north, south = await teams.add(tx, Team(name="North")), await teams.add(tx, Team(name="South"))
        robin = await staff.add(tx, Staff(name="Robin", role=Role.PA, team_id=north.id, telegram_user_id=1))
        sam = await staff.add(tx, Staff(name="Sam", role=Role.PA, team_id=south.id, telegram_user_id=2))
        await staff.add(tx, Staff(name="Dana", role=Role.MANAGER, team_id=north.id, telegram_user_id=3))
        await staff.add(tx, Staff(name="Ash", role=Role.ADMIN, telegram_user_id=4))
        born = date(2007, 1, 1)
        kai = await people.add(
            tx,
            YoungPerson(
                case_ref="K",
                preferred_name="Kai",
                date_of_birth=born,
                category="relevant",
                pa_id=robin.id,
                team_id=north.id,
                telegram_user_id=10,
            ),
        )
        mia = await people.add(
            tx,
            YoungPerson(
                case_ref="M",
                preferred_name="Mia",
                date_of_birth=born,
                category="relevant",
                pa_id=sam.id,
                team_id=south.id,
                telegram_user_id=11,
            ),
        )
    return {"kai": kai.id, "mia": mia.id}


@pytest.mark.parametrize(
    ("telegram_user_id", "sees_kai", "sees_mia"),
    [
        (1, True, False),
        (2, False, True),
        (3, True, False),
        (4, True, True),
        (10, True, False),
        (99, False, False),
    ],
    ids=["Kai's PA", "other PA", "Kai's manager", "admin", "Kai himself", "a stranger"],
)
async def test_each_role_sees_only_its_own(
    db: Database, service: dict[str, int], telegram_user_id: int, sees_kai: bool, sees_mia: bool
) -> None:
    identity = await identify(db, telegram_user_id)
    for name, expected in (("kai", sees_kai), ("mia", sees_mia)):
        if expected:
            assert (await open_record(db, identity, service[name], action="read", now=NOW)).id == service[
                name
            ]
        else:
            with pytest.raises(AccessDenied):
                await open_record(db, identity, service[name], action="read", now=NOW)


async def test_staff_reads_are_audited_and_young_peoples_are_not(
    db: Database, service: dict[str, int]
) -> None:
    await open_record(db, await identify(db, 1), service["kai"], action="read_caseload", now=NOW)
    await open_record(db, await identify(db, 10), service["kai"], action="read_own", now=NOW)
    [entry] = await audit.for_person(db.reader, service["kai"])
    assert (entry.actor_role, entry.action, entry.at) == ("pa", "read_caseload", NOW)
