"""Contacts from a council's file: the day is known, how it happened is not, and the record says so."""

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError
from telegram.ext import Application

from bot.callbacks import ADVISOR, Advisor, OutOfDate
from bot.config import Settings
from bot.models import Contact, ContactMethod
from bot.services.deadlines import open_deadlines
from bot.services.imports import run_import
from bot.store import Database, contacts, people
from bot.store import db as store_db
from scheduler.deadlines import DeadlineKind, DeadlineStatus
from tests.botapi_stub import RecordingRequest
from tests.caseload import PA_CHAT, make_caseload
from tests.conftest import text_update

EXAMPLES = Path(__file__).parent.parent / "examples"
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


async def import_example(db: Database) -> None:
    imported = [
        (path.name, path.read_bytes()) for path in (EXAMPLES / "staff.csv", EXAMPLES / "caseload.csv")
    ]
    outcome = await run_import(db, imported, as_of=date(2026, 11, 23), tz=LONDON, now=NOW)
    assert outcome.applied, outcome.plan.problems


async def test_an_imported_contact_is_a_contact_but_not_a_visit(db: Database, settings: Settings) -> None:
    """Kai moved into council-provided accommodation on 1 Sep; the file's latest contact is 2 Nov, how
    not said. That contact is not a visit, so the reg 8(2) first visit (within 7 days) is still owed."""
    await import_example(db)
    kai = await people.by_case_ref(db.reader, "CL0001")
    assert kai is not None and kai.council_provided_accommodation
    [contact] = await contacts.for_person(db.reader, kai.id)
    assert (contact.contacted_on, contact.method, contact.in_person) == (
        date(2026, 11, 2),
        ContactMethod.UNRECORDED,
        None,
    )
    [due] = [
        deadline
        for deadline in await open_deadlines(db, NOW, settings)
        if deadline.case_ref == "CL0001" and deadline.kind is DeadlineKind.CONTACT
    ]
    assert due.status is DeadlineStatus.OVERDUE
    assert due.due_at.astimezone(LONDON).date() == date(2026, 9, 8)
    assert "visit within 7 days" in due.rule


async def test_an_imported_contact_counts_as_the_latest_contact(db: Database, settings: Settings) -> None:
    """Jo (not in council accommodation, contact every 365 days in her plan): the file's contact on
    10 Jun starts the next interval, though how it happened is not known."""
    await import_example(db)
    jo = await people.by_case_ref(db.reader, "CL0003")
    assert jo is not None and not jo.council_provided_accommodation
    [contact] = await contacts.for_person(db.reader, jo.id)
    assert (contact.contacted_on, contact.method) == (date(2026, 6, 10), ContactMethod.UNRECORDED)
    [due] = [
        deadline
        for deadline in await open_deadlines(db, NOW, settings)
        if deadline.case_ref == "CL0003" and deadline.kind is DeadlineKind.CONTACT
    ]
    assert (due.due_at.astimezone(LONDON).date(), due.status) == (date(2027, 6, 10), DeadlineStatus.UPCOMING)


def test_only_an_unrecorded_contact_has_unknown_in_person() -> None:
    with pytest.raises(ValidationError):
        Contact(
            young_person_id=1,
            contacted_on=date(2026, 11, 2),
            method=ContactMethod.UNRECORDED,
            in_person=False,
        )
    with pytest.raises(ValidationError):
        Contact(young_person_id=1, contacted_on=date(2026, 11, 2), method=ContactMethod.PHONE, in_person=None)


def test_a_pa_cannot_record_a_contact_as_unrecorded() -> None:
    """The PA was there: the buttons and the codec only take a method they can name."""
    with pytest.raises(OutOfDate):
        ADVISOR.decode(ADVISOR.encode(Advisor.CONTACT_METHOD, 5, "unrecorded"))
    with pytest.raises(OutOfDate):
        ADVISOR.decode(ADVISOR.encode(Advisor.CONTACT_DAY, 5, "unrecorded", 0))
    assert ADVISOR.decode(ADVISOR.encode(Advisor.CONTACT_METHOD, 5, "visit")) is not None


async def test_the_caseload_says_how_is_not_recorded(app: Application, transport: RecordingRequest) -> None:
    db = app.bot_data["runtime"].db
    team = await make_caseload(db)
    kai = await team.person("CL1", name="Kai")
    async with db.transaction() as tx:
        await contacts.add(
            tx,
            Contact(
                young_person_id=kai.id,
                contacted_on=date(2026, 11, 2),
                method=ContactMethod.UNRECORDED,
                in_person=None,
                source="import",
            ),
        )
    await app.process_update(text_update(app, PA_CHAT, "/caseload"))
    [reply] = [call.params["text"] for call in transport.calls_to("sendMessage")]
    [line] = reply.splitlines()[1:]
    assert line.endswith("Last contact Mon 2 Nov (how not recorded)")
    assert "phone" not in line


async def test_the_migration_corrects_contacts_an_import_wrote_as_phone_calls(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = store_db.available_migrations()
    before = [(name, sql) for name, sql in everything if name < "041"]
    monkeypatch.setattr(store_db, "available_migrations", lambda: before)
    database = await Database.open(settings.database.path)
    try:
        async with database.transaction() as tx:
            await tx.execute(
                "INSERT INTO young_people (id, case_ref, preferred_name, date_of_birth, category)"
                " VALUES (1, 'CL1', 'Kai', '2008-03-14', 'former_relevant')"
            )
            await tx.executemany(
                "INSERT INTO contacts (young_person_id, contacted_on, method, in_person, source)"
                " VALUES (1, ?, ?, ?, ?)",
                [
                    ("2026-09-01", "phone", 0, "import"),  # made up by the old import
                    ("2026-10-01", "phone", 0, "chat"),  # a PA's real phone call
                    ("2026-10-05", "visit", 1, "chat"),
                ],
            )
        monkeypatch.setattr(store_db, "available_migrations", lambda: everything)
        assert "041_contact_method_unrecorded.sql" in await database.migrate()
        stored = await contacts.for_person(database.reader, 1)
        assert [
            (c.contacted_on.isoformat(), c.method.value, c.in_person, c.source.value) for c in stored
        ] == [
            ("2026-09-01", "unrecorded", None, "import"),
            ("2026-10-01", "phone", False, "chat"),
            ("2026-10-05", "visit", True, "chat"),
        ]
        # The rebuilt table still wakes the reminder sweep when a contact is added.
        async with database.transaction() as tx:
            await tx.execute("UPDATE sweep_schedule SET next_at = '2027-01-01T00:00:00+00:00'")
            await contacts.add(
                tx,
                Contact(young_person_id=1, contacted_on=date(2026, 11, 1), method="video", in_person=False),
            )
        [(next_at,)] = await database.reader.execute_fetchall("SELECT next_at FROM sweep_schedule")
        assert next_at == ""
        indexes = await database.reader.execute_fetchall("PRAGMA index_list(contacts)")
        assert "contacts_person" in {row[1] for row in indexes}
    finally:
        await database.close()
