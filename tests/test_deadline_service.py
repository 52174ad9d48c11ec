"""open_deadlines over a real store, and ``carebot deadlines`` as a PA's manager would run it."""

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.cli import main
from bot.config import Settings
from bot.models import Contact, ContactMethod, MissingEpisode, PathwayReview, Role, Staff, Team, YoungPerson
from bot.services.deadlines import open_deadlines
from bot.store import Database, contacts, missing, people, reviews, staff, teams
from scheduler.deadlines import DeadlineKind, DeadlineStatus

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def seed_two_caseloads(db: Database) -> dict[str, int]:
    async with db.transaction() as tx:
        north = await teams.add(tx, Team(name="North"))
        south = await teams.add(tx, Team(name="South"))
        robin = await staff.add(tx, Staff(name="Robin", role=Role.PA, team_id=north.id, worker_id="W1"))
        sam = await staff.add(tx, Staff(name="Sam", role=Role.PA, team_id=south.id))
        kai = await people.add(
            tx,
            YoungPerson(
                case_ref="CL1",
                preferred_name="Kai",
                date_of_birth=date(2009, 6, 1),
                category="relevant",
                pa_id=robin.id,
                team_id=north.id,
            ),
        )
        ava = await people.add(
            tx,
            YoungPerson(
                case_ref="CL2",
                preferred_name="Ava",
                date_of_birth=date(2004, 6, 1),
                category="former_relevant",
                pa_id=sam.id,
                team_id=south.id,
            ),
        )
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL3",
                preferred_name="Left",
                date_of_birth=date(2004, 6, 1),
                category="former_relevant",
                pa_id=sam.id,
                team_id=south.id,
                left_service_on=date(2026, 10, 1),
            ),
        )
        await people.add(
            tx,
            YoungPerson(
                case_ref="CL4",
                preferred_name="Died",
                date_of_birth=date(2005, 3, 1),
                category="former_relevant",
                pa_id=sam.id,
                team_id=south.id,
                in_touch="DIED",
            ),
        )
        await contacts.add(
            tx,
            Contact(
                young_person_id=ava.id,
                contacted_on=date(2026, 11, 1),
                method=ContactMethod.PHONE,
                in_person=False,
            ),
        )
        await contacts.add(
            tx,
            Contact(
                young_person_id=ava.id,
                contacted_on=date(2026, 9, 1),
                method=ContactMethod.VISIT,
                in_person=True,
            ),
        )
        await reviews.add(tx, PathwayReview(young_person_id=ava.id, reviewed_on=date(2026, 8, 31)))
        await missing.add(
            tx,
            MissingEpisode(
                young_person_id=kai.id,
                started_at=NOW - timedelta(hours=30),
                returned_at=NOW - timedelta(hours=20),
            ),
        )
    return {"robin": robin.id, "sam": sam.id, "north": north.id, "kai": kai.id, "ava": ava.id}


async def test_open_deadlines_reads_every_fact_and_scopes_by_pa_and_team(
    db: Database, settings: Settings
) -> None:
    ids = await seed_two_caseloads(db)
    everything = await open_deadlines(db, NOW, settings)
    assert {deadline.case_ref for deadline in everything} == {"CL1", "CL2"}  # CL3 has left, CL4 died

    kai = await open_deadlines(db, NOW, settings, pa_id=ids["robin"])
    by_kind = {deadline.kind: deadline for deadline in kai}
    assert by_kind[DeadlineKind.RHI].due_at == NOW + timedelta(hours=52)
    assert by_kind[DeadlineKind.CONTACT].status is DeadlineStatus.DUE  # no contact recorded
    assert by_kind[DeadlineKind.PATHWAY_REVIEW].status is DeadlineStatus.DUE  # no review recorded
    assert all(deadline.pa_id == ids["robin"] for deadline in kai)

    ava = await open_deadlines(db, NOW, settings, team_id=ids["north"] + 1)
    by_kind = {deadline.kind: deadline for deadline in ava}
    assert by_kind[DeadlineKind.CONTACT].due_at == datetime(2026, 12, 27, tzinfo=UTC)
    assert by_kind[DeadlineKind.PATHWAY_REVIEW].due_at == datetime(2027, 2, 28, tzinfo=UTC)
    assert DeadlineKind.RHI not in by_kind


async def test_the_rhi_closes_once_done(db: Database, settings: Settings) -> None:
    ids = await seed_two_caseloads(db)
    [episode] = await missing.for_person(db.reader, ids["kai"])
    async with db.transaction() as tx:
        await missing.update(tx, episode.model_copy(update={"rhi_completed_at": NOW}))
    kinds = {deadline.kind for deadline in await open_deadlines(db, NOW, settings, pa_id=ids["robin"])}
    assert DeadlineKind.RHI not in kinds


def test_cli_prints_one_json_object_a_line(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    async def seed() -> None:
        database = await Database.open(settings.database.path)
        await seed_two_caseloads(database)
        await database.close()

    asyncio.run(seed())
    code = main(
        ["deadlines", "--db", str(settings.database.path), "--now", "2026-11-23T10:00:00+00:00", "--json"]
    )
    assert code == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    [rhi] = [row for row in rows if row["kind"] == "rhi"]
    assert rhi == {
        "kind": "rhi",
        "case_ref": "CL1",
        "pa": "W1",
        "due_at": "2026-11-25T14:00:00+00:00",
        "status": "due",
        "rule": rhi["rule"],
    }
    assert "72 h" in rhi["rule"]
    [ava_contact] = [row for row in rows if row["kind"] == "contact" and row["case_ref"] == "CL2"]
    assert ava_contact["pa"] == "2"  # no worker id: the staff id
    assert ava_contact["status"] == "upcoming"


def test_cli_refuses_a_bad_time(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--db", str(settings.database.path), "--now", "tomorrow"]) == 1
    assert "not an ISO 8601 time" in capsys.readouterr().err


def test_reminders_cli_shows_what_would_be_queued_and_queues_nothing(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    async def seed() -> None:
        database = await Database.open(settings.database.path)
        ids = await seed_two_caseloads(database)
        async with database.transaction() as tx:
            await staff.link_telegram(tx, ids["robin"], 4242)
        await database.close()

    async def outbox_size() -> int:
        database = await Database.open(settings.database.path)
        [(count,)] = await database.reader.execute_fetchall("SELECT COUNT(*) FROM outbox")
        await database.close()
        return count

    asyncio.run(seed())
    argv = ["reminders", "--db", str(settings.database.path), "--now", "2026-11-23T10:00:00+00:00", "--json"]
    assert main(argv) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    [rhi] = [row for row in rows if row["kind"] == "reminder:rhi"]
    assert (rhi["chat_id"], rhi["state"]) == (4242, "new")
    assert rhi["key"] == "rhi:1:20261125T1400Z:due"
    assert "by Wed 25 Nov at 14:00" in rhi["text"]
    assert asyncio.run(outbox_size()) == 0


def test_reminders_cli_lists_what_waits_for_staff_who_have_not_joined(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nobody has linked Telegram yet: every reminder waits, and the command says for whom."""

    async def seed() -> None:
        database = await Database.open(settings.database.path)
        await seed_two_caseloads(database)
        await database.close()

    asyncio.run(seed())
    argv = ["reminders", "--db", str(settings.database.path), "--now", "2026-11-23T10:00:00+00:00"]
    assert main([*argv, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {row["state"] for row in rows} == {"waiting"}
    [rhi] = [row for row in rows if row["kind"] == "reminder:rhi"]
    assert (rhi["key"], rhi["chat_id"], rhi["send_at"]) == ("rhi:1:20261125T1400Z:due", None, None)
    assert rhi["waiting_for"] == "Robin, who has not joined"
    assert rhi["text"].startswith("Kai (CL1) is back after being missing.")
    assert {row["waiting_for"] for row in rows} == {"Robin, who has not joined"}  # nothing due for Ava
    assert main(argv) == 0
    assert "waiting for Robin, who has not joined  rhi:1:20261125T1400Z:due\n    Kai (CL1) is back" in (
        capsys.readouterr().out
    )


def test_cli_json_lines_are_what_json_writes_even_for_quotes_and_accents() -> None:
    """The lines are written from cached pieces for speed; they must still be exactly ``json.dumps``."""
    from zoneinfo import ZoneInfo

    from bot.commands.deadlines import json_lines, text_lines
    from scheduler.rules import Due, PersonFacts

    london = ZoneInfo("Europe/London")
    odd = PersonFacts(7, 'CL "7" \\ Zoë', None, None, 3, date(2008, 2, 29), "relevant")
    known = PersonFacts(8, "CL8", "Kai", 5, 3, date(2008, 3, 1), "relevant")
    summer = datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    found = [
        Due(DeadlineKind.CONTACT, "contact:7:none", odd, NOW, DeadlineStatus.OVERDUE, "Rule – «one»"),
        Due(DeadlineKind.RHI, "rhi:1", known, summer, DeadlineStatus.DUE, "Rule two", None),
    ]
    lines = list(json_lines(found, london, {5: "W5"}))
    assert lines == [
        json.dumps(
            {
                "kind": due.kind.value,
                "case_ref": due.person.case_ref,
                "pa": {None: None, 5: "W5"}[due.person.pa_id],
                "due_at": due.due_at.astimezone(london).isoformat(),
                "status": due.status.value,
                "rule": due.rule,
            }
        )
        + "\n"
        for due in found
    ]
    assert list(text_lines(found, london, {5: "W5"}))[1] == (
        "2026-07-01T00:00:00+01:00  due      rhi              CL8        pa=W5  Rule two\n"
    )
